import { Command } from 'commander';
import type { Answer } from '../answer-types.js';
import type { Newsroom } from '../newsroom/newsroom.js';
import { renderAnswer } from '../slack/blocks/answer.js';
import { renderMessageAsText } from '../slack/console/render-text.js';
import { commandContext, withDataOption } from './common.js';
import { openNewsroom } from './open-newsroom.js';

/** The `ask --json` shape that scripts rely on. */
export interface AskResult {
  query: string;
  total: number;
  stories: {
    title: string;
    url: string | null;
    source: string | null;
    published: string | null;
    passage: string;
    alsoReportedBy: string[];
    articleIds: string[];
  }[];
  /** The plain-text rendering a person would read (for no hits, a helpful message). */
  text: string;
}

/** Answers one query the way /news does, as data plus the plain-text rendering of the same reply. */
export function ask(newsroom: Newsroom, query: string, now = new Date()): AskResult {
  const answer: Answer = newsroom.answer(query, { now });
  const message = renderAnswer(answer, newsroom.latest(3), { now, buttons: false });
  return {
    query: answer.query,
    total: answer.total,
    stories: answer.stories.map((s) => ({
      title: s.article.title,
      url: s.article.url,
      source: s.article.source,
      published: s.article.published,
      passage: s.passage.text,
      alsoReportedBy: s.alsoReportedBy,
      articleIds: s.articleIds,
    })),
    text: renderMessageAsText(message, { color: false }),
  };
}

export function askCommand(): Command {
  return withDataOption(
    new Command('ask')
      .description('answer a question the way /news does, as readable text or JSON')
      .argument('<query...>', 'the query, in the /news query language (see README)')
      .option('--json', 'print {"query","total","stories":[...],"text"} as one JSON object'),
  ).action(async (words: string[], options: { json?: boolean; data?: string }) => {
    const { newsroom } = await openNewsroom(commandContext(options));
    const result = ask(newsroom, words.join(' '));
    process.stdout.write(options.json ? `${JSON.stringify(result)}\n` : `${result.text}\n`);
  });
}
