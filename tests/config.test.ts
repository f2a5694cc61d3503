import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

const BOT = 'xoxb-1111-2222-secretbotvalue';
const APP = 'xapp-1-A111-secretappvalue';
const SECRET = 'signing-secret-value-abc123';

function errorOf(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig: modes', () => {
  it('uses console mode when no Slack credentials are set, with the defaults', () => {
    const config = loadConfig({});
    expect(config.slack).toEqual({ mode: 'console', reason: 'no Slack credentials are set' });
    expect(config).toMatchObject({
      ARTICLES_DIR: 'data/articles',
      STATE_DIR: '.newsbot',
      LOG_LEVEL: 'info',
      NEWS_REPLY: 'ephemeral',
      PORT: 3000,
      SLACK_API_URL: 'https://slack.com/api/',
    });
    expect(config.PUBLIC_BASE_URL).toBeUndefined();
  });

  it('uses Socket Mode with an app token and a bot token', () => {
    const { slack } = loadConfig({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP });
    expect(slack).toMatchObject({ mode: 'socket', botToken: BOT, appToken: APP });
  });

  it('uses HTTP mode with a signing secret and a bot token', () => {
    const { slack } = loadConfig({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET, PORT: '8080' });
    expect(slack).toMatchObject({ mode: 'http', botToken: BOT, signingSecret: SECRET });
  });

  it('prefers Socket Mode when both an app token and a signing secret are set, and says why', () => {
    const { slack } = loadConfig({
      SLACK_BOT_TOKEN: BOT,
      SLACK_APP_TOKEN: APP,
      SLACK_SIGNING_SECRET: SECRET,
    });
    expect(slack.mode).toBe('socket');
    expect(slack.reason).toContain('SLACK_SIGNING_SECRET');
  });

  it('never puts a secret in the reason', () => {
    for (const env of [
      { SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP, SLACK_SIGNING_SECRET: SECRET },
      { SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET },
    ]) {
      const { reason } = loadConfig(env).slack;
      for (const secret of [BOT, APP, SECRET]) expect(reason).not.toContain(secret);
    }
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: '', SLACK_APP_TOKEN: '' }).slack.mode).toBe('console');
  });

  it('reads the other settings', () => {
    const config = loadConfig({
      PUBLIC_BASE_URL: 'https://news.example.com/bot',
      NEWS_REPLY: 'in_channel',
      SLACK_API_URL: 'http://127.0.0.1:9999/api/',
      PORT: '0',
    });
    expect(config).toMatchObject({
      PUBLIC_BASE_URL: 'https://news.example.com/bot',
      NEWS_REPLY: 'in_channel',
      SLACK_API_URL: 'http://127.0.0.1:9999/api/',
      PORT: 0,
    });
  });
});

describe('loadConfig: half configurations and wrong values', () => {
  it('names the missing bot token when only a signing secret or app token is set', () => {
    expect(errorOf({ SLACK_SIGNING_SECRET: SECRET }).message).toMatch(
      /SLACK_BOT_TOKEN: is required because SLACK_SIGNING_SECRET is set/,
    );
    expect(errorOf({ SLACK_APP_TOKEN: APP }).message).toMatch(
      /SLACK_BOT_TOKEN: is required because SLACK_APP_TOKEN is set/,
    );
  });

  it('names both partners when only a bot token is set', () => {
    const { message } = errorOf({ SLACK_BOT_TOKEN: BOT });
    expect(message).toContain('SLACK_BOT_TOKEN');
    expect(message).toContain('SLACK_APP_TOKEN');
    expect(message).toContain('SLACK_SIGNING_SECRET');
  });

  it('rejects tokens with the wrong prefix, naming the variable but not the value', () => {
    const swapped = errorOf({ SLACK_BOT_TOKEN: APP, SLACK_APP_TOKEN: BOT });
    expect(swapped.message).toMatch(/SLACK_BOT_TOKEN: .*xoxb-/);
    expect(swapped.message).toMatch(/SLACK_APP_TOKEN: .*xapp-/);
    expect(swapped.message).not.toContain('secretbotvalue');
    expect(swapped.message).not.toContain('secretappvalue');
    expect(errorOf({ SLACK_BOT_TOKEN: 'xoxp-user-token', SLACK_SIGNING_SECRET: SECRET }).message).toContain(
      'SLACK_BOT_TOKEN',
    );
  });

  it('rejects a bad reply type, port or URL with the variable name', () => {
    expect(errorOf({ NEWS_REPLY: 'public' }).message).toContain('NEWS_REPLY');
    expect(errorOf({ PORT: 'eighty' }).message).toContain('PORT');
    expect(errorOf({ PORT: '70000' }).message).toContain('PORT');
    expect(errorOf({ PUBLIC_BASE_URL: 'javascript:alert(1)' }).message).toContain('PUBLIC_BASE_URL');
    expect(errorOf({ SLACK_API_URL: 'not a url' }).message).toContain('SLACK_API_URL');
  });
});

