import type { Answer, StoryResult } from '../answer-types.js';
import { answerButtons } from '../block-kit/actions.js';
import { escapeMrkdwn, mrkdwnText, truncateText } from '../block-kit/escape.js';
import { LIMITS } from '../block-kit/limits.js';
import { plainTitle, type RenderContext, renderHeadlines, renderStory } from '../block-kit/story.js';
import { joinWithin, mrkdwn } from '../block-kit/text.js';
import type { KnownBlock, SlackMessage } from '../block-kit/types.js';
import { describeUnderstanding } from '../block-kit/understood.js';
import { HEADLINES_IN_HELP, HEADLINES_WITHOUT_HITS, PAGE_SIZE } from './rules.js';

/** Stories on one page. Answers come five at a time; more would only crowd the 50-block limit. */
const STORIES_SHOWN_MAX = 10;
const SUGGESTIONS_SHOWN = 5;
const QUERY_MAX = 200;
const FOOTER_MAX = 1500;

/** A Slack user id as Slack sends it: the only text we ever turn into a mention. */
const USER_ID = /^[UW][A-Z0-9]{2,20}$/;

/**
 * The reply to `/news <query>`: the page of stories with a footer saying how many there are and
 * how the query was understood, plus More / Share buttons; or, when nothing matched, a plain
 * "no stories", close terms to try and the latest headlines instead.
 */
export function renderAnswer(answer: Answer, latest: StoryResult[], ctx: RenderContext): SlackMessage {
  if (answer.stories.length === 0) return renderNoHits(answer, latest, ctx);
  const shown = answer.stories.slice(0, STORIES_SHOWN_MAX);
  const query = queryLabel(answer.query);
  const blocks: KnownBlock[] = [];
  const sharer = sharedByLine(ctx.sharedBy);
  if (sharer) blocks.push({ type: 'context', elements: [mrkdwn(sharer)] });
  const title = query ? `Top stories for *${query}*` : '*Top stories*';
  // Stories found through close spellings: say which word we took the query to mean.
  const suggestions = didYouMean(answer.suggestions);
  blocks.push(section(suggestions ? `${title}\n${suggestions}` : title));
  for (const story of shown) blocks.push({ type: 'divider' }, ...renderStory(story, ctx));
  blocks.push({ type: 'divider' }, footer(answer, shown.length));
  const buttons = ctx.buttons !== false && ctx.sharedBy === undefined;
  const actions = buttons
    ? answerButtons(answer.query, answer.offset, shown.length, answer.total, ctx.shareButton !== false)
    : null;
  if (actions) blocks.push(actions);
  const intro = query ? `Top stories for “${query}”` : 'Top stories';
  const titles = shown.map(plainTitle);
  return { text: fallback(`${intro}: ${joinWithin(titles, '; ', LIMITS.fallbackText)}`), blocks };
}

/** The reply to `/news` and `/news help`: what newsbot does, the query language, the latest headlines. */
export function renderHelp(latest: StoryResult[], ctx: RenderContext): SlackMessage {
  const usage = [
    '*newsbot* finds news stories and shows the passage that matches, with links to the sources.',
    `Ask \`/news ${escapeMrkdwn('<topic>')}\` for the top ${PAGE_SIZE} stories; *More* shows the next ones.`,
  ].join('\n');
  const language = [
    '*Query language*',
    '• `climate change`: stories with these words',
    '• `"interest rates"`: an exact phrase',
    '• `election -poll`: leave out stories that mention a word',
    '• `since:7d` or `since:2025-09-01`: only stories published since then',
    '• `source:abc` or `source:"perth now"`: only stories from that outlet',
    'Mix them freely: `/news bushfire since:3d source:abc`',
  ].join('\n');
  const blocks: KnownBlock[] = [section(usage), section(language)];
  const headlines = renderHeadlines(latest.slice(0, HEADLINES_IN_HELP), ctx);
  if (headlines.length) blocks.push({ type: 'divider' }, section('*Latest headlines*'), ...headlines);
  return {
    text: fallback(
      `newsbot: ask /news ${escapeMrkdwn('<topic>')} for the top stories, or /news help for the query language.`,
    ),
    blocks,
  };
}

/** A friendly error for the user who asked; the message is shown as text, never as markup. */
export function renderError(message: string): SlackMessage {
  const text =
    truncateText(mrkdwnText(message), 1000) || 'Something went wrong. Please try again in a moment.';
  return { text: fallback(text), blocks: [section(text)] };
}

function renderNoHits(answer: Answer, latest: StoryResult[], ctx: RenderContext): SlackMessage {
  const query = queryLabel(answer.query);
  const pastTheEnd = answer.total > 0 && answer.offset > 0;
  const headline = pastTheEnd
    ? `No more stories${query ? ` for *${query}*` : ''}.`
    : `No stories matched${query ? ` *${query}*` : ''}.`;
  const blocks: KnownBlock[] = [];
  const sharer = sharedByLine(ctx.sharedBy);
  if (sharer) blocks.push({ type: 'context', elements: [mrkdwn(sharer)] });
  const suggestions = didYouMean(answer.suggestions);
  blocks.push(section(suggestions ? `${headline}\n${suggestions}` : headline));
  const understood = describeUnderstanding(answer.understood);
  if (understood.length) {
    blocks.push({ type: 'context', elements: [mrkdwn(joinWithin(understood, ' · ', FOOTER_MAX))] });
  }
  const headlines = renderHeadlines(latest.slice(0, HEADLINES_WITHOUT_HITS), ctx);
  if (headlines.length) blocks.push({ type: 'divider' }, section('*Latest headlines*'), ...headlines);
  const plain = query ? `No stories matched “${query}”.` : 'No stories matched.';
  return { text: fallback(plain), blocks };
}

/** "Did you mean *a*, *b* or *c*?" from the index's close terms, or "" when there are none. */
function didYouMean(suggestions: readonly string[]): string {
  const terms = [...new Set(suggestions.map((s) => truncateText(mrkdwnText(s, { everywhere: true }), 50)))]
    .filter(Boolean)
    .slice(0, SUGGESTIONS_SHOWN)
    .map((t) => `*${t}*`);
  if (terms.length === 0) return '';
  const last = terms.pop();
  return `Did you mean ${terms.length ? `${terms.join(', ')} or ${last}` : last}?`;
}

/** "Stories 6–10 of 23" plus the query as understood. */
function footer(answer: Answer, shown: number): KnownBlock {
  const first = answer.offset + 1;
  const last = answer.offset + shown;
  const total = Math.max(answer.total, last);
  const count =
    shown === total
      ? `${total} ${total === 1 ? 'story' : 'stories'}`
      : `Stories ${first}–${last} of ${total}`;
  const pieces = [count, ...describeUnderstanding(answer.understood)];
  return { type: 'context', elements: [mrkdwn(joinWithin(pieces, ' · ', FOOTER_MAX))] };
}

/** The query for display inside bold: escaped, markers neutralised, short. */
function queryLabel(query: string): string {
  return truncateText(mrkdwnText(query, { everywhere: true }), QUERY_MAX);
}

/** "Shared by <@U123>": the one mention newsbot writes, and only from a well-formed user id. */
function sharedByLine(userId: string | undefined): string | null {
  if (userId === undefined) return null;
  return USER_ID.test(userId) ? `Shared by <@${userId}> from /news` : 'Shared from /news';
}

function section(text: string): KnownBlock {
  return { type: 'section', text: mrkdwn(text) };
}

function fallback(text: string): string {
  return truncateText(text, LIMITS.fallbackText);
}
