import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lockStateDir, StoreLockedError } from '../../src/store/lock.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'newsbot-lock-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A pid that is certainly not running: a child that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid as number;
}

describe('STATE_DIR lock', () => {
  it('refuses a second holder while the first lives, naming STATE_DIR and DATABASE_URL', async () => {
    const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      await writeFile(join(dir, 'db.lock'), JSON.stringify({ pid: sleeper.pid, host: hostname() }));
      const err = await lockStateDir(dir).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StoreLockedError);
      expect((err as Error).message).toContain(`STATE_DIR (${dir})`);
      expect((err as Error).message).toContain('DATABASE_URL');
    } finally {
      sleeper.kill();
    }
  });

  it('takes over a stale lock left by a killed process, and releases it', async () => {
    await writeFile(join(dir, 'db.lock'), JSON.stringify({ pid: await deadPid(), host: hostname() }));
    const lock = await lockStateDir(dir);
    expect(JSON.parse(await readFile(lock.path, 'utf8'))).toEqual({ pid: process.pid, host: hostname() });
    await lock.release();
    const again = await lockStateDir(dir);
    await again.release();
  });

  it('takes over a damaged lock file', async () => {
    await writeFile(join(dir, 'db.lock'), 'not json');
    const lock = await lockStateDir(dir);
    await lock.release();
  });

  it('refuses a lock held from another host', async () => {
    await writeFile(join(dir, 'db.lock'), JSON.stringify({ pid: 1, host: 'elsewhere' }));
    await expect(lockStateDir(dir)).rejects.toThrow(/host elsewhere/);
  });
});
