import { z } from 'zod';
import { parseTimeOfDay, parseTimeZone } from './local-time.js';

/** How newsbot talks to Slack, decided from which credentials are set (see {@link chooseSlackMode}). */
export type SlackMode =
  | { mode: 'socket'; botToken: string; appToken: string; reason: string }
  | { mode: 'http'; botToken: string; signingSecret: string; reason: string }
  | { mode: 'console'; reason: string };

interface SlackCredentials {
  SLACK_BOT_TOKEN?: string | undefined;
  SLACK_APP_TOKEN?: string | undefined;
  SLACK_SIGNING_SECRET?: string | undefined;
}

const httpUrl = z
  .string()
  .url('must be a URL')
  .refine((u) => /^https?:\/\//i.test(u), 'must be an http(s) URL');

/** `true`/`false` (also 1/0, yes/no) as people write them in a .env file. */
const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** A comma-separated list; empty entries (a trailing comma) are ignored. */
const commaList = z.string().transform((v) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);

/**
 * Every setting newsbot reads from the environment. This module is the only reader of
 * `process.env`; everything else receives a `Config`. Secret values never appear in an error.
 */
const ConfigSchema = z
  .object({
    ARTICLES_DIR: z.string().min(1).default('data/articles'),
    STATE_DIR: z.string().min(1).default('.newsbot'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    SLACK_BOT_TOKEN: z
      .string()
      .startsWith('xoxb-', 'must be a bot token starting with xoxb- (OAuth & Permissions page)')
      .optional(),
    SLACK_APP_TOKEN: z
      .string()
      .startsWith('xapp-', 'must be an app-level token starting with xapp- (Basic Information page)')
      .optional(),
    SLACK_SIGNING_SECRET: z.string().optional(),
    /** Where the Web API client sends calls: Slack's own unless pointed at a proxy or a test server. */
    SLACK_API_URL: httpUrl.default('https://slack.com/api/'),
    /** The address people reach newsbot's article pages at, e.g. https://newsbot.example.com. */
    PUBLIC_BASE_URL: httpUrl.optional(),
    NEWS_REPLY: z.enum(['ephemeral', 'in_channel']).default('ephemeral'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    /** Socket Mode: serve /healthz, /readyz and /metrics on this port (HTTP mode serves them on PORT). */
    HEALTH_PORT: z.coerce.number().int('must be a port number').min(0).max(65535).optional(),
    /** Serve Prometheus metrics at /metrics (and collect Node's process metrics). */
    METRICS: z
      .enum(['true', 'false', '1', '0'], { message: 'must be true or false' })
      .default('false')
      .transform((v) => v === 'true' || v === '1'),
    /** On SIGTERM/SIGINT, the longest to wait for replies already acknowledged before exiting. */
    SHUTDOWN_GRACE_SECONDS: z.coerce
      .number()
      .min(0, 'must be 0 or more')
      .max(300, 'must be at most 300')
      .default(10),
    /** How much a just-published story is preferred: its score counts up to 1 + this (0 turns it off). */
    RECENCY_WEIGHT: z.coerce.number().min(0, 'must be 0 or more').max(5, 'must be at most 5').default(0.2),
    /** Age in days at which that preference has halved. */
    RECENCY_HALF_LIFE_DAYS: z.coerce.number().positive('must be more than 0').default(3),
    /** PostgreSQL for the store (several instances share it); unset: embedded PGlite under STATE_DIR/db. */
    DATABASE_URL: z
      .string()
      .refine((u) => /^postgres(ql)?:\/\//i.test(u), 'must be a postgres:// or postgresql:// URL')
      .optional(),
    /** Default local time of a digest, "HH:MM". */
    DIGEST_TIME: z
      .string()
      .refine((t) => parseTimeOfDay(t) !== null, 'must be a 24-hour time such as 09:00')
      .transform((t) => parseTimeOfDay(t) as string)
      .default('09:00'),
    /** Default zone of a digest: an IANA name such as Europe/Paris (aliases such as US/Eastern work). */
    DIGEST_TZ: z
      .string()
      .refine((t) => parseTimeZone(t) !== null, 'must be a time zone such as Europe/Paris or UTC')
      .default('UTC'),
    /** Stories in a digest. */
    DIGEST_SIZE: z.coerce
      .number()
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(15, 'must be at most 15')
      .default(8),
    /** A day with nothing new: post nothing, or one short line. */
    DIGEST_EMPTY: z.enum(['skip', 'post']).default('skip'),
    /** A digest missed while newsbot was down is still posted if at most this late. */
    DIGEST_CATCHUP_HOURS: z.coerce
      .number()
      .min(0, 'must be 0 or more')
      .max(23, 'must be at most 23')
      .default(6),
    /** Channel ids subscribed at start with the defaults, e.g. C0123,C0456. */
    DIGEST_CHANNELS: z
      .string()
      .transform((list, ctx) => {
        const ids = [
          ...new Set(
            list
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean),
          ),
        ];
        const bad = ids.filter((id) => !/^[CG][A-Z0-9]{2,20}$/.test(id));
        if (bad.length)
          ctx.addIssue({ code: 'custom', message: `not channel ids (C… or G…): ${bad.join(', ')}` });
        return ids;
      })
      .default([]),
    /** Posts per topic watch per hour; past it, one summary post for the rest of the hour. */
    WATCH_MAX_PER_HOUR: z.coerce
      .number()
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(60, 'must be at most 60')
      .default(6),
    /** Feed URLs polled besides those in FEEDS_FILE (each checked by src/feeds/sources.ts). */
    FEEDS: commaList.default([]),
    FEEDS_FILE: z.string().min(1).default('data/feeds.yml'),
    /** Default poll interval of a feed; a feed in FEEDS_FILE may set its own. */
    FEEDS_POLL_SECONDS: z.coerce.number().int().min(10, 'must be at least 10 (seconds)').default(900),
    FEEDS_TIMEOUT_SECONDS: z.coerce.number().positive('must be more than 0').max(300).default(10),
    /** Limit on a feed or page body, counted after decompression. */
    FEEDS_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1024, 'must be at least 1024')
      .default(5 * 1024 * 1024),
    FEEDS_MAX_ITEMS: z.coerce.number().int().min(1).max(10_000).default(200),
    /** Lifts the refusal of loopback, private and other non-public addresses: an admin's choice. */
    FEEDS_ALLOW_PRIVATE: flag.default(false),
    /** Fetch each new item's page and index its main text instead of the feed's summary. */
    FETCH_ARTICLE_TEXT: flag.default(false),
    /** Feed items older than this (published, else first seen) leave the index. */
    RETENTION_DAYS: z.coerce.number().positive('must be more than 0').default(90),
    /** Slack user ids allowed to add and remove sources with /news sources. */
    NEWSBOT_ADMINS: commaList
      .pipe(z.array(z.string().regex(/^[UW][A-Z0-9]+$/, 'must be Slack user ids such as U012ABCDEF')))
      .default([]),
  })
  .superRefine((env, ctx) => {
    for (const problem of halfConfigurations(env)) ctx.addIssue({ code: 'custom', ...problem });
  })
  .transform((env) => ({ ...env, slack: chooseSlackMode(env) }));

export type Config = z.infer<typeof ConfigSchema>;

/** Credentials that are set but cannot work without a partner: each names what is missing. */
function halfConfigurations(env: SlackCredentials): { path: string[]; message: string }[] {
  const { SLACK_BOT_TOKEN: bot, SLACK_APP_TOKEN: app, SLACK_SIGNING_SECRET: secret } = env;
  if (bot !== undefined && app === undefined && secret === undefined) {
    return [
      {
        path: ['SLACK_BOT_TOKEN'],
        message:
          'is set, but so must be SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode); unset it for console mode',
      },
    ];
  }
  if (bot === undefined && (app !== undefined || secret !== undefined)) {
    const given = [app !== undefined && 'SLACK_APP_TOKEN', secret !== undefined && 'SLACK_SIGNING_SECRET']
      .filter(Boolean)
      .join(' and ');
    return [{ path: ['SLACK_BOT_TOKEN'], message: `is required because ${given} is set` }];
  }
  return [];
}

/** The mode the credentials ask for, with a reason fit for the first log line (no secret in it). */
export function chooseSlackMode(env: SlackCredentials): SlackMode {
  const { SLACK_BOT_TOKEN: botToken, SLACK_APP_TOKEN: appToken, SLACK_SIGNING_SECRET: signingSecret } = env;
  if (botToken !== undefined && appToken !== undefined) {
    const also = signingSecret === undefined ? '' : ' (SLACK_SIGNING_SECRET is not needed and is ignored)';
    return {
      mode: 'socket',
      botToken,
      appToken,
      reason: `SLACK_APP_TOKEN and SLACK_BOT_TOKEN are set${also}`,
    };
  }
  if (botToken !== undefined && signingSecret !== undefined) {
    return {
      mode: 'http',
      botToken,
      signingSecret,
      reason: 'SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN are set',
    };
  }
  return { mode: 'console', reason: 'no Slack credentials are set' };
}

/** A setting that is present but wrong: the message names the variable and the reason. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable (FOO=) counts as unset, as most people expect from a .env file.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ConfigSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
