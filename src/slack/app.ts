import { App, SocketModeReceiver, webApi } from '@slack/bolt';
import type { Config, SlackMode } from '../config.js';
import type { DigestCommandDeps } from '../digest/start.js';
import type { SourcesCommandDeps } from '../feeds/sources-command.js';
import type { Logger } from '../logger.js';
import type { NewsDesk } from '../newsroom/desk.js';
import { readinessFrom, storeReadiness } from '../service/health.js';
import type { InFlight } from '../service/in-flight.js';
import { metrics } from '../service/metrics.js';
import { type ServiceRoute, serviceRoutes } from '../service/routes.js';
import type { WatchCommandDeps } from '../watches/start.js';
import { boltLogger } from './bolt-logger.js';
import { CONSOLE } from './console/identities.js';
import { ConsoleReceiver } from './console/receiver.js';
import { dropRedeliveries, RecentKeys } from './delivery-dedupe.js';
import { articleRoute } from './http/routes.js';
import { type HttpRoute, SlackHttpReceiver } from './http/slack-receiver.js';
import type { ListenerDeps } from './listeners/deps.js';
import { registerListeners } from './listeners/index.js';
import { slackErrorCode } from './web-api-errors.js';

export interface ConsoleIo {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  interactive: boolean;
  color: boolean;
  banner: string;
}

export interface SlackAppOptions {
  config: Config;
  /** The newsroom: a worker thread in `serve`, in-process in tests. */
  desk: NewsDesk;
  logger: Logger;
  /** Console mode's terminal (required in console mode). */
  console?: ConsoleIo;
  /** HTTP mode: the interface to listen on (default: all). Tests and the bench use 127.0.0.1. */
  host?: string;
  /** Known bot identity: Bolt then skips `auth.test` (tests, bench, console). */
  botIdentity?: { botId: string; botUserId: string };
  /** Extra Web API client settings, e.g. `{ retryConfig: { retries: 0 } }` in tests. */
  clientOptions?: webApi.WebClientOptions;
  now?: () => Date;
  /** HTTP mode serves these beside /slack/events (default: /healthz and /readyz over the newsroom). */
  serviceRoutes?: ServiceRoute[];
  /** Tracks acknowledged requests until their reply is sent, so a shutdown can wait for them. */
  inFlight?: InFlight;
  /**
   * Daily digests: handed the Web API client that posts them (this mode's, with rate limits
   * left to the digest), returns what `/news digest …` needs. Without it, digests are off.
   */
  digest?: (postingClient: webApi.WebClient) => DigestCommandDeps;
  /** Topic watches: handed the same posting client, returns what `/news watch …` needs. */
  watch?: (postingClient: webApi.WebClient) => WatchCommandDeps;
  /** `/news sources` (the feed poller and its admins); without it the command says feeds are off. */
  sources?: SourcesCommandDeps;
}

export interface SlackApp {
  app: App;
  mode: SlackMode['mode'];
  /** Starts receiving. HTTP mode resolves with the port it listens on. */
  start(): Promise<{ port: number | null }>;
  stop(): Promise<void>;
  /** Resolves when the receiver has nothing more to do: console mode at end of input; never otherwise. */
  finished: Promise<void>;
}

/** The bot token was refused, or Slack could not be reached to check it. */
export class BotTokenError extends Error {
  override name = 'BotTokenError';
}

/**
 * Checks the bot token with `auth.test` once, before anything listens, and returns the bot's ids.
 * Without this, Bolt would retry the check for half an hour while every request waited on it.
 */
export async function identifyBot(
  config: Config,
  logger: Logger,
): Promise<{ botId: string; botUserId: string; team: string }> {
  if (config.slack.mode === 'console') throw new Error('identifyBot: console mode has no bot token');
  const client = new webApi.WebClient(config.slack.botToken, {
    slackApiUrl: config.SLACK_API_URL,
    logger: boltLogger(logger),
    retryConfig: { retries: 2, factor: 2, minTimeout: 500 },
  });
  try {
    const auth = await client.auth.test();
    return { botId: String(auth.bot_id), botUserId: String(auth.user_id), team: String(auth.team ?? '') };
  } catch (err) {
    const code = slackErrorCode(err);
    throw new BotTokenError(
      code === undefined
        ? `could not reach Slack at ${config.SLACK_API_URL} to check SLACK_BOT_TOKEN: ${(err as Error).message}`
        : `Slack refused SLACK_BOT_TOKEN (${code}): copy the Bot User OAuth Token (xoxb-…) again`,
    );
  }
}

/**
 * The one place the Bolt app is built, for `serve`, the end-to-end tests and the bench alike:
 * the mode's receiver, the deduplication middleware, the listeners and (HTTP mode) the
 * health and article routes.
 */
