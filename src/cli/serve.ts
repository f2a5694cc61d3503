import { Command } from 'commander';
import { digestRuntime, openStore } from '../digest/start.js';
import { isFeedArticleId } from '../feeds/item-identity.js';
import { liveSourcesFromConfig } from '../feeds/live-sources.js';
import { readinessFrom, storeReadiness } from '../service/health.js';
import { startHealthServer } from '../service/health-server.js';
import { InFlight } from '../service/in-flight.js';
import { metrics } from '../service/metrics.js';
import { serviceRoutes } from '../service/routes.js';
import { Shutdown } from '../service/shutdown.js';
import { BotTokenError, createSlackApp, identifyBot } from '../slack/app.js';
import { consoleBanner } from '../slack/console/banner.js';
import { PortInUseError } from '../slack/http/slack-receiver.js';
import { StoreLockedError } from '../store/lock.js';
import { announcingSink } from '../watches/announcing-sink.js';
import { ArticlesAddedHook } from '../watches/articles-added.js';
import { newFileArticles, watchRuntime } from '../watches/start.js';
import { commandContext, fail, missingFolderMessage, withDataOption } from './common.js';
import { startWorkerDesk } from './open-newsroom.js';
import { ensureStateDir } from './state-dir.js';

/**
 * `serve` (the default command, `npm start`): answers on Slack, in Socket Mode or HTTP mode, or in
 * the terminal (console mode) when no Slack credentials are set. The newsroom loads in a worker
 * thread meanwhile; until it is ready, questions get "still loading". SIGTERM/SIGINT stop it
 * gracefully (see service/shutdown.ts).
 */
