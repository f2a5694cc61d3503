import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { BotTokenError, identifyBot } from '../../src/slack/app.js';
import { FakeSlack } from './fake-slack.js';

const fake = new FakeSlack();
const logger = createLogger('silent', new Writable({ write: (_c, _e, done) => done() }));
beforeAll(() => fake.start());
afterAll(() => fake.stop());

const config = () =>
  loadConfig({ SLACK_BOT_TOKEN: 'xoxb-123', SLACK_SIGNING_SECRET: 'secret', SLACK_API_URL: fake.apiUrl });

describe('identifyBot', () => {
  it("returns the bot's ids from auth.test", async () => {
    await expect(identifyBot(config(), logger)).resolves.toMatchObject({
      botId: 'B0BOT',
      botUserId: 'U0BOT',
    });
  });

  it('names SLACK_BOT_TOKEN when Slack refuses the token', async () => {
    fake.script('auth.test', { body: { ok: false, error: 'invalid_auth' } });
    const failure = identifyBot(config(), logger);
    await expect(failure).rejects.toBeInstanceOf(BotTokenError);
    await expect(failure).rejects.toThrow(/SLACK_BOT_TOKEN \(invalid_auth\)/);
  });
});
