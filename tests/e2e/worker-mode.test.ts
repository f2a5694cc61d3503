import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkerDesk } from '../../src/newsroom/worker-desk.js';
import { type Harness, sendNews, startHarness } from './app-harness.js';

/** `serve`'s arrangement: the newsroom in a worker thread, loading while Slack already gets answers. */
let h: Harness;
let dataDir: string;
let seq = 0;
const FILES = 1500;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'newsbot-worker-e2e-'));
  await mkdir(join(dataDir, 'wire'));
  for (let i = 0; i < FILES; i++) {
    await writeFile(
      join(dataDir, 'wire', `${String(i).padStart(4, '0')}.txt`),
      `9 September, 2025\nharvest-report-${i}\n\nFarmers in district ${i} report a record harvest of wheat number ${i}.\n`,
    );
  }
  h = await startHarness({}, { desk: 'worker', waitForLoad: false, dataDir });
});
afterAll(async () => {
  await h?.close();
  await rm(dataDir, { recursive: true, force: true });
});

const news = (text: string) => sendNews(h, text, `w${++seq}`);

async function health(): Promise<Record<string, unknown>> {
  return (await (await fetch(`${h.base}/healthz`)).json()) as Record<string, unknown>;
}

async function until(check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('serve with the newsroom in a worker thread', () => {
  it('says "still loading" with a count while the articles load, then answers', async () => {
    const loading = await health();
    expect(loading).toMatchObject({ ok: true, state: 'loading' });
    const reply = await news('harvest');
    expect(String(reply.text)).toMatch(
      /^Still loading the articles( \(\d+ of \d+\))?, try again in a moment\.$/,
    );
    expect(reply.response_type).toBe('ephemeral');
    let counted: Record<string, unknown> | undefined;
    await until(async () => {
      const body = await health();
      if (body.state === 'loading' && Number(body.loaded) > 0) counted = body;
      return body.state === 'ready';
    });
    expect(counted?.total).toBe(FILES);
    expect(await health()).toMatchObject({ state: 'ready', articles: FILES });
    expect(String((await news('harvest')).text)).toMatch(/Top stories/);
  });

  it('answers "one moment" while a crashed worker restarts, then answers again', async () => {
    await until(async () => (await health()).state === 'ready');
    (h.desk as WorkerDesk).crashWorkerForTest();
    await until(async () => (await health()).state === 'restarting');
    expect(String((await news('harvest')).text)).toMatch(/^One moment — newsbot is restarting its newsroom/);
    await until(async () => (await health()).state === 'ready');
    expect(String((await news('harvest')).text)).toMatch(/Top stories/);
    expect(h.logs()).toContain('the newsroom worker stopped (exit code 70)');
  });
});
