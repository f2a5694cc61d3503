import { Command } from 'commander';
import { digestRuntime, openStore } from '../digest/start.js';
import { liveSourcesFromConfig } from '../feeds/live-sources.js';
import { BotTokenError, createSlackApp, identifyBot } from '../slack/app.js';
import { consoleBanner } from '../slack/console/banner.js';
import { PortInUseError } from '../slack/http/slack-receiver.js';
import { StoreLockedError } from '../store/lock.js';
import { commandContext, fail, missingFolderMessage, withDataOption } from './common.js';
import { startWorkerDesk } from './open-newsroom.js';
import { ensureStateDir } from './state-dir.js';

/**
 * `serve` (the default command, `npm start`): answers on Slack, in Socket Mode or HTTP mode, or in
 * the terminal (console mode) when no Slack credentials are set. The newsroom loads in a worker
 * thread meanwhile; until it is ready, questions get "still loading".
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

    // In the terminal, per-request log lines would interleave with the replies: debug shows them.
    const quiet =
      mode === 'console' && config.LOG_LEVEL === 'info' ? logger.child({}, { level: 'warn' }) : logger;

    // An unusable STATE_DIR is named at once (a recursive mkdir under /proc would retry for ever).
    ensureStateDir(config.STATE_DIR);
    // The store's lock first: a second newsbot on the same STATE_DIR stops here, before loading anything.
    let store: Awaited<ReturnType<typeof openStore>>;
    try {
      store = await openStore(config, quiet);
    } catch (err) {
      if (!(err instanceof StoreLockedError)) throw err;
      fail(err.message);
    }

    const desk = startWorkerDesk(context);
    desk.ready.catch((err: Error & { reason?: string }) => {
      void desk.close();
      fail(err.reason === 'CorpusFolderError' ? missingFolderMessage(err.message) : err.message);
    });
    // Feed items go straight to the desk; polling starts once the articles are loaded.
    const feeds = await liveSourcesFromConfig({ config, logger: quiet, sink: desk });
    void desk.ready.then(() => feeds.poller.start()).catch(() => {});
    const digests = digestRuntime({
      config,
      logger: quiet,
      store,
      desk,
      // The data-folder sync needs the loaded articles: it waits for the newsroom.
      loaded: async () => {
        await desk.ready;
        return desk.fingerprints();
      },
    });

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

    const interactive = process.stdin.isTTY === true;
    const color = process.stdout.isTTY === true;
    // The terminal shows the article count in its banner, so console mode waits for the load.
    if (mode === 'console') await desk.ready;
    const { articles, stories } = await desk.stats();
    const slack = createSlackApp({
      config,
      desk,
      botIdentity,
      logger: quiet,
      digest: (client) => digests.commandDeps(client),
      sources: feeds.command,
      console: {
        input: process.stdin,
        output: process.stdout,
        interactive,
        color,
        banner: consoleBanner({ articles, stories, color }),
      },
    });

    const stop = async (signal: string) => {
      logger.info(`${signal}: stopping`);
      await feeds.close().catch((err: unknown) => logger.warn({ err }, 'error while stopping the feeds'));
      await slack.stop().catch((err: unknown) => logger.warn({ err }, 'error while stopping'));
      await digests.stop().catch((err: unknown) => logger.warn({ err }, 'error while closing the store'));
      await desk.close();
      process.exit(0);
    };
    process.once('SIGINT', () => void stop('SIGINT'));
    process.once('SIGTERM', () => void stop('SIGTERM'));

    let port: number | null;
    try {
      ({ port } = await slack.start());
    } catch (err) {
      if (err instanceof PortInUseError) fail(err.message);
      throw err;
    }
    if (mode === 'http') {
      logger.info({ port }, `listening for Slack on port ${port} (POST /slack/events, GET /healthz)`);
    } else if (mode === 'socket') {
      logger.info('connected to Slack over Socket Mode');
    }
    await slack.finished;
    await feeds.close();
    await slack.stop();
    await digests.stop();
    await desk.close();
    if (interactive) process.stdout.write('Bye.\n');
    process.exit(0);
  });
}
