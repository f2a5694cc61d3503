import { createInterface } from 'node:readline';
import { Command, InvalidArgumentError } from 'commander';
import type { NewsDesk } from '../newsroom/desk.js';
import { commandContext, withDataOption } from './common.js';
import { openInProcessDesk } from './open-newsroom.js';

/** Article ids for a query, best first: each story's articles in turn, stories in rank order. */
export async function searchIds(
  desk: Pick<NewsDesk, 'answer'>,
  query: string,
  limit: number,
): Promise<string[]> {
  const answer = await desk.answer(query, { limit });
  return answer.stories.flatMap((s) => s.articleIds).slice(0, limit);
}

function limitArg(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 1000)
    throw new InvalidArgumentError('expected a whole number 1–1000');
  return n;
}

export function searchCommand(): Command {
  return withDataOption(
    new Command('search')
      .description(
        'machine output: {"query","ids":[...]} per query; with no QUERY, one query per line of standard input, each answered as soon as it is read',
      )
      .argument('[query...]', 'the query; omit it to read queries from standard input')
      .option('--limit <n>', 'most article ids per query', limitArg, 10),
  ).action(async (words: string[], options: { limit: number; data?: string }) => {
    const { desk } = await openInProcessDesk(commandContext(options));
    const answerLine = async (query: string) =>
      `${JSON.stringify({ query, ids: await searchIds(desk, query, options.limit) })}\n`;
    if (words.length > 0) {
      process.stdout.write(await answerLine(words.join(' ')));
      return;
    }
    for await (const line of createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY })) {
      // One write per answered query: stdout is flushed line by line so a script can time each one.
      process.stdout.write(await answerLine(line));
    }
  });
}
