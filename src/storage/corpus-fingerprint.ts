import { createHash } from 'node:crypto';
import { walkCorpusFolder } from './corpus-walk.js';

/**
 * The snapshot format, part of every fingerprint. Bumped whenever analysis, indexed fields or the
 * file layout change: an old snapshot then no longer matches any fingerprint and is rebuilt.
 */
export const SNAPSHOT_FORMAT = 'newsbot-snapshot-3';

/**
 * A fingerprint of the corpus folder: paths, sizes and modification times of its files, plus the
 * snapshot format. Any added, removed or edited file changes it; reading file contents is not needed.
 */
export async function corpusFingerprint(dataDir: string): Promise<string> {
  const hash = createHash('sha256');
  hash.update(SNAPSHOT_FORMAT);
  // The loader's own walk: the same files, links and skips.
  for await (const entry of walkCorpusFolder(dataDir))
    if (entry.kind === 'file') hash.update(`\n${entry.path}\u0000${entry.size}\u0000${entry.mtimeMs}`);
  return hash.digest('hex');
}
