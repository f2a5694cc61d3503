import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockKitViolations } from '../e2e/block-kit-limits.js';
import { FakeSlack } from '../e2e/fake-slack.js';

const ROOT = join(import.meta.dirname, '../..');
const DATA = 'tests/fixtures/slack/articles';
let stateDir: string;
const fake = new FakeSlack();

beforeAll(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'newsbot-cli-digest-'));
  await fake.start();
});
afterAll(async () => {
  await fake.stop();
  await rm(stateDir, { recursive: true, force: true });
});

/** `newsbot digest …` with its own environment (no Slack unless given, never the caller's database). */
function digest(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('SLACK_') && k !== 'DATABASE_URL'),
  );
  return new Promise((resolve) => {
    execFile(
      join(ROOT, 'node_modules/.bin/tsx'),
      ['src/main.ts', 'digest', '--data', DATA, ...args],
      { cwd: ROOT, env: { ...base, STATE_DIR: stateDir, LOG_LEVEL: 'warn', ...env } },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
      },
    );
  });
}

describe('newsbot digest', () => {
  it('--dry-run --json prints the stories, the text and valid blocks', async () => {
    // The fixtures are from September 2025: a window reaching back to them.
    const { code, stdout } = await digest([
      '--dry-run',
      '--json',
      '--since',
      '100000',
      '--size',
      '2',
      '--topics',
      'bushfire',
    ]);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as {
      stories: { title: string; url: string | null }[];
      text: string;
      blocks: unknown[];
    };
    expect(result.stories).toHaveLength(2);
    expect(Object.keys(result.stories[0] ?? {}).sort()).toEqual(
      ['alsoReportedBy', 'articleIds', 'passage', 'published', 'source', 'title', 'url'].sort(),
    );
    expect(result.text).toMatch(/^News digest — \w+day \d+ \w+/);
    expect(result.text).toContain('Topics: bushfire');
    expect(result.text).toMatch(/\d+ more stor(y|ies) today/);
    expect(blockKitViolations({ text: 'x', blocks: result.blocks })).toEqual([]);
  }, 120_000);

  it('refuses bad options with a clear message', async () => {
    expect(await digest(['--size', '0'])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('--size must be a whole number above 0'),
    });
    expect(await digest(['--post'])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('--post needs --channel'),
    });
    expect(await digest(['--post', '--channel', 'C1'])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('needs Slack credentials'),
    });
  }, 60_000);

  it('--post posts through the ledger: once a day, again with --force', async () => {
    const slack = {
      SLACK_BOT_TOKEN: 'xoxb-cli-test',
      SLACK_SIGNING_SECRET: 'secret',
      SLACK_API_URL: fake.apiUrl,
      DIGEST_EMPTY: 'post',
    };
    const first = await digest(['--post', '--channel', 'C0CLI'], slack);
    expect(first).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^posted to C0CLI \(ts \d+\.\d+\)/),
    });
    const again = await digest(['--post', '--channel', 'C0CLI'], slack);
    expect(again.stdout).toContain('already posted');
    const forced = await digest(['--post', '--channel', 'C0CLI', '--force'], slack);
    expect(forced.stdout).toMatch(/^posted to C0CLI/);
    expect(fake.callsTo('chat.postMessage').map((c) => c.args.channel)).toEqual(['C0CLI', 'C0CLI']);
    fake.script('chat.postMessage', { body: { ok: false, error: 'channel_not_found' } });
    const failed = await digest(['--post', '--channel', 'C0GONE'], slack);
    expect(failed).toMatchObject({
      code: 1,
      stdout: expect.stringContaining('not posted to C0GONE: channel_not_found'),
    });
  }, 180_000);
});
