import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, type CustomRoute, SocketModeReceiver, webApi } from '@slack/bolt';
import type { Config, SlackMode } from '../config.js';
import type { Logger } from '../logger.js';
import type { Newsroom } from '../newsroom.js';
import { loadedIndex, readinessFrom } from '../service/health.js';
import type { InFlight } from '../service/in-flight.js';
import { metrics } from '../service/metrics.js';
import { type ServiceRoute, serviceRoutes } from '../service/routes.js';
import { boltLogger } from './bolt-logger.js';
import { CONSOLE } from './console/identities.js';
import { ConsoleReceiver } from './console/receiver.js';
import { CpuQueue } from './cpu-queue.js';
import { dropRedeliveries, RecentKeys } from './delivery-dedupe.js';
import { articleRoute } from './http/routes.js';
import type { ListenerDeps } from './listeners/deps.js';
import { registerListeners } from './listeners/index.js';

export interface ConsoleIo {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  interactive: boolean;
  color: boolean;
  banner: string;
}

export interface SlackAppOptions {
  config: Config;
  newsroom: Newsroom;
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
    const code = (err as { data?: { error?: string } }).data?.error;
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
  const { config, newsroom, logger } = options;
  const slack = config.slack;
  const publicBaseUrl = config.PUBLIC_BASE_URL ?? null;
  const common = {
    logger: boltLogger(logger),
    ...options.botIdentity,
    clientOptions: { slackApiUrl: config.SLACK_API_URL, ...options.clientOptions },
  };

  // HTTP mode counts requests not yet answered, so searches wait for their acks (see CpuQueue).
  let unanswered = 0;
  const cpu = new CpuQueue({ acksPending: () => unanswered > 0 });
  let app: App;
  let finished: Promise<void> = new Promise(() => {});
  let listen: () => Promise<{ port: number | null }>;
  if (slack.mode === 'http') {
    const routes =
      options.serviceRoutes ??
      serviceRoutes({
        readiness: readinessFrom({ index: loadedIndex(newsroom, () => 0), slack: () => 'accepted' }),
      });
    const customRoutes: CustomRoute[] = routes.map(({ path, handler }) => ({
      path,
      method: 'GET',
      handler: (req, res) => void handler(req, res),
    }));
    if (publicBaseUrl !== null) customRoutes.push(articleRoute(newsroom, publicBaseUrl));
    app = new App({
      ...common,
      token: slack.botToken,
      signingSecret: slack.signingSecret,
      // Ack first: the HTTP response goes out as soon as a listener acks, before the search runs.
      processBeforeResponse: false,
      customRoutes,
    });
    listen = async () => {
      const server = await app.start({ port: config.PORT, host: options.host });
      server.on('request', (req: IncomingMessage, res: ServerResponse) => {
        unanswered++;
        const arrived = performance.now();
        res.once('close', () => {
          unanswered--;
          if (req.method === 'POST')
            metrics.ackSeconds.observe({ mode: 'http' }, (performance.now() - arrived) / 1000);
        });
      });
      return { port: (server.address() as AddressInfo).port };
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
    app = new App({
      ...common,
      botId: CONSOLE.botId,
      botUserId: CONSOLE.botUserId,
      token: 'xoxb-console',
      receiver,
      clientOptions: {
        ...common.clientOptions,
        slackApiUrl: receiver.webApi.apiUrl,
        fetch: receiver.webApi.fetch,
      },
    });
    finished = receiver.finished;
    listen = async () => {
      await app.start();
      return { port: null };
    };
  }

  const deps: ListenerDeps = {
    newsroom,
    logger: logger.child({ component: 'slack' }),
    cpu,
    publicBaseUrl,
    newsReply: config.NEWS_REPLY,
    now: options.now ?? (() => new Date()),
  };
  const { inFlight } = options;
  // Everything after this point (listeners included) runs inside the tracked request, so a request
  // Bolt has started on is waited for at shutdown, its reply included.
  if (inFlight !== undefined) app.use(({ next }) => inFlight.track(next));
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
