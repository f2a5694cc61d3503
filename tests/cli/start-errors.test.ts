import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlack } from '../e2e/fake-slack.js';
import { runCli } from './run-cli.js';

const FIXTURES = 'tests/fixtures/slack/articles';
let stateDir: string;

beforeAll(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'newsbot-start-'));
});
afterAll(async () => {
  await rm(stateDir, { recursive: true, force: true });
});

/** No line of a stack trace ("    at fn (file:1:2)"). */
const STACK_LINE = /^\s+at /m;

describe('starting newsbot wrong', () => {
  it('names a mistyped command and suggests the right one', async () => {
    const run = await runCli(['serach', 'ukraine']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("unknown command 'serach' (did you mean search?)");
    expect(run.stderr).not.toContain('too many arguments');
  });

  it('still serves without a command name (flags go to serve)', async () => {
    const run = await runCli(['--data', 'no-such-folder-here'], { STATE_DIR: join(stateDir, 'a') });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('articles folder not found: no-such-folder-here');
    expect(run.stderr).not.toMatch(STACK_LINE);
  });

  it('fails fast, naming STATE_DIR, when STATE_DIR cannot be created', async () => {
    for (const command of [['ask', 'bushfire'], ['serve']]) {
      const run = await runCli([...command, '--data', FIXTURES], { STATE_DIR: '/proc/newsbot-test/state' });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/^newsbot: STATE_DIR \/proc\/newsbot-test\/state: .+$/m);
      expect(run.stderr).not.toMatch(STACK_LINE);
    }
  });

  it('says in one line that PORT is taken, and exits 1', async () => {
    const fake = new FakeSlack();
    await fake.start();
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const run = await runCli(['serve', '--data', FIXTURES], {
        SLACK_BOT_TOKEN: 'xoxb-test',
        SLACK_SIGNING_SECRET: 'secret',
        SLACK_API_URL: fake.apiUrl,
        PORT: String(port),
        STATE_DIR: join(stateDir, 'b'),
        LOG_LEVEL: 'silent',
      });
      expect(run.code).toBe(1);
      expect(run.stderr).toBe(
        `newsbot: PORT ${port} is already in use by another program: stop it or set PORT to a free port\n`,
      );
    } finally {
      blocker.close();
      await fake.stop();
    }
  });
});
