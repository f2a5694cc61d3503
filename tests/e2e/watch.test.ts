import type { webApi } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import type { ParsedArticle } from '../../src/corpus/article.js';
import { ManualClock } from '../../src/digest/clock.js';
import { createLogger } from '../../src/logger.js';
import { InProcessDesk } from '../../src/newsroom/desk.js';
import { Newsroom } from '../../src/newsroom/newsroom.js';
import { announcingSink } from '../../src/watches/announcing-sink.js';
import { ArticlesAddedHook } from '../../src/watches/articles-added.js';
import { type WatchCommandDeps, watchRuntime } from '../../src/watches/start.js';
import { useEngine } from '../store/engines.js';
import { blockKitViolations } from './block-kit-limits.js';
import { useStoreApp } from './store-app.js';

useEngine({ name: 'pglite', skip: false });
const clock = new ManualClock('2026-11-29T11:00:00Z');
const hook = new ArticlesAddedHook(createLogger('silent'));
const desk = new InProcessDesk(new Newsroom({ recency: null }));
let deps: WatchCommandDeps | undefined;
const app = useStoreApp({
  now: () => clock.now(),
  desk: async () => desk,
  feature: ({ config, logger, store }) => {
    const runtime = watchRuntime({ config, logger, store, hook, desk, clock });
    const watch = (client: webApi.WebClient) => {
      deps = runtime.commandDeps(client);
      return deps;
    };
    return { app: { watch }, stop: () => runtime.stop() };
  },
});
const { fake } = app;
const news = async (text: string): Promise<string> => (await app.news(text)).text;

function item(id: string, source: string): ParsedArticle {
  return {
    id,
    title: 'Russian drones cross into Poland overnight',
    paragraphs: [
      `${source}: Poland scrambled jets after several drones entered its airspace overnight.`,
      'The defence ministry said debris fell near a village in the east of the country.',
    ],
    published: '2026-11-29T11:10:00Z',
    source,
    url: `https://news.example.com/${id}`,
    credit: null,
    origin: `feed:${id}`,
  };
}

describe('/news watch over the real Bolt app', () => {
  it('saves a watch, posts a new story from a feed once, threads the next outlet, lists and stops it', async () => {
    const on = await news('watch drones poland -sport');
    expect(on).toContain('Watching drones poland -sport in this channel');
    expect(on).toContain('Understood as: searched for drones, poland · without sport');
    const id = /watch (\d+)\)/.exec(on)?.[1];
    expect(id).toBeDefined();

    clock.set('2026-11-29T11:30:00Z');
    // A feed poll through the sink serve uses: new items are announced to the watches.
    const sink = announcingSink(desk, hook, () => clock.now());
    await sink.add([item('f1', 'Perth Now')], new Set(['f1']));
    await deps?.service.settled();
    await sink.add([item('f2', 'Canberra Times')], new Set(['f2']));
    // An item the poller did not mark fresh (an update, a back catalogue) is not announced.
    await sink.add([item('f3', 'The Age')], new Set());
    await deps?.service.settled();

    const posts = fake.callsTo('chat.postMessage').filter((c) => c.args.channel === 'C0CHANNEL');
    expect(posts).toHaveLength(2);
    const [post, reply] = posts;
    expect(post?.args.thread_ts).toBeUndefined();
    expect(blockKitViolations({ text: post?.args.text, blocks: post?.blocks })).toEqual([]);
    expect(JSON.stringify(post?.blocks)).toContain(`watch: drones poland -sport · \`/news watch off ${id}\``);
    expect(reply?.args.thread_ts).toBeTruthy();
    expect(reply?.args.text).toBe('also reported by Canberra Times');

    const list = await news('watch list');
    expect(list).toContain(`${id} — drones poland -sport · by <@U0ALICE> · 1 hit · last post: 29 Nov 2026`);
    expect(await news(`watch off ${id}`)).toContain(`Stopped watch ${id}.`);
    expect(await news('watch list')).toContain('No watches in this channel');
    expect(await news('watch the of')).toContain('A watch needs at least one word');
  });
});
