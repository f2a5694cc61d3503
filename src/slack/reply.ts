import type { Newsroom } from '../newsroom/newsroom.js';
import { renderAnswer, renderHelp } from './blocks/answer.js';

import type { RenderContext } from './blocks/story.js';
import type { SlackMessage } from './blocks/types.js';
import { isHelpRequest } from './question.js';

/** Stories per page, for the first answer and each "More". */
export const PAGE_SIZE = 5;
/** Headlines shown under help, and instead of stories when nothing matched. */
const HEADLINES_IN_HELP = 3;
const HEADLINES_WITHOUT_HITS = 5;

export interface Reply {
  message: SlackMessage;
  /** Stories in this reply (0 for help): for the request log. */
  stories: number;
}

/**
 * What newsbot says to a query, on every surface: help (with the latest headlines) for an empty
 * query or "help", otherwise one page of stories. Pure apart from reading the newsroom.
 */
export function replyTo(newsroom: Newsroom, query: string, offset: number, ctx: RenderContext): Reply {
  if (isHelpRequest(query))
    return { message: renderHelp(newsroom.latest(HEADLINES_IN_HELP), ctx), stories: 0 };
  const answer = newsroom.answer(query, { offset, limit: PAGE_SIZE, now: ctx.now });
  // The latest headlines only matter when nothing matched; skip the scan otherwise.
  const latest = answer.stories.length === 0 ? newsroom.latest(HEADLINES_WITHOUT_HITS) : [];
  return { message: renderAnswer(answer, latest, ctx), stories: answer.stories.length };
}
