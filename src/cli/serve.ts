import { Command } from 'commander';
import { liveSourcesFromConfig } from '../feeds/live-sources.js';
import { newsroomSink } from '../feeds/newsroom-sink.js';
import { BotTokenError, createSlackApp, identifyBot } from '../slack/app.js';
import { consoleBanner } from '../slack/console/banner.js';
import { commandContext, withDataOption } from './common.js';
import { openNewsroom } from './open-newsroom.js';

/**
 * `serve` (the default command, `npm start`): loads the articles and answers on Slack, in Socket
 * Mode or HTTP mode, or in the terminal (console mode) when no Slack credentials are set.
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

    const { newsroom, totals } = await openNewsroom(context);
    const feeds = await liveSourcesFromConfig({ config, logger, sink: newsroomSink(newsroom) });

    let botIdentity: { botId: string; botUserId: string } | undefined;
    if (mode !== 'console') {
      try {
        const { team, ...ids } = await identifyBot(config, logger);
        botIdentity = ids;
        logger.info({ team, botUserId: ids.botUserId }, `bot token accepted for workspace ${team}`);
      } catch (err) {
        if (!(err instanceof BotTokenError)) throw err;
        process.stderr.write(`newsbot: ${err.message}\n`);
        process.exit(1);
      }
    }

    const interactive = process.stdin.isTTY === true;
    const color = process.stdout.isTTY === true;
    const slack = createSlackApp({
      config,
      newsroom,
      botIdentity,
      sources: feeds.command,
      // In the terminal, per-request log lines would interleave with the replies: debug shows them.
      logger:
        mode === 'console' && config.LOG_LEVEL === 'info' ? logger.child({}, { level: 'warn' }) : logger,
      console: {
        input: process.stdin,
        output: process.stdout,
        interactive,
        color,
        banner: consoleBanner({ articles: newsroom.size, stories: totals.stories, color }),
      },
    });

    const stop = async (signal: string) => {
      logger.info(`${signal}: stopping`);
      await feeds.close().catch((err: unknown) => logger.warn({ err }, 'error while stopping the feeds'));
      await slack.stop().catch((err: unknown) => logger.warn({ err }, 'error while stopping'));
      process.exit(0);
    };
    process.once('SIGINT', () => void stop('SIGINT'));
    process.once('SIGTERM', () => void stop('SIGTERM'));

    feeds.poller.start();
    const { port } = await slack.start();
    if (mode === 'http') {
      logger.info({ port }, `listening for Slack on port ${port} (POST /slack/events, GET /healthz)`);
    } else if (mode === 'socket') {
      logger.info('connected to Slack over Socket Mode');
    }
    await slack.finished;
    await feeds.close();
    await slack.stop();
    if (interactive) process.stdout.write('Bye.\n');
    process.exit(0);
  });
}
