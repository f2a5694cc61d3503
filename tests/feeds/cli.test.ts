import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestTotalsLine } from '../../src/cli/ingest.js';
import { seededStateDir } from '../store/engines.js';
import { type FeedServer, fixture, serve, startFeedServer, status } from './feed-server.js';

const ROOT = join(import.meta.dirname, '../..');

const processEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'DATABASE_URL'));

function run(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      join(ROOT, 'node_modules/.bin/tsx'),
      ['src/main.ts', ...args],
      // Never the caller's database: each test names its own STATE_DIR.
      { cwd: ROOT, env: { ...processEnv, LOG_LEVEL: 'warn', FEEDS: '', ...env } },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
      },
    );
  });
}

let server: FeedServer;
let dir: string;
const DATES = { DATE_1: new Date().toISOString(), DATE_2: new Date().toUTCString() };

beforeAll(async () => {
  server = await startFeedServer({
    '/rss': serve(fixture('rss2.xml', DATES), 'application/rss+xml'),
    '/atom': serve(fixture('atom.xml', DATES), 'application/atom+xml'),
    '/broken': status(500),
  });
  dir = mkdtempSync(join(tmpdir(), 'newsbot-cli-feeds-'));
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

// Each run starts a process under tsx: seconds apiece on a busy machine.
describe('newsbot sources', { timeout: 240_000 }, () => {
  it('adds to and removes from the feeds file, then lists and polls what it holds', async () => {
    const file = join(dir, 'feeds.yml');
    writeFileSync(file, `# our feeds\nfeeds:\n  - url: ${server.url('/broken')}\n    name: Broken\n`);
    const env = {
      FEEDS_FILE: file,
      FEEDS_ALLOW_PRIVATE: 'true',
      STATE_DIR: await seededStateDir(join(dir, 'sources-state')),
    };
    const added = await run(['sources', 'add', server.url('/rss'), 'Harbour', 'Gazette'], env);
    expect(added).toMatchObject({ code: 0, stdout: `added ${server.url('/rss')} to ${file}\n` });
    expect(readFileSync(file, 'utf8')).toContain('# our feeds');
    expect(readFileSync(file, 'utf8')).toContain('name: Harbour Gazette');

    const listed = await run(['sources'], env);
    expect(listed.stdout).toContain(`Broken  ${server.url('/broken')}\n  last success never`);

    const polled = await run(['sources', '--poll', '--json'], env);
    expect(polled.code).toBe(1); // a feed is failing
    const rows = polled.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows).toMatchObject([
      { name: 'Broken', failing: true, lastError: 'HTTP 500' },
      { name: 'Harbour Gazette', failing: false, itemsTotal: 2 },
    ]);
    // The store keeps each feed's health between runs.
    const later = await run(['sources', '--json'], env);
    expect(
      later.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toMatchObject([
      { name: 'Broken', failing: true, lastError: 'HTTP 500' },
      { name: 'Harbour Gazette', failing: false, itemsTotal: 2 },
    ]);

    expect((await run(['sources', 'remove', 'broken'], env)).stdout).toBe(
      `removed ${server.url('/broken')} from ${file}\n`,
    );
    const missing = await run(['sources', 'remove', 'nothing'], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no feed matches nothing');
  });

  it('refuses a loopback feed unless FEEDS_ALLOW_PRIVATE is set, and says why', async () => {
    const polled = await run(['sources', '--poll'], {
      FEEDS: server.url('/rss'),
      FEEDS_FILE: join(dir, 'none.yml'),
      STATE_DIR: await seededStateDir(join(dir, 'loopback-state')),
    });
    expect(polled.code).toBe(1);
    expect(polled.stdout).toContain(
      '(loopback): only public addresses are fetched (FEEDS_ALLOW_PRIVATE=true lifts this)',
    );
  });
});

describe('newsbot ingest', { timeout: 120_000 }, () => {
  const stateDir = join(tmpdir(), `newsbot-cli-ingest-${process.pid}`);
  beforeAll(() => seededStateDir(stateDir));
  afterAll(() => rmSync(stateDir, { recursive: true, force: true }));
  it('imports files, folders and feed URLs once, with a totals line and JSON Lines out', async () => {
    const out = join(dir, 'ingested.jsonl');
    const result = await run(
      [
        'ingest',
        'tests/fixtures/corpus/formats/analysis.md',
        'tests/fixtures/corpus/formats/nested',
        server.url('/rss'),
        server.url('/atom'),
        server.url('/broken'),
        '--out',
        out,
      ],
      { FEEDS_ALLOW_PRIVATE: 'true', STATE_DIR: stateDir },
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${server.url('/broken')}: HTTP 500`);
    expect(result.stdout).toMatch(
      /^ingested 5 inputs: \d+ articles in \d+ stories, \d+ exact cop(y|ies) dropped, 1 problem\nkept 3 new or changed feed items in the store\n$/,
    );
    const lines = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.title)).toContain('Lighthouse keepers vote to strike over rosters');
    expect(lines.map((l) => l.title)).toContain('Mountain rescue team & volunteers honoured');
    const articles = Number(/(\d+) articles/.exec(result.stdout)?.[1]);
    expect(lines).toHaveLength(articles);
  });

  it('keeps a feed’s items in the store: a second ingest of the same feed has nothing new to keep', async () => {
    const again = await run(['ingest', server.url('/rss'), server.url('/atom')], {
      FEEDS_ALLOW_PRIVATE: 'true',
      STATE_DIR: stateDir,
    });
    expect(again.stdout).toMatch(
      /^ingested 2 inputs: 3 articles in \d+ stor(y|ies), .*\nkept 0 new or changed feed items in the store\n$/,
    );
  });

  it('the digest includes the feed articles ingested into the store', async () => {
    const result = await run(
      ['digest', '--dry-run', '--json', '--data', 'tests/fixtures/slack/articles', '--topics', 'lighthouse'],
      { STATE_DIR: stateDir },
    );
    const { stories } = JSON.parse(result.stdout) as { stories: { title: string }[] };
    expect(stories.map((s) => s.title)).toEqual(['Lighthouse keepers vote to strike over rosters']);
  });

  it('reports an input that does not exist', async () => {
    const result = await run(['ingest', 'no/such/place'], {});
    expect(result.stderr).toContain('no/such/place: no such file, folder or feed URL');
    expect(result.stdout).toBe(
      'ingested 1 input: 0 articles in 0 stories, 0 exact copies dropped, 1 problem\n',
    );
  });

  it('words its totals line', () => {
    expect(ingestTotalsLine({ inputs: 1, articles: 1, stories: 1, copies: 1, problems: 0 })).toBe(
      'ingested 1 input: 1 article in 1 story, 1 exact copy dropped, 0 problems',
    );
  });
});
