import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/** What the walk finds under the data folder. Paths are relative to it, with `/` separators. */
export type WalkEntry =
  /** A regular file (or a link to one inside the folder), with what the snapshot fingerprint needs. */
  | { kind: 'file'; path: string; size: number; mtimeMs: number }
  /** A symbolic link not followed, and why (loop, outside the folder, dangling). */
  | { kind: 'skipped-link'; path: string; reason: string };

/** The data folder is missing or is not a folder. */
export class CorpusFolderError extends Error {
  override name = 'CorpusFolderError';
}

async function assertCorpusFolder(dir: string): Promise<void> {
  const info = await stat(dir).catch(() => null);
  if (info === null) throw new CorpusFolderError(`articles folder not found: ${dir}`);
  if (!info.isDirectory()) throw new CorpusFolderError(`articles folder is not a folder: ${dir}`);
}

const byName = (a: { name: string }, b: { name: string }): number =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : 0;

/** True when `inner` is `outer` or lies below it (both real, absolute paths). */
function isWithin(inner: string, outer: string): boolean {
  const rel = relative(outer, inner);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !rel.startsWith(sep));
}

/**
 * Every file under `dir`, depth first in code-point order of names; hidden files and folders are
 * skipped. The one walk of the data folder: the loader reads what it yields and the snapshot
 * fingerprint hashes the same paths, sizes and times.
 *
 * Symbolic links are followed only when they stay inside the folder and do not lead back to a
 * folder being walked or already walked (a loop would otherwise read the same files over and
 * over). Every link not followed is yielded as `skipped-link` with the reason.
 * Throws CorpusFolderError when `dir` is missing or not a folder.
 */
export async function* walkCorpusFolder(dir: string): AsyncGenerator<WalkEntry> {
  await assertCorpusFolder(dir);
  const root = await realpath(dir);
  const walked = new Set<string>([root]);
  yield* walkInside(dir, '', root, walked);
}

async function* walkInside(
  dir: string,
  prefix: string,
  root: string,
  walked: Set<string>,
): AsyncGenerator<WalkEntry> {
  const entries = (await readdir(join(dir, prefix), { withFileTypes: true }).catch(() => [])).sort(byName);
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    const full = join(dir, path);
    if (entry.isSymbolicLink()) {
      const target = await realpath(full).catch(() => null);
      const info = target === null ? null : await stat(target).catch(() => null);
      if (target === null || info === null) {
        yield { kind: 'skipped-link', path, reason: 'link to nothing (dangling): skipped' };
      } else if (!isWithin(target, root)) {
        yield { kind: 'skipped-link', path, reason: 'link leads outside the data folder: skipped' };
      } else if (info.isDirectory()) {
        if (walked.has(target)) {
          yield { kind: 'skipped-link', path, reason: 'link leads back to a folder already read: skipped' };
        } else {
          walked.add(target);
          yield* walkInside(dir, path, root, walked);
        }
      } else if (info.isFile()) {
        yield { kind: 'file', path, size: info.size, mtimeMs: info.mtimeMs };
      }
      continue;
    }
    if (entry.isDirectory()) {
      // A real folder cannot loop; it is remembered so that a link to it is not read again.
      walked.add(await realpath(full).catch(() => full));
      yield* walkInside(dir, path, root, walked);
    } else if (entry.isFile()) {
      const info = await lstat(full).catch(() => null);
      if (info) yield { kind: 'file', path, size: info.size, mtimeMs: info.mtimeMs };
    }
  }
}
