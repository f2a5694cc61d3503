import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { type DeskStats, NewsroomLoadingError, NewsroomRestartingError } from '../../src/newsroom/desk.js';
import { NewsroomLoadFailedError, WorkerDesk } from '../../src/newsroom/worker-desk.js';

const FIXTURES = 'tests/fixtures/slack/articles';

let stateDir: string;
let logText: string;
let desks: WorkerDesk[];

beforeEach(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'newsbot-worker-'));
  logText = '';
  desks = [];
});
afterEach(async () => {
  await Promise.all(desks.map((d) => d.close()));
  await rm(stateDir, { recursive: true, force: true });
});

function open(dataDir: string): WorkerDesk {
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logText += String(chunk);
      done();
    },
  });
  const desk = new WorkerDesk(
    { dataDir, stateDir: join(stateDir, 'state'), recency: null, logLevel: 'info' },
    createLogger('info', sink),
  );
  desks.push(desk);
  return desk;
}

async function until(check: () => Promise<boolean>, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('WorkerDesk', () => {
  it('answers from the worker thread what the newsroom answers', async () => {
    const desk = open(FIXTURES);
    await desk.ready;
    expect(await desk.stats()).toEqual({ state: 'ready', loaded: 0, total: 0, articles: 10, stories: 10 });
    const answer = await desk.answer('bushfire', { limit: 3 });
    expect(answer.total).toBe(8);
    expect(answer.stories).toHaveLength(3);
    expect(answer.stories[0]?.article.title).toMatch(/bushfire/i);
    const id = answer.stories[0]?.article.id as string;
    expect((await desk.article(id))?.id).toBe(id);
    expect(await desk.article('no-such-id')).toBeUndefined();
    expect(await desk.latest(2)).toHaveLength(2);
  });

  it('adds and removes articles across the thread', async () => {
    const desk = open(FIXTURES);
    await desk.ready;
    const parsed = {
      id: 'new-1',
      title: 'Platypus census finds thriving colony',
      paragraphs: ['Rangers counted forty platypus along the creek this spring.'],
      published: '2025-09-09',
      source: 'Creek Times',
      url: null,
      credit: null,
      origin: 'test',
    };
    const [added, copy] = await desk.add([parsed, { ...parsed, id: 'new-2' }]);
    // The storyId crosses back alone; the desk rebuilds the article from what it sent.
    expect(added).toEqual({ ...parsed, storyId: expect.any(String) });
    expect(copy).toBeNull();
    expect((await desk.answer('platypus')).total).toBe(1);
    expect((await desk.stats()).articles).toBe(11);
    expect(await desk.remove(['new-1', 'not-there'])).toBe(1);
    expect((await desk.stats()).articles).toBe(10);
    expect((await desk.answer('platypus')).total).toBe(0);
  });

  it('says it is loading, with a count, and refuses calls until the articles are in', async () => {
    const dir = join(stateDir, 'many');
    await mkdir(dir);
    const files = 1500;
    for (let i = 0; i < files; i++) {
      await writeFile(
        join(dir, `${String(i).padStart(4, '0')}.txt`),
        `9 September, 2025\nstory-${i}\n\nArticle number ${i} is about the harvest in town ${i}.\n`,
      );
    }
    const desk = open(dir);
    await expect(desk.answer('harvest')).rejects.toBeInstanceOf(NewsroomLoadingError);
    const seen: DeskStats[] = [];
    await until(async () => {
      const stats = await desk.stats();
      seen.push(stats);
      return stats.state === 'ready';
    });
    const midway = seen.find((s) => s.state === 'loading' && s.loaded > 0);
    expect(midway?.total).toBe(files);
    expect(midway?.loaded).toBeLessThanOrEqual(files);
    expect(seen.at(-1)).toMatchObject({ state: 'ready', articles: files });
  });

  it('restarts a worker that died, from the snapshot, refusing calls meanwhile', async () => {
    const desk = open(FIXTURES);
    let restarted = 0;
    desk.onRestarted(() => restarted++);
    await desk.ready;
    expect(restarted).toBe(0);
    desk.crashWorkerForTest();
    await until(async () => (await desk.stats()).state === 'restarting');
    await expect(desk.answer('bushfire')).rejects.toBeInstanceOf(NewsroomRestartingError);
    await until(async () => (await desk.stats()).state === 'ready');
    // Told once, when the restarted worker is ready (feeds restore their articles then).
    expect(restarted).toBe(1);
    expect((await desk.answer('bushfire')).total).toBe(8);
    expect(logText).toContain('the newsroom worker stopped (exit code 70)');
    expect(logText).toMatch(/"fromSnapshot":true,"msg":"the newsroom worker is back"/);
  });

  it('fails `ready` with the reason when the articles folder is missing', async () => {
    const desk = open(join(stateDir, 'no-such-folder'));
    await expect(desk.ready).rejects.toBeInstanceOf(NewsroomLoadFailedError);
    await expect(desk.ready).rejects.toThrow(/no-such-folder/);
  });
});