describe('loadConfig: ranking settings', () => {
  it('defaults to a gentle recency preference, and takes numbers from the environment', () => {
    expect(loadConfig({})).toMatchObject({ RECENCY_WEIGHT: 0.2, RECENCY_HALF_LIFE_DAYS: 3 });
    expect(loadConfig({ RECENCY_WEIGHT: '0', RECENCY_HALF_LIFE_DAYS: '7' })).toMatchObject({
      RECENCY_WEIGHT: 0,
      RECENCY_HALF_LIFE_DAYS: 7,
    });
  });

  it('names the variable when a value is wrong', () => {
    expect(errorOf({ RECENCY_WEIGHT: '-1' }).message).toMatch(/RECENCY_WEIGHT: must be 0 or more/);
    expect(errorOf({ RECENCY_HALF_LIFE_DAYS: '0' }).message).toMatch(
      /RECENCY_HALF_LIFE_DAYS: must be more than 0/,
    );
    expect(errorOf({ RECENCY_WEIGHT: 'lots' }).message).toMatch(/RECENCY_WEIGHT/);
  });
});

describe('loadConfig: service settings', () => {
  it('serves no health port and no metrics by default, and waits 10 s for replies at shutdown', () => {
    const config = loadConfig({});
    expect(config.HEALTH_PORT).toBeUndefined();
    expect(config.METRICS).toBe(false);
    expect(config.SHUTDOWN_GRACE_SECONDS).toBe(10);
  });

  it('reads HEALTH_PORT, METRICS and SHUTDOWN_GRACE_SECONDS', () => {
    expect(loadConfig({ HEALTH_PORT: '9090', METRICS: 'true', SHUTDOWN_GRACE_SECONDS: '2.5' })).toMatchObject(
      {
        HEALTH_PORT: 9090,
        METRICS: true,
        SHUTDOWN_GRACE_SECONDS: 2.5,
      },
    );
    expect(loadConfig({ METRICS: '0' }).METRICS).toBe(false);
  });

  it('names the variable when a value is wrong', () => {
    expect(errorOf({ HEALTH_PORT: 'ninety' }).message).toContain('HEALTH_PORT');
    expect(errorOf({ METRICS: 'yes please' }).message).toMatch(/METRICS: must be true or false/);
    expect(errorOf({ SHUTDOWN_GRACE_SECONDS: '-1' }).message).toMatch(
      /SHUTDOWN_GRACE_SECONDS: must be 0 or more/,
    );
  });
});

describe('loadConfig: digest and store', () => {
  it('has the digest defaults', () => {
    expect(loadConfig({})).toMatchObject({
      DIGEST_TIME: '09:00',
      DIGEST_TZ: 'UTC',
      DIGEST_SIZE: 8,
      DIGEST_EMPTY: 'skip',
      DIGEST_CATCHUP_HOURS: 6,
      DIGEST_CHANNELS: [],
    });
    expect(loadConfig({}).DATABASE_URL).toBeUndefined();
  });

  it('reads digest settings, normalising the time and the channel list', () => {
    const config = loadConfig({
      DIGEST_TIME: '7:30',
      DIGEST_TZ: 'US/Eastern',
      DIGEST_SIZE: '5',
      DIGEST_EMPTY: 'post',
      DIGEST_CATCHUP_HOURS: '2',
      DIGEST_CHANNELS: ' C0123, G0456 ,C0123',
      DATABASE_URL: 'postgres://u:p@localhost:5432/newsbot',
    });
    expect(config).toMatchObject({
      DIGEST_TIME: '07:30',
      DIGEST_TZ: 'US/Eastern',
      DIGEST_SIZE: 5,
      DIGEST_EMPTY: 'post',
    });
    expect(config.DIGEST_CHANNELS).toEqual(['C0123', 'G0456']);
  });

  it('names each bad digest or store setting with the reason', () => {
    const message = errorOf({
      DIGEST_TIME: '25:00',
      DIGEST_TZ: 'Mars/Base',
      DIGEST_SIZE: '40',
      DIGEST_EMPTY: 'maybe',
      DIGEST_CHANNELS: 'general',
      DATABASE_URL: 'mysql://x',
    }).message;
    for (const expected of [
      'DIGEST_TIME: must be a 24-hour time such as 09:00',
      'DIGEST_TZ: must be a time zone such as Europe/Paris or UTC',
      'DIGEST_SIZE: must be at most 15',
      'DIGEST_EMPTY',
      'DIGEST_CHANNELS: not channel ids (C… or G…): general',
      'DATABASE_URL: must be a postgres:// or postgresql:// URL',
    ]) {
      expect(message).toContain(expected);
    }
    expect(message).not.toContain('mysql://x');
  });
});
