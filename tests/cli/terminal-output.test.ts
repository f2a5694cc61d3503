import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleListing } from '../../src/cli/articles.js';
import { formatProblem } from '../../src/corpus/problems.js';
import { terminalText } from '../../src/terminal-text.js';
import { runCli } from './run-cli.js';

// Set the terminal title, clear the screen, bell: what a hostile file could try.
const ATTACK = '\u001b]0;owned\u0007\u001b[2J\u009b31m';
// In logs (JSON lines) a control could only appear raw if a line were printed unescaped.
const CONTROL_IN_LOG = /[^\P{Cc}\n]/u;
const CONTROL = /[^\P{Cc}\n\t]/u;

describe('terminalText', () => {
  it('drops controls and bidi overrides, keeps newlines, tabs and every printable character', () => {
    expect(terminalText(`a${ATTACK}b\n\tc é ‘q’ \u202eevil`)).toBe('a]0;owned[2J31mb\n\tc é ‘q’ evil');
  });

  it('is applied to problem lines and article listings', () => {
    expect(formatProblem({ file: `data/x${ATTACK}.txt`, line: 2, reason: `bad ${ATTACK}` })).not.toMatch(
      CONTROL,
    );
    const listing = articleListing({
      id: 'a',
      title: `Headline${ATTACK}`,
      paragraphs: ['Body.'],
      published: null,
      source: `Outlet${ATTACK}`,
      url: null,
      credit: null,
      origin: `x${ATTACK}.txt`,
      storyId: 'a',
    });
    expect(listing).not.toMatch(CONTROL);
    expect(listing).toContain('Headline]0;owned[2J31m');
  });
});

describe('commands print no control characters from files', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'newsbot-controls-'));
    await writeFile(
      join(dir, `story${ATTACK}.txt`),
      `Headline ${ATTACK}here\n\nBody text ${ATTACK}about rates.\n`,
    );
    await writeFile(join(dir, `empty${ATTACK}.txt`), '');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('check, articles and summarize', async () => {
    const runs = await Promise.all([
      runCli(['check', '--data', dir]),
      runCli(['articles', '--data', dir]),
      runCli(['summarize', join(dir, `story${ATTACK}.txt`), join(dir, `empty${ATTACK}.txt`)]),
    ]);
    const [check, articles, summarize] = runs;
    expect(check?.stdout).toMatch(/empty.*\.txt: empty file/);
    expect(articles?.stdout).toMatch(/Headline .*here/);
    expect(summarize?.stdout).toMatch(/Body text .*about rates/);
    for (const run of runs) {
      expect(run.stdout).not.toMatch(CONTROL);
      expect(run.stderr).not.toMatch(CONTROL_IN_LOG);
    }
  }, 60_000);
});
