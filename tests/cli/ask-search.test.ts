import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEADLINES_WITHOUT_HITS } from '../../src/replies/rules.js';
import { runCli } from './run-cli.js';

const ROOT = join(import.meta.dirname, '../..');
const ARTICLES = join(ROOT, 'tests/fixtures/slack/articles');

// The commands keep their index snapshot in STATE_DIR: a temporary one, so the repo's stays untouched.
let stateDir: string;
beforeAll(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'newsbot-cli-state-'));
  process.env.STATE_DIR = stateDir;
});
afterAll(async () => {
  delete process.env.STATE_DIR;
  await rm(stateDir, { recursive: true, force: true });
});

const withArticles = (args: string[]) => [...args, '--data', ARTICLES];

describe('newsbot ask', () => {
  it('prints the /news answer as JSON with the agreed shape', async () => {
    const run = await runCli(withArticles(['ask', '--json', 'bushfire', 'Gippsland']));
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(Object.keys(result).sort()).toEqual(['query', 'stories', 'text', 'total'].sort());
    expect(result.query).toBe('bushfire Gippsland');
    expect(result.total).toBeGreaterThan(1);
    const first = result.stories[0];
    expect(first.title).toBe('Bushfire jumps highway in Gippsland, two homes lost');
    expect(first).toMatchObject({ source: 'ABC News', articleIds: ['fire-2'] });
    expect(first.passage.length).toBeGreaterThan(0);
    expect(first.passage.length).toBeLessThanOrEqual(500);
    expect(Array.isArray(first.alsoReportedBy)).toBe(true);
    expect(result.text).toContain('Bushfire jumps highway in Gippsland');
  });

  it('answers a query with no hits with a helpful text, not an error', async () => {
    const run = await runCli(withArticles(['ask', '--json', 'zzqxv']));
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.total).toBe(0);
    expect(result.stories).toEqual([]);
    expect(result.text).toMatch(/No stories matched/i);
    // The same reply as /news: the latest headlines, as many as Slack shows.
    const headlines = String(result.text).split('Latest headlines')[1] ?? '';
    expect(headlines.match(/^• /gm)).toHaveLength(HEADLINES_WITHOUT_HITS);
  });

  it('prints readable text by default', async () => {
    const run = await runCli(withArticles(['ask', 'Albanese']));
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Albanese says Australia stands with Ukraine');
    expect(() => JSON.parse(run.stdout)).toThrow();
  });
});

/** Runs `search` with queries on standard input, resolving each output line as it arrives. */
function searchSession(queries: string[]): Promise<{ lines: string[]; code: number | null }> {
  return new Promise((resolve) => {
    const child = spawn(
      join(ROOT, 'node_modules/.bin/tsx'),
      ['src/main.ts', ...withArticles(['search', '--limit', '3'])],
      {
        cwd: ROOT,
        env: { ...process.env, STATE_DIR: stateDir },
      },
    );
    const lines: string[] = [];
    let buffered = '';
    let sent = 0;
    const sendNext = () => {
      const next = queries[sent++];
      if (next === undefined) child.stdin.end();
      else child.stdin.write(`${next}\n`);
    };
    // Each query is sent only after the previous answer came back: proves answers are flushed per line.
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      let newline = buffered.indexOf('\n');
      while (newline >= 0) {
        lines.push(buffered.slice(0, newline));
        buffered = buffered.slice(newline + 1);
        newline = buffered.indexOf('\n');
        sendNext();
      }
    });
    child.on('close', (code) => resolve({ lines, code }));
    sendNext();
  });
}

describe('newsbot search', () => {
  it('answers each line of standard input as soon as it is read, with article ids best first', async () => {
    const queries = ['Gippsland', 'bushfire', '', 'since:banana', '"unbalanced quote'];
    const { lines, code } = await searchSession(queries);
    expect(code).toBe(0);
    const answers = lines.map((l) => JSON.parse(l));
    expect(answers.map((a) => a.query)).toEqual(queries);
    expect(answers[0].ids[0]).toBe('fire-2');
    expect(answers[1].ids).toHaveLength(3);
    expect(answers[2].ids).toEqual([]);
    for (const a of answers) expect(Object.keys(a).sort()).toEqual(['ids', 'query']);
  });

  it('takes the query as arguments too, and rejects a bad --limit', async () => {
    const run = await runCli(withArticles(['search', 'Albanese']));
    expect(JSON.parse(run.stdout)).toEqual({ query: 'Albanese', ids: ['albanese-1'] });
    const bad = await runCli(withArticles(['search', '--limit', '0', 'x']));
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/--limit/);
  });
});
