import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { corpusFingerprint } from '../../src/storage/corpus-fingerprint.js';

describe('corpusFingerprint', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'newsbot-fingerprint-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('fingerprints a corpus folder by its files, so additions and edits are noticed', async () => {
    await writeFile(join(dir, 'a.txt'), 'one');
    const first = await corpusFingerprint(dir);
    expect(await corpusFingerprint(dir)).toBe(first);
    await writeFile(join(dir, 'a.txt'), 'one more');
    const edited = await corpusFingerprint(dir);
    expect(edited).not.toBe(first);
    await writeFile(join(dir, 'b.txt'), 'two');
    const added = await corpusFingerprint(dir);
    expect(added).not.toBe(edited);
    await writeFile(join(dir, '.hidden'), 'ignored, as the loader ignores it');
    expect(await corpusFingerprint(dir)).toBe(added);
  });
});
