import { Command } from 'commander';
import type { NewsDesk } from '../newsroom/desk.js';
import { replyTo } from '../replies/reply.js';
import { renderMessageAsText } from '../slack/console/render-text.js';
import { commandContext, withDataOption } from './common.js';
import { openInProcessDesk } from './open-newsroom.js';
import { type StoryJson, storyJson } from './story-json.js';

/** The `ask --json` shape that scripts rely on. */
export interface AskResult {
  query: string;
  total: number;
  stories: StoryJson[];
  /** The plain-text rendering a person would read (for no hits, a helpful message). */
  text: string;
}

/**
 * Answers one query with the reply /news gives (the same function, page size and headlines), as
 * data plus the plain-text rendering of that reply.
 */
export async function ask(
  desk: Pick<NewsDesk, 'answer' | 'latest'>,
  query: string,
  now = new Date(),
): Promise<AskResult> {
  const reply = await replyTo(desk, query, 0, { now, buttons: false });
  const stories = reply.answer?.stories ?? [];
  return {
    query,
    total: reply.answer?.total ?? 0,
    stories: stories.map(storyJson),
    text: renderMessageAsText(reply.message, { color: false }),
  };
}

export function askCommand(): Command {
  return withDataOption(
    new Command('ask')
      .description('answer a question the way /news does, as readable text or JSON')
      .argument('<query...>', 'the query, in the /news query language (see README)')
      .option('--json', 'print {"query","total","stories":[...],"text"} as one JSON object'),
  ).action(async (words: string[], options: { json?: boolean; data?: string }) => {
    const { desk } = await openInProcessDesk(commandContext(options));
    const result = await ask(desk, words.join(' '));
    process.stdout.write(options.json ? `${JSON.stringify(result)}\n` : `${result.text}\n`);
  });
}
