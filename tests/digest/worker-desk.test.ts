import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { InProcessDesk } from '../../src/newsroom/desk.js';
import { Newsroom } from '../../src/newsroom/newsroom.js';
import { WorkerDesk } from '../../src/newsroom/worker-desk.js';
import { fingerprints } from '../../src/store/articles.js';

const FIXTURES = 'tests/fixtures/slack/articles';
let stateDir: string;
let worker: WorkerDesk;
let local: InProcessDesk;

beforeAll(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'newsbot-digest-worker-'));
  const logger = createLogger('silent');
  worker = new WorkerDesk(
    { dataDir: FIXTURES, stateDir: join(stateDir, 'a'), recency: null, logLevel: 'silent' },
    logger,
  );
  await worker.ready;
  const { newsroom } = await Newsroom.open({
    dataDir: FIXTURES,
    stateDir: join(stateDir, 'b'),
    logger,
    progress: 'off',
    recency: null,
  });
  local = new InProcessDesk(newsroom);
});
afterAll(async () => {
  await worker?.close();
  await rm(stateDir, { recursive: true, force: true });
});

describe('the digest across the newsroom thread', () => {
  it('selects the same digest in the worker as in this thread, first-seen times included', async () => {
    const ids = (await local.fingerprints()).map((f) => f.id);
    const query = {
      topics: 'bushfire',
      since: new Date('2025-09-10T00:00:00Z'),
      now: new Date('2025-09-18T00:00:00Z'),
      size: 3,
      firstSeen: new Map([[ids[0] as string, Date.parse('2025-09-17T00:00:00Z')]]),
    };
    const [there, here] = await Promise.all([worker.digest(query), local.digest(query)]);
    expect(there.total).toBeGreaterThan(3);
    expect(there.stories).toHaveLength(3);
    expect(there).toEqual(here);
  });

  it('gives the loaded articles’ ids and content hashes for the data-folder sync', async () => {
    const there = await worker.fingerprints();
    expect(there).toHaveLength(10);
    expect(new Set(there.map((f) => f.hash)).size).toBe(10);
    expect(there.sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      fingerprints(local.newsroom.articles()).sort((a, b) => a.id.localeCompare(b.id)),
    );
  });

  it('counts the articles holding each word for the watches, in the worker as in this thread', async () => {
    const terms = ['bushfir', 'evacu', 'nosuchword'];
    const [there, here] = await Promise.all([
      worker.documentFrequencies(terms),
      local.documentFrequencies(terms),
    ]);
    expect(there).toEqual(here);
    expect(there.articles).toBe(10);
    const [bushfire, evacuation, none] = there.frequencies;
    expect(evacuation).toBeGreaterThan(0);
    expect(none).toBe(0);
    // Each count is the articles that hold the word, read from the articles themselves.
    const holding = [...local.newsroom.articles()].filter((a) =>
      /bushfire/i.test(`${a.title} ${a.paragraphs.join(' ')}`),
    ).length;
    expect(bushfire).toBe(holding);
  });
});
