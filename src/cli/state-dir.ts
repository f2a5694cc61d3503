import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fail } from './common.js';

/** Why `dir` cannot hold newsbot's state (snapshot), or null when it can (it is created if need be). */
export function stateDirProblem(dir: string): string | null {
  const full = resolve(dir);
  // Each missing level is made on its own: a recursive mkdir under /proc retries for ever.
  const missing: string[] = [];
  let existing = full;
  for (;;) {
    const info = statSync(existing, { throwIfNoEntry: false });
    if (info !== undefined) {
      if (!info.isDirectory()) return `${existing} is not a folder`;
      break;
    }
    const parent = dirname(existing);
    if (parent === existing) return `no folder of ${full} exists`;
    missing.unshift(existing);
    existing = parent;
  }
  try {
    for (const folder of missing) mkdirSync(folder);
    accessSync(full, constants.W_OK);
  } catch (err) {
    return `cannot be created or written (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`;
  }
  return null;
}

/** Creates STATE_DIR when missing; ends the process with a message naming STATE_DIR when it cannot. */
export function ensureStateDir(dir: string): void {
  const problem = stateDirProblem(dir);
  if (problem !== null) fail(`STATE_DIR ${dir}: ${problem}; set STATE_DIR to a writable folder`);
}
