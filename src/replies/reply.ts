import type { Answer } from '../answer-types.js';
import type { RenderContext } from '../block-kit/story.js';
import type { SlackMessage } from '../block-kit/types.js';
import type { NewsDesk } from '../newsroom/desk.js';
import { renderAnswer, renderHelp } from './answer-blocks.js';
import { HEADLINES_IN_HELP, HEADLINES_WITHOUT_HITS, PAGE_SIZE } from './rules.js';

/** True when the text asks for help rather than for news. */
export function isHelpRequest(query: string): boolean {
  return /^\s*(?:help|\?|)\s*$/i.test(query);
}

export interface Reply {
  message: SlackMessage;
  /** Stories in this reply (0 for help): for the request log. */
  stories: number;
  /** The answer behind the message (null for help): for `ask --json`. */
  answer: Answer | null;
}

/**
 * What newsbot says to a query, on every surface (Slack, console, `ask`): help (with the latest
 * headlines) for an empty query or "help", otherwise one page of stories, or the latest headlines
 * when nothing matched.
 */
export async function replyTo(
  desk: Pick<NewsDesk, 'answer' | 'latest'>,
  query: string,
  offset: number,
  ctx: RenderContext,
): Promise<Reply> {
  if (isHelpRequest(query)) {
    const latest = await desk.latest(HEADLINES_IN_HELP);
    return { message: renderHelp(latest, ctx), stories: 0, answer: null };
  }
  const answer = await desk.answer(query, { offset, limit: PAGE_SIZE, now: ctx.now });
  // The latest headlines only matter when nothing matched; skip the scan otherwise.
  const latest = answer.stories.length === 0 ? await desk.latest(HEADLINES_WITHOUT_HITS) : [];
  return { message: renderAnswer(answer, latest, ctx), stories: answer.stories.length, answer };
}
