import { mrkdwnText, truncateText } from '../block-kit/escape.js';
import { LIMITS } from '../block-kit/limits.js';
import { plainTitle, renderStory } from '../block-kit/story.js';
import { joinWithin, mrkdwn } from '../block-kit/text.js';
import type { KnownBlock, SlackMessage } from '../block-kit/types.js';
import { localDateHeading } from '../local-time.js';
import type { DigestSelection } from '../newsroom/digest-selection.js';

export interface DigestRenderContext {
  now: Date;
  /** The subscription's zone: the heading shows the local date there. */
  timeZone: string;
  publicBaseUrl?: string | null;
  /** What to send on a day with nothing new: nothing (skip) or one short line (post). */
  empty: 'skip' | 'post';
}

/** Besides the stories: header, topics line, the divider and footer at the end, and a preview's note. */
const FRAME_BLOCKS = 5;
/**
 * The whole message's mrkdwn: Slack's block limits say nothing of the total, but very long
 * messages are collapsed or refused; a digest stays readable well under this.
 */
const MAX_MESSAGE_CHARS = 12_000;
const TOPICS_MAX = 200;

/**
 * The digest message: "News digest — Monday 24 November", the topics, the stories (title, outlets,
 * lead), and a footer counting the rest. Stories that would break a Block Kit limit are cut and
 * counted in the footer, so Slack never refuses it. Null when there is nothing to post.
 */
export function renderDigest(selection: DigestSelection, ctx: DigestRenderContext): SlackMessage | null {
  const heading = `News digest — ${localDateHeading(ctx.now, ctx.timeZone)}`;
  const topics = truncateText(mrkdwnText(selection.topics, { everywhere: true }), TOPICS_MAX);
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: heading, emoji: false } },
  ];
  if (topics) blocks.push({ type: 'context', elements: [mrkdwn(`Topics: *${topics}*`)] });

  if (selection.stories.length === 0) {
    if (ctx.empty === 'skip') return null;
    const line = topics
      ? `No new stories on *${topics}* in the last day.`
      : 'No new stories in the last day.';
    blocks.push({ type: 'section', text: mrkdwn(line) });
    return { text: `${heading}: no new stories`, blocks };
  }

  const shown: typeof selection.stories = [];
  let chars = 0;
  const body: KnownBlock[] = [];
  for (const story of selection.stories) {
    const rendered = renderStory(story, { now: ctx.now, publicBaseUrl: ctx.publicBaseUrl ?? null });
    const size = JSON.stringify(rendered).length;
    const fits =
      blocks.length + body.length + 1 + rendered.length + FRAME_BLOCKS <= LIMITS.blocksPerMessage &&
      chars + size <= MAX_MESSAGE_CHARS;
    if (!fits) break;
    body.push({ type: 'divider' }, ...rendered);
    chars += size;
    shown.push(story);
  }
  blocks.push(...body, { type: 'divider' }, footer(selection.total - shown.length));
  const titles = joinWithin(shown.map(plainTitle), '; ', LIMITS.fallbackText - heading.length - 2);
  return { text: truncateText(`${heading}: ${titles}`, LIMITS.fallbackText), blocks };
}

function footer(more: number): KnownBlock {
  const text =
    more > 0
      ? `${more} more ${more === 1 ? 'story' : 'stories'} today — try \`/news <topic>\``
      : 'That is all for today — ask `/news <topic>` any time';
  return { type: 'context', elements: [mrkdwn(text.replace(/</g, '&lt;').replace(/>/g, '&gt;'))] };
}
