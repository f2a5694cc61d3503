import { createHash } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The snapshot format, part of every fingerprint. Bumped whenever analysis, indexed fields or the
 * file layout change: an old snapshot then no longer matches any fingerprint and is rebuilt.
 */
export const SNAPSHOT_FORMAT = 'newsbot-snapshot-3';

/** Every file under `dir` (hidden ones skipped, as the loader does), with size and modification time. */
async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const lines: string[] = [];
  const entries = await readdir(join(dir, prefix), { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    const info = await stat(join(dir, path)).catch(() => null);
    if (info?.isDirectory()) lines.push(...(await listFiles(dir, path)));
    else if (info?.isFile()) lines.push(`${path}\u0000${info.size}\u0000${info.mtimeMs}`);
  }
  return lines;
}

/**
 * A fingerprint of the corpus folder: paths, sizes and modification times of its files, plus the
 * snapshot format. Any added, removed or edited file changes it; reading file contents is not needed.
 */
export async function corpusFingerprint(dataDir: string): Promise<string> {
  const hash = createHash('sha256');
  hash.update(SNAPSHOT_FORMAT);
  for (const line of await listFiles(dataDir)) hash.update(`\n${line}`);
  return hash.digest('hex');
}
