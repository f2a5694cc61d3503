import { mkdir, open, readFile, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';

/** Another live process holds the embedded store. The message says what to do about it. */
export class StoreLockedError extends Error {
  override name = 'StoreLockedError';
}

const LockContents = z.object({ pid: z.number().int(), host: z.string() });

export interface DirectoryLock {
  path: string;
  release(): Promise<void>;
}

/** Is a process with this id running on this machine? (EPERM: it exists but is someone else's.) */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes `STATE_DIR/db.lock`: PGlite does not lock its folder, and two processes writing one
 * folder corrupt it. A lock whose process is gone (killed, crashed) is taken over; a live one
 * ends with a message naming STATE_DIR and pointing at DATABASE_URL.
 */
export async function lockStateDir(stateDir: string): Promise<DirectoryLock> {
  await mkdir(stateDir, { recursive: true });
  const path = join(stateDir, 'db.lock');
  const me = JSON.stringify({ pid: process.pid, host: hostname() });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const file = await open(path, 'wx');
      await file.writeFile(me);
      await file.close();
      let released = false;
      const release = async () => {
        if (released) return;
        released = true;
        // Only our own lock: a later holder's (after a takeover) stays.
        const holder = LockContents.safeParse(await readJson(path));
        if (holder.success && holder.data.pid === process.pid && holder.data.host === hostname()) {
          await unlink(path).catch(() => undefined);
        }
      };
      return { path, release };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holder = LockContents.safeParse(await readJson(path));
    if (holder.success && holder.data.pid !== process.pid) {
      const { pid, host } = holder.data;
      if (host !== hostname()) {
        throw new StoreLockedError(
          `the embedded store in STATE_DIR (${stateDir}) is locked by a newsbot on host ${host} (pid ${pid}); ` +
            `if that host is gone, delete ${path}. To run several instances, set DATABASE_URL to one PostgreSQL database.`,
        );
      }
      if (isAlive(pid)) {
        throw new StoreLockedError(
          `the embedded store in STATE_DIR (${stateDir}) is in use by another newsbot (pid ${pid}). ` +
            'Stop it, give this one another STATE_DIR, or set DATABASE_URL so that several instances share one PostgreSQL database.',
        );
      }
    }
    // Stale: its process is gone (killed, crashed), or the file is unreadable. Take it over.
    await unlink(path).catch(() => undefined);
  }
  throw new StoreLockedError(`could not take the lock ${path} in STATE_DIR (${stateDir})`);
}

async function readJson(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8'));
  } catch {
    return null;
  }
}
