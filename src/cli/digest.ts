import { webApi } from '@slack/bolt';
import { Command, InvalidArgumentError } from 'commander';
import { systemClock } from '../digest/clock.js';
import { DigestService } from '../digest/service.js';
import { SlackDigestPoster } from '../digest/slack-poster.js';
import { digestSettings, openStore } from '../digest/start.js';
import { hint } from '../digest/status.js';
import { FeedArticleSync } from '../feeds/article-sync.js';
import { SqlFeedStateStore } from '../feeds/sql-state-store.js';
import { renderMessageAsText } from '../slack/console/render-text.js';
import { StoreLockedError } from '../store/lock.js';
import { databaseTarget } from '../store/open.js';
import { Store } from '../store/store.js';
import { commandContext, withDataOption } from './common.js';
import { openInProcessDesk } from './open-newsroom.js';
import { storyJson } from './story-json.js';

interface DigestOptions {
  data?: string;
  dryRun?: boolean;
  json?: boolean;
  topics?: string;
  size?: number;
  since?: number;
  post?: boolean;
  channel?: string;
  force?: boolean;
}

/** How long the CLI waits for the store before going on without it (dry run) or giving up (post). */
const STORE_WAIT_MS = 60_000;

function positiveNumber(name: string, integer: boolean) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) {
      throw new InvalidArgumentError(`${name} must be a ${integer ? 'whole ' : ''}number above 0`);
    }
    return n;
  };
}

async function storeWithin(store: Store, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const ready = await Promise.race([
    store.ready().then(() => true),
    new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), ms);
    }),
  ]);
  clearTimeout(timer);
  return ready;
}

/**
 * `digest --dry-run`: what would be posted now, as text or JSON. `digest --post --channel C`: posts
 * it now through the ledger, so it goes out once per local day (`--force` posts again).
 */
export function digestCommand(): Command {
  return withDataOption(
    new Command('digest')
      .description('show the daily digest as it would be posted now, or post it to a channel')
      .option('--dry-run', 'print what would be posted now (the default)')
      .option('--json', 'with --dry-run: print {"stories":[...],"text","blocks"}')
      .option('--topics <query>', 'only stories matching this /news query')
      .option('--size <n>', 'stories shown (default DIGEST_SIZE)', positiveNumber('--size', true))
      .option('--since <hours>', 'window in hours (default 24)', positiveNumber('--since', false))
      .option('--post', 'post it now, once per local day (needs SLACK_BOT_TOKEN)')
      .option('--channel <id>', 'with --post: the channel (or user) id to post to')
      .option('--force', 'with --post: post even if today’s digest went out already'),
  ).action(async (options: DigestOptions) => {
    const context = commandContext(options);
    const { config, logger } = context;
    if (options.post && !options.channel) fail('--post needs --channel C0123456 (a channel or user id)');
    if (options.post && config.slack.mode === 'console') {
      fail(
        '--post needs Slack credentials: set SLACK_BOT_TOKEN (and SLACK_APP_TOKEN or SLACK_SIGNING_SECRET)',
      );
    }
    let store: Store;
    let locked = false;
    try {
      store = await openStore(config, logger.child({}, { level: 'warn' }));
    } catch (err) {
      if (!(err instanceof StoreLockedError)) throw err;
      if (options.post) fail(err.message);
      process.stderr.write(
        `newsbot: ${err.message}\nnewsbot: going on without the store: undated articles are left out.\n`,
      );
      locked = true;
      // Never started: every use says "unavailable", and the dry run goes on without it.
      store = new Store(databaseTarget(config), { logger });
    }
    const { desk } = await openInProcessDesk(context);
    const storeUp = !locked && (await storeWithin(store, STORE_WAIT_MS));
    if (options.post && !storeUp) fail('the store did not open in time; the digest was not posted');
    // The feeds' articles are in the store, not the data folder: the digest includes them.
    if (storeUp)
      await new FeedArticleSync({
        store: new SqlFeedStateStore(store, `digest:${process.pid}`),
        desk,
        logger,
        intervalMs: 60_000,
      }).restore();

    const slackMode = config.slack;
    const client = new webApi.WebClient(slackMode.mode === 'console' ? undefined : slackMode.botToken, {
      slackApiUrl: config.SLACK_API_URL,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
    });
    const service = new DigestService({
      store,
      desk,
      poster: new SlackDigestPoster(client, systemClock, logger),
      clock: systemClock,
      settings: digestSettings(config),
      logger,
    });
    try {
      if (options.post) {
        const result = await service.postNow(options.channel as string, { force: options.force });
        const line = {
          posted: `posted to ${options.channel} (ts ${result.ts})`,
          empty: `nothing new to post to ${options.channel} (DIGEST_EMPTY=skip)`,
          already: `today’s digest for ${options.channel} is already ${result.ts ? `posted (ts ${result.ts})` : 'settled'}; --force posts it again`,
          failed: `not posted to ${options.channel}: ${result.error}${hint(result.error ?? '')}`,
        }[result.outcome];
        process.stdout.write(`${line}\n`);
        if (result.outcome === 'failed') process.exitCode = 1;
        return;
      }
      const now = new Date();
      const { selection, message } = await service.compose({
        topics: options.topics ?? '',
        timeZone: config.DIGEST_TZ,
        now,
        sinceMs: (options.since ?? 24) * 3600_000,
        size: options.size,
        empty: 'post',
      });
      const text = message ? renderMessageAsText(message, { color: false }) : '';
      if (options.json) {
        const stories = selection.stories.map(storyJson);
        process.stdout.write(`${JSON.stringify({ stories, text, blocks: message?.blocks ?? [] })}\n`);
      } else {
        process.stdout.write(`${text}\n`);
      }
    } finally {
      await store.close();
    }
  });
}

function fail(message: string): never {
  process.stderr.write(`newsbot digest: ${message}\n`);
  process.exit(1);
}