export function serveCommand(): Command {
  return withDataOption(
    new Command('serve').description(
      'answer /news, mentions and DMs on Slack (Socket Mode or HTTP), or in this terminal without credentials',
    ),
  ).action(async (options: { data?: string }) => {
    const context = commandContext(options);
    const { config, logger } = context;
    const { mode, reason } = config.slack;
    logger.info({ mode }, `starting in ${mode} mode: ${reason}`);

    // In the terminal, per-request and shutdown log lines would interleave with the replies: debug shows them.
    const appLogger =
      mode === 'console' && config.LOG_LEVEL === 'info' ? logger.child({}, { level: 'warn' }) : logger;
    // Listening from the start: a SIGTERM while the articles load still ends cleanly.
    const inFlight = new InFlight((count) => metrics.repliesInFlight.set(count));
    const shutdown = new Shutdown({
      logger: appLogger,
      inFlight,
      graceMs: config.SHUTDOWN_GRACE_SECONDS * 1000,
    });
    shutdown.listen();
    if (config.METRICS) metrics.enableProcessMetrics();

    // An unusable STATE_DIR is named at once (a recursive mkdir under /proc would retry for ever).
    ensureStateDir(config.STATE_DIR);
    // The store's lock first: a second newsbot on the same STATE_DIR stops here, before loading anything.
    let store: Awaited<ReturnType<typeof openStore>>;
    try {
      store = await openStore(config, appLogger);
    } catch (err) {
      if (!(err instanceof StoreLockedError)) throw err;
      fail(err.message);
    }
    // Closed last of all (registered first): PGlite then reopens without recovery, and the lock is given back.
    shutdown.register({ name: 'store', phase: 'close', run: () => store.close() });

    const desk = startWorkerDesk(context);
    desk.ready.catch((err: Error & { reason?: string }) => {
      void desk.close();
      fail(err.reason === 'CorpusFolderError' ? missingFolderMessage(err.message) : err.message);
    });
    // New articles from feeds and new data-folder files, announced in one place: watches listen.
    const articlesAdded = new ArticlesAddedHook(appLogger);
    const watches = watchRuntime({ config, logger: appLogger, store, hook: articlesAdded, desk });
    // Feed items go straight to the desk and the store; once the articles are loaded, the stored
    // feed articles come back, then polling starts. A restarted worker gets them back too.
    const feeds = await liveSourcesFromConfig({
      config,
      logger: appLogger,
      sink: announcingSink(desk, articlesAdded, () => new Date()),
      database: store,
      desk,
    });
    void desk.ready.then(() => feeds.start()).catch(() => {});
    desk.onRestarted(() => void feeds.sync?.restore().catch(() => undefined));
    // Closed after the release hooks, which may still ask the newsroom.
    shutdown.register({ name: 'newsroom worker', phase: 'close', run: () => desk.close() });
    // Feeds stop polling and watches finish their queue before the store closes.
    shutdown.register({ name: 'feeds', phase: 'release', run: () => feeds.close() });
    shutdown.register({ name: 'watches', phase: 'release', run: () => watches.stop() });
    metrics.observeNewsroom(() => desk.stats());
    const digests = digestRuntime({
      config,
      logger: appLogger,
      store,
      desk,
      // The data-folder sync needs the loaded files: it waits for the newsroom. Feed articles
      // restored meanwhile are the feeds' own business.
      loaded: async () => {
        await desk.ready;
        return (await desk.fingerprints()).filter((f) => !isFeedArticleId(f.id));
      },
      onNewFiles: async (ids) => articlesAdded.emit(await newFileArticles(desk, ids, new Date())),
    });
    // A post under way finishes and is recorded; claims not yet sent are released for the next start.
    shutdown.register({ name: 'digest scheduler', phase: 'release', run: () => digests.stop() });

    let botIdentity: { botId: string; botUserId: string } | undefined;
    if (mode !== 'console') {
      try {
        const { team, ...ids } = await identifyBot(config, logger);
        botIdentity = ids;
        logger.info({ team, botUserId: ids.botUserId }, `bot token accepted for workspace ${team}`);
      } catch (err) {
        if (!(err instanceof BotTokenError)) throw err;
        fail(err.message);
      }
    }

    let started = false;
    const routes = serviceRoutes({
      readiness: readinessFrom({
        index: () => desk.stats(),
        store: storeReadiness(store),
        // serve gets this far only once auth.test has accepted the bot token.
        slack: () => (mode === 'console' ? 'absent' : started ? 'accepted' : 'connecting'),
        stopping: () => shutdown.started,
      }),
      metrics: config.METRICS ? metrics : undefined,
    });

    const interactive = process.stdin.isTTY === true;
    const color = process.stdout.isTTY === true;
    // The terminal shows the article count in its banner, so console mode waits for the load.
    if (mode === 'console') await desk.ready;
    const { articles, stories } = await desk.stats();
    const slack = createSlackApp({
      config,
      desk,
      botIdentity,
      logger: appLogger,
      digest: (client) => digests.commandDeps(client),
      watch: (client) => watches.commandDeps(client),
      sources: feeds.command,
      console: {
        input: process.stdin,
        output: process.stdout,
        interactive,
        color,
        banner: consoleBanner({ articles, stories, color }),
      },
      serviceRoutes: routes,
      inFlight,
    });
    shutdown.register({ name: 'Slack receiver', phase: 'intake', run: () => slack.stop() });

    // Probes answer from before the connection to Slack: a slow connect is visible on /readyz.
    if (mode !== 'http' && config.HEALTH_PORT !== undefined) {
      const health = await startHealthServer({ port: config.HEALTH_PORT, routes, logger }).catch(
        (err: unknown) => {
          const code = (err as NodeJS.ErrnoException).code;
          fail(
            `cannot serve health checks on HEALTH_PORT ${config.HEALTH_PORT}: ${code === 'EADDRINUSE' ? 'the port is already in use by another program' : (err as Error).message}`,
          );
        },
      );
      // Probes keep answering until everything else has stopped.
      shutdown.register({ name: 'health server', phase: 'close', run: () => health.close() });
      logger.info(
        { healthPort: health.port },
        `health checks on port ${health.port} (GET /healthz, /readyz${config.METRICS ? ', /metrics' : ''})`,
      );
    }

    let port: number | null;
    try {
      ({ port } = await slack.start());
    } catch (err) {
      if (err instanceof PortInUseError) fail(err.message);
      throw err;
    }
    started = true;
    if (mode === 'http') {
      logger.info(
        { port },
        `listening for Slack on port ${port} (POST /slack/events, GET /healthz, /readyz)`,
      );
    } else if (mode === 'socket') {
      logger.info('connected to Slack over Socket Mode');
    }
    await slack.finished;
    if (interactive) process.stdout.write('Bye.\n');
    await shutdown.run('end of input');
  });
}
