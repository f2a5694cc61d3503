import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summarizeFile } from '../../src/cli/summarize.js';
import { runCli } from './run-cli.js';

const ARTICLE = `Council approves new harbour bridge

The city council approved a new harbour bridge on Tuesday after a two-year debate. The bridge will cost $1.2 billion and open in 2029.

Engineers said the design can carry trams as well as cars. The mayor called the vote a turning point for the harbour.

Residents near the eastern landing raised concerns about noise during construction. The council promised quiet hours after 7 p.m. on weekdays.

Funding comes from the state government and a new toll. Critics said the toll would hurt commuters from the outer suburbs.
`;

let dir: string;
let file: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'newsbot-summarize-'));
  file = join(dir, 'bridge.txt');
  await writeFile(file, ARTICLE);
  await writeFile(join(dir, 'empty.txt'), '');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('summarizeFile', () => {
  it('gives the lead summary with the requested number of sentences, from the body only', () => {
    const summary = summarizeFile(file, 2);
    expect(summary.error).toBeUndefined();
    expect(summary.sentences).toHaveLength(2);
    for (const s of summary.sentences) {
      expect(ARTICLE).toContain(s);
      expect(s).not.toBe('Council approves new harbour bridge');
    }
  });

  it('gives the passage that answers a query', () => {
    const summary = summarizeFile(file, 1, 'noise construction');
    expect(summary.sentences).toEqual([
      'Residents near the eastern landing raised concerns about noise during construction.',
    ]);
  });

  it('names the reason when a file has no article', () => {
    expect(summarizeFile(join(dir, 'empty.txt'), 3).error).toMatch(/empty/);
    expect(summarizeFile(join(dir, 'missing.txt'), 3).error).toMatch(/cannot read: ENOENT/);
  });
});

describe('newsbot summarize', () => {
  it('prints one JSON line per file and exits 1 when a file failed', async () => {
    const run = await runCli(['summarize', '--json', '--sentences', '1', file, join(dir, 'missing.txt')]);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ file, sentences: [expect.any(String)] });
    expect(lines[1]).toMatchObject({ file: join(dir, 'missing.txt'), sentences: [] });
    expect(run.code).toBe(1);
  });

  it('rejects a bad --sentences value with a clear message', async () => {
    const run = await runCli(['summarize', '--sentences', 'many', file]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/--sentences.*whole number/);
  });
});
