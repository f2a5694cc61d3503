import { Command } from 'commander';
import { addToFeedsFile, removeFromFeedsFile } from '../feeds/feeds-file-edit.js';
import { liveSourcesFromConfig } from '../feeds/live-sources.js';
import { feedUrlProblem } from '../feeds/sources.js';
import { sourcesListText } from '../feeds/sources-reply.js';
import { InProcessDesk } from '../newsroom/desk.js';
import { Newsroom } from '../newsroom/newsroom.js';
import { openCommandStore } from './command-store.js';
import { commandContext } from './common.js';

/**
 * `sources`: the configured feeds (FEEDS, the feeds file, and those added at run time) with the
 * health the store keeps, `--poll` to fetch each once now and show how it went; `sources add|remove` edit the feeds file (comments kept).
 */
export function sourcesCommand(): Command {
  const command = new Command('sources')
    .description('list the live sources (FEEDS and the feeds file); add or remove them in the feeds file')
    .option('--poll', 'fetch every feed once now and show the outcome')
    .option('--json', 'one JSON object per source')
    .action(async (options: { poll?: boolean; json?: boolean }) => {
      const { config, logger } = commandContext({});
      // The feeds' health as serve keeps it in the store (PGlite: unless a running newsbot holds it).
      const store = await openCommandStore(config, logger, 'feed health is from this run only');
      const live = await liveSourcesFromConfig({
        config,
        logger,
        sink: new InProcessDesk(new Newsroom()),
        database: store ?? undefined,
      });
      // --poll fetches every feed now, due or not (under each feed's lease).
      if (options.poll) for (const source of await live.poller.sources()) await live.poller.pollFeed(source);
      const rows = await live.poller.report();
      await live.close();
      await store?.close();
      process.stdout.write(
        options.json ? rows.map((r) => `${JSON.stringify(r)}\n`).join('') : sourcesListText(rows, new Date()),
      );
      if (options.poll && rows.some((r) => r.failing)) process.exitCode = 1;
    });
  command
    .command('add')
    .description('add a feed to the feeds file (FEEDS_FILE, default data/feeds.yml)')
    .argument('<url>', 'the feed address (http or https)')
    .argument('[name...]', 'the outlet name to show')
    .action(async (url: string, name: string[]) => {
      const { config } = commandContext({});
      const problem = feedUrlProblem(url);
      if (problem !== null) {
        process.stderr.write(`newsbot: ${problem}\n`);
        process.exitCode = 1;
        return;
      }
      const added = await addToFeedsFile(config.FEEDS_FILE, url, name.length > 0 ? name.join(' ') : null);
      process.stdout.write(
        added ? `added ${url} to ${config.FEEDS_FILE}\n` : `${url} is already in ${config.FEEDS_FILE}\n`,
      );
    });
  command
    .command('remove')
    .description('remove a feed from the feeds file, by URL or name')
    .argument('<target...>', 'the feed URL or its name')
    .action(async (target: string[]) => {
      const { config } = commandContext({});
      const removed = await removeFromFeedsFile(config.FEEDS_FILE, target.join(' '));
      if (removed === null) {
        process.stderr.write(`newsbot: no feed matches ${target.join(' ')} in ${config.FEEDS_FILE}\n`);
        process.exitCode = 1;
        return;
      }
      process.stdout.write(`removed ${removed} from ${config.FEEDS_FILE}\n`);
    });
  return command;
}
