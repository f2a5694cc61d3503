import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { ParsedArticle } from '../../src/corpus/article.js';
import type { Clock } from '../../src/digest/clock.js';
import { DigestService, type DigestSettings } from '../../src/digest/service.js';
import { SlackDigestPoster } from '../../src/digest/slack-poster.js';
import { createLogger } from '../../src/logger.js';
import { InProcessDesk } from '../../src/newsroom/desk.js';
import { Newsroom } from '../../src/newsroom/newsroom.js';
import type { DatabaseTarget } from '../../src/store/open.js';
import { Store } from '../../src/store/store.js';
import { FakeSlack } from '../e2e/fake-slack.js';
import { sharedPglite } from '../store/engines.js';

export const silent = createLogger('silent');

const TOPICS = [
  ['bushfire', 'Firefighters battled a bushfire near the ridge as winds rose through the afternoon.'],
  ['election', 'Voters queued at polling booths as the election count began in marginal seats.'],
  ['rates', 'The central bank left interest rates on hold, citing easing inflation in services.'],
  ['drought', 'Farmers said the drought had cut their wheat harvest by half across the district.'],
  ['flood', 'Residents were evacuated as the river flood peaked above the levee overnight.'],
  ['strike', 'Train drivers began a strike over rosters, halting services on three lines.'],
] as const;
const NOUNS = 'orchard violin glacier lantern meadow copper teapot pigeon canyon velvet tundra quarry'.split(
  ' ',
);

let counter = 0;
/** A distinct article on one of a few topics (same `story` + different source = the same story). */
export function article(
  topic: number,
  fields: Partial<ParsedArticle> & { published: string | null },
  variant = ++counter,
): ParsedArticle {
  const [word, lead] = TOPICS[topic % TOPICS.length] ?? TOPICS[0];
  const noun = NOUNS[variant % NOUNS.length];
  return {
    id: `art-${topic}-${variant}`,
    title: `${word[0]?.toUpperCase()}${word.slice(1)} report ${topic}`,
    paragraphs: [
      lead,
      `Officials said the ${word} response in district ${topic} would continue through the week.`,
      `A resident near the ${noun} said the ${word} had changed plans for many families in district ${topic}.`,
    ],
    source: 'Daily Planet',
    url: `https://news.example.com/${word}/${topic}`,
    credit: null,
    origin: `fixture-${topic}-${variant}.txt`,
    ...fields,
  };
}

export function newsroomOf(articles: ParsedArticle[]): Newsroom {
  return Newsroom.fromArticles(articles, { recency: null });
}

export const SETTINGS: DigestSettings = {
  size: 8,
  empty: 'skip',
  catchupHours: 6,
  defaultTime: '09:00',
  defaultZone: 'UTC',
  publicBaseUrl: null,
};

/** A posting client as the app builds it: no retries of its own, rate limits rejected to the poster. */
export function postingClient(fake: FakeSlack): webApi.WebClient {
  return new webApi.WebClient('xoxb-test', {
    slackApiUrl: fake.apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    logger: {
      debug() {},
      info() {},
      warn() {},
      error() {},
      setLevel() {},
      getLevel: () => 'error' as never,
      setName() {},
    },
  });
}

export async function openedStore(target: DatabaseTarget): Promise<Store> {
  const store = new Store(target, { logger: silent, initialBackoffMs: 50 }).start();
  await store.ready();
  return store;
}

export function serviceFor(options: {
  store: Store;
  newsroom: Newsroom;
  fake: FakeSlack;
  clock: Clock;
  settings?: Partial<DigestSettings>;
}): DigestService {
  return new DigestService({
    store: options.store,
    desk: new InProcessDesk(options.newsroom),
    poster: new SlackDigestPoster(postingClient(options.fake), options.clock, silent),
    clock: options.clock,
    settings: { ...SETTINGS, ...options.settings },
    logger: silent,
  });
}

/** Posts the fake received, as [channel, header text] pairs. */
export function posts(fake: FakeSlack): { channel: string; header: string; blocks: unknown[] }[] {
  return fake.callsTo('chat.postMessage').map((c) => ({
    channel: c.args.channel as string,
    header: ((c.blocks[0] as { text?: { text?: string } })?.text?.text ?? '') as string,
    blocks: c.blocks,
  }));
}

/**
 * The store (shared PGlite, opened once per file) and a fresh fake Slack per test that the digest
 * tests run against; fields are filled in by the hooks, so read them inside tests.
 */
export function useStoreAndFakeSlack(): { store: Store; fake: FakeSlack } {
  const world = {} as { store: Store; fake: FakeSlack };
  beforeAll(async () => {
    world.store = await openedStore({ engine: 'pglite-instance', pglite: await sharedPglite() });
  });
  afterAll(async () => {
    await world.store?.close();
  });
  beforeEach(async () => {
    await world.fake?.stop();
    world.fake = new FakeSlack();
    await world.fake.start();
  });
  return world;
}
