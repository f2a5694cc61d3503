import { createWriteStream } from 'node:fs';
import { SingleBar } from 'cli-progress';
import { Command } from 'commander';
import type { Article } from '../corpus/article.js';
import { formatProblem } from '../corpus/problems.js';
import { guardedAgent } from '../feeds/address-guard.js';
import { ingestInput, isFeedAddress } from '../feeds/ingest.js';
import { SqlFeedStateStore } from '../feeds/sql-state-store.js';
import { Newsroom } from '../newsroom/newsroom.js';
import { openCommandStore } from './command-store.js';
import { commandContext } from './common.js';

const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** The one line `ingest` ends with. */
export function ingestTotalsLine(totals: {
  inputs: number;
  articles: number;
  stories: number;
  copies: number;
  problems: number;
}): string {
  return [
    `ingested ${count(totals.inputs, 'input', 'inputs')}: ${count(totals.articles, 'article', 'articles')}`,
    `in ${count(totals.stories, 'story', 'stories')}, ${count(totals.copies, 'exact copy', 'exact copies')} dropped,`,
    count(totals.problems, 'problem', 'problems'),
  ].join(' ');
}

/**
 * `ingest <file|folder|feed-url>...`: reads each input once (a feed under the same fetch rules as
 * polling), groups the articles into stories as the newsroom does, and prints a totals line. A
 * feed's items are kept in the store as a poll keeps them (a running newsbot shows them within its
 * poll interval, a restarted one at start). With `--out FILE` the articles are written as JSON
 * Lines, a file the articles folder reads.
 */
export function ingestCommand(): Command {
  return new Command('ingest')
    .description(
      'import articles once from files, folders or feed URLs, with a progress bar and a totals line',
    )
    .argument('<inputs...>', 'article files, folders, or http(s) feed URLs')
    .option('--out <file>', 'write the articles as JSON Lines (put it in the articles folder to keep them)')
    .action(async (inputs: string[], options: { out?: string }) => {
      const { config, logger } = commandContext({});
      const agent = guardedAgent({
        allowPrivate: config.FEEDS_ALLOW_PRIVATE,
        connectTimeoutMs: config.FEEDS_TIMEOUT_SECONDS * 1000,
      });
      const store = inputs.some(isFeedAddress)
        ? await openCommandStore(config, logger, 'feed items are read but not kept')
        : null;
      const feedState = store && new SqlFeedStateStore(store, `ingest:${process.pid}`);
      let kept = 0;
      const newsroom = new Newsroom();
      const out = options.out === undefined ? null : createWriteStream(options.out);
      let articles = 0;
      let copies = 0;
      let problems = 0;
      const add = (parsed: Parameters<Newsroom['add']>[0]): Article | null => {
        const article = newsroom.add(parsed);
        if (article === null) {
          copies++;
          return null;
        }
        articles++;
        const { id, title, paragraphs, url, published, source, credit } = article;
        out?.write(
          `${JSON.stringify({ id, title, body: paragraphs.join('\n\n'), url, published, source, credit })}\n`,
        );
        return article;
      };
      const bar = process.stderr.isTTY
        ? new SingleBar({
            format: 'ingesting |{bar}| {value}/{total} inputs | {articles} articles',
            stream: process.stderr,
            hideCursor: true,
            clearOnComplete: true,
          })
        : null;
      bar?.start(inputs.length, 0, { articles: 0 });
      for (const [i, input] of inputs.entries()) {
        const result = await ingestInput(input, add, {
          agent,
          timeoutMs: config.FEEDS_TIMEOUT_SECONDS * 1000,
          maxBytes: config.FEEDS_MAX_BYTES,
          maxItems: config.FEEDS_MAX_ITEMS,
          now: new Date(),
          logger,
          store: feedState ?? undefined,
          retentionDays: config.RETENTION_DAYS,
        });
        kept += result.kept ?? 0;
        problems += result.problems.length;
        for (const problem of result.problems) process.stderr.write(`${formatProblem(problem)}\n`);
        bar?.update(i + 1, { articles });
      }
      bar?.stop();
      await agent.close();
      await store?.close();
      if (out) await new Promise((resolve) => out.end(resolve));
      const stories = new Set([...newsroom.articles()].map((a) => a.storyId)).size;
      process.stdout.write(
        `${ingestTotalsLine({ inputs: inputs.length, articles, stories, copies, problems })}\n`,
      );
      if (feedState)
        process.stdout.write(
          `kept ${kept} new or changed feed ${kept === 1 ? 'item' : 'items'} in the store\n`,
        );
      process.exitCode = problems > 0 ? 1 : 0;
    });
}
