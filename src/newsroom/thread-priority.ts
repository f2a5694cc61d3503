import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/**
 * How much lower the newsroom worker's scheduling priority is than the main thread's (a nice
 * value, 0–19). On a busy machine the main thread then gets a core first when both want one, so
 * Slack's requests are read and acknowledged while a search or an indexing batch runs.
 */
export const WORKER_NICENESS = 10;

/**
 * Lowers the scheduling priority of the calling thread only — call it from a worker thread. On
 * Linux a thread's nice value is its own, set through its thread id (`/proc/thread-self`);
 * elsewhere there is no portable way, and nothing changes. Returns whether it changed.
 */
export function lowerThisThreadPriority(niceness: number = WORKER_NICENESS): boolean {
  if (process.platform !== 'linux') return false;
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    // The main thread's id is the process id: never lower the whole process's thread that reads Slack.
    if (!Number.isSafeInteger(tid) || tid === process.pid) return false;
    setPriority(tid, niceness);
    return true;
  } catch {
    return false;
  }
}