export function createSlackApp(options: SlackAppOptions): SlackApp {
  const { config, desk, logger } = options;
  const slack = config.slack;
  const publicBaseUrl = config.PUBLIC_BASE_URL ?? null;
  const common = {
    logger: boltLogger(logger),
    ...options.botIdentity,
    clientOptions: { slackApiUrl: config.SLACK_API_URL, ...options.clientOptions },
  };

  let app: App;
  let finished: Promise<void> = new Promise(() => {});
  let listen: () => Promise<{ port: number | null }>;
  let digest: DigestCommandDeps | undefined;
  let postingClientOptions: webApi.WebClientOptions = common.clientOptions;
  if (slack.mode === 'http') {
    const service =
      options.serviceRoutes ??
      serviceRoutes({
        readiness: readinessFrom({
          index: () => desk.stats(),
          // The digest's store, once options.digest has built it (below, on the posting client).
          store: () => (digest === undefined ? 'absent' : storeReadiness(digest.store)()),
          slack: () => 'accepted',
        }),
      });
    const routes: HttpRoute[] = service.map(({ path, handler }) => ({
      match: (pathname) => (pathname === path ? {} : null),
      handle: (req, res) => handler(req, res),
    }));
    if (publicBaseUrl !== null) routes.push(articleRoute(desk, publicBaseUrl));
    // Ack first: the receiver answers 200 as soon as the signature checks out, before Bolt runs.
    const receiver = new SlackHttpReceiver({
      signingSecret: slack.signingSecret,
      logger,
      routes,
      inFlight: options.inFlight,
    });
    app = new App({ ...common, token: slack.botToken, receiver });
    listen = async () => {
      // App.start hands its arguments to the receiver's start(port, host).
      const start = app.start.bind(app) as (port: number, host?: string) => Promise<unknown>;
      await start(config.PORT, options.host);
      return { port: receiver.port };
    };
  } else if (slack.mode === 'socket') {
    const receiver = new SocketModeReceiver({
      appToken: slack.appToken,
      logger: common.logger,
      installerOptions: { clientOptions: common.clientOptions },
    });
    timeSocketAcks(receiver);
    app = new App({ ...common, token: slack.botToken, receiver });
    listen = async () => {
      await app.start();
      return { port: null };
    };
  } else {
    if (options.console === undefined) throw new Error('console mode needs options.console');
    const receiver = new ConsoleReceiver(options.console);
    postingClientOptions = {
      ...common.clientOptions,
      slackApiUrl: receiver.webApi.apiUrl,
      fetch: receiver.webApi.fetch,
    };
    app = new App({
      ...common,
      botId: CONSOLE.botId,
      botUserId: CONSOLE.botUserId,
      token: 'xoxb-console',
      receiver,
      clientOptions: postingClientOptions,
    });
    finished = receiver.finished;
    listen = async () => {
      await app.start();
      return { port: null };
    };
  }

  const token = slack.mode === 'console' ? 'xoxb-console' : slack.botToken;
  // Digests wait out rate limits themselves (abortable, on their own clock): the client must not.
  const postingClient = new webApi.WebClient(token, {
    ...postingClientOptions,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  });
  digest = options.digest?.(postingClient);
  const watch = options.watch?.(postingClient);

  const deps: ListenerDeps = {
    desk,
    logger: logger.child({ component: 'slack' }),
    publicBaseUrl,
    newsReply: config.NEWS_REPLY,
    now: options.now ?? (() => new Date()),
    digest,
    watch,
    sources: options.sources ?? null,
  };
  const { inFlight } = options;
  // Socket Mode and console: everything after this point (listeners included) runs inside the
  // tracked request, so a request Bolt has started on is waited for at shutdown, its reply
  // included. HTTP mode's receiver tracks each request itself, from the moment it acknowledges it.
  if (inFlight !== undefined && slack.mode !== 'http') app.use(({ next }) => inFlight.track(next));
  app.use(dropRedeliveries(new RecentKeys()));
  registerListeners(app, deps);
  app.error(async (error) => {
    // Listeners answer their own failures; this is for what happens around them (Bolt, the receiver).
    deps.logger.error({ err: error }, 'unhandled error in the Slack app');
  });

  return {
    app,
    mode: slack.mode,
    start: listen,
    stop: async () => {
      await app.stop();
    },
    finished,
  };
}

/** Socket Mode: each envelope's time from arrival to its acknowledgement, into `newsbot_ack_seconds`. */
function timeSocketAcks(receiver: SocketModeReceiver): void {
  const arrived = new Map<string, number>();
  receiver.client.on('slack_event', ({ envelope_id: id }: { envelope_id?: string }) => {
    if (id === undefined) return;
    // Bolt acknowledges every envelope; the bound only guards against one that never is.
    if (arrived.size >= 10_000) arrived.clear();
    arrived.set(id, performance.now());
  });
  receiver.client.on('outgoing_message', ({ envelope_id: id }: { envelope_id?: string }) => {
    const at = id === undefined ? undefined : arrived.get(id);
    if (at === undefined || id === undefined) return;
    arrived.delete(id);
    metrics.ackSeconds.observe({ mode: 'socket' }, (performance.now() - at) / 1000);
  });
}
