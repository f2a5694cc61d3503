import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { isMainThread } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { lowerThisThreadPriority, WORKER_NICENESS } from '../../src/newsroom/thread-priority.js';
import { WorkerDesk } from '../../src/newsroom/worker-desk.js';

const linux = process.platform === 'linux';

/** Nice value of each thread of this process, by thread id (field 19 of /proc/self/task/N/stat). */
function niceByThread(): Map<number, number> {
  const nice = new Map<number, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      nice.set(Number(tid), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]));
    } catch {
      // The thread ended while we looked.
    }
  }
  return nice;
}

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0)) await step();
});

describe('the newsroom worker thread priority', () => {
  it.runIf(linux)(
    'is lowered for the worker thread only, never for the thread that reads Slack',
    async () => {
      const stateDir = await mkdtemp(join(tmpdir(), 'newsbot-nice-'));
      const before = niceByThread();
      const desk = new WorkerDesk(
        { dataDir: 'tests/fixtures/slack/articles', stateDir, recency: null, logLevel: 'warn' },
        createLogger('warn', new Writable({ write: (_c, _e, done) => done() })),
      );
      cleanup.push(async () => {
        await desk.close();
        await rm(stateDir, { recursive: true, force: true });
      });
      await desk.ready;
      const after = niceByThread();
      const lowered = [...after].filter(([tid, nice]) => !before.has(tid) && nice === WORKER_NICENESS);
      expect(lowered).toHaveLength(1);
      // Every thread that was there before (this one among them) keeps its priority.
      for (const [tid, nice] of before) if (after.has(tid)) expect(after.get(tid)).toBe(nice);
      const self = Number(readlinkSync('/proc/thread-self').split('/').pop());
      expect(after.get(self)).toBe(before.get(self));
    },
  );

  // The test runner's forks run tests on their main thread.
  it.runIf(linux && isMainThread)("refuses to lower the process's main thread", () => {
    const before = niceByThread().get(process.pid);
    expect(lowerThisThreadPriority()).toBe(false);
    expect(niceByThread().get(process.pid)).toBe(before);
  });
});
