import type { StoryResult } from '../answer-types.js';
import type { Article } from '../corpus/article.js';
import { outletOf } from '../corpus/outlet.js';
import { relativeDate } from './dates.js';
import { linkLabel, mrkdwnText, truncateText } from './escape.js';
import { LIMITS } from './limits.js';
import { articleLink, mrkdwnLink } from './links.js';
import { renderPassage } from './passage.js';
import { joinWithin, mrkdwn } from './text.js';
import type { ContextBlock, KnownBlock, SectionBlock } from './types.js';

export interface RenderContext {
  /** Reference time for "2 h ago" and "yesterday". */
  now: Date;
  /** Where newsbot serves articles that have no URL of their own (`{base}/articles/{id}`). */
  publicBaseUrl?: string | null;
  /** Slack user id of the person who shared the answer to the channel; set only for the shared copy. */
  sharedBy?: string;
  /** Show the More / Share buttons (default true; never on a shared copy). */
  buttons?: boolean;
  /** With the buttons, offer "Share to channel" (default true; off when answers are public already). */
  shareButton?: boolean;
}

/** Longest title shown, in mrkdwn characters: about two lines in Slack. */
const TITLE_MAX = 250;
/** Longest passage shown: a few sentences; the section would allow 3,000 but nobody reads that. */
const PASSAGE_MAX = 1200;
const META_MAX = 1000;
const NAME_MAX = 60;
const OTHER_OUTLETS_SHOWN = 5;

/**
 * One story: its title (linked when a link is known) over the passage with the matched words in
 * bold, then outlet · date · also reported by. Used by answers and digests alike.
 */
export function renderStory(story: StoryResult, ctx: RenderContext): KnownBlock[] {
  const { article } = story;
  const link = articleLink(article, ctx.publicBaseUrl);
  const title = titleMrkdwn(article, link);
  const passage = renderPassage(story.passage, Math.min(PASSAGE_MAX, LIMITS.sectionText - title.length - 1));
  const section: SectionBlock = { type: 'section', text: mrkdwn(passage ? `${title}\n${passage}` : title) };
  const meta = [...articleMeta(article, ctx.now), ...alsoReportedBy(story.alsoReportedBy)];
  if (meta.length === 0) return [section];
  const context: ContextBlock = { type: 'context', elements: [mrkdwn(joinWithin(meta, ' · ', META_MAX))] };
  return [section, context];
}

/**
 * Headlines as a bulleted list: title and outlet · date per line, no passage. The lines are packed
 * into as few sections as the 3,000-character limit allows.
 */
export function renderHeadlines(stories: readonly StoryResult[], ctx: RenderContext): SectionBlock[] {
  const sections: SectionBlock[] = [];
  let lines: string[] = [];
  let length = 0;
  for (const { article } of stories) {
    const link = articleLink(article, ctx.publicBaseUrl);
    const title = titleMrkdwn(article, link);
    const meta = articleMeta(article, ctx.now);
    const line = meta.length ? `• ${title} — ${joinWithin(meta, ' · ', 300)}` : `• ${title}`;
    if (lines.length > 0 && length + 1 + line.length > LIMITS.sectionText) {
      sections.push({ type: 'section', text: mrkdwn(lines.join('\n')) });
      lines = [];
      length = 0;
    }
    length += (lines.length > 0 ? 1 : 0) + line.length;
    lines.push(line);
  }
  if (lines.length > 0) sections.push({ type: 'section', text: mrkdwn(lines.join('\n')) });
  return sections;
}

/** The title in bold, as a link when there is one. A title with nothing printable still shows something. */
function titleMrkdwn(article: Article, link: string | null): string {
  const label = truncateText(linkLabel(article.title), TITLE_MAX) || 'Untitled';
  return `*${mrkdwnLink(link, label)}*`;
}

/** A story's title for fallback text: escaped, short, no formatting. */
export function plainTitle(story: StoryResult): string {
  return truncateText(mrkdwnText(story.article.title, { everywhere: true }), 120) || 'Untitled';
}

/**
 * Outlet and when it was published. The outlet is the article's own, else its credit's (marked as a
 * credit), else its link's host, else left out: never the file the article was read from.
 */
function articleMeta(article: Article, now: Date): string[] {
  const parts: string[] = [];
  const outlet = outletOf(article);
  if (outlet) {
    const name = truncateText(mrkdwnText(outlet.name), NAME_MAX);
    parts.push(outlet.from === 'credit' && name ? `credit: ${name}` : name);
  }
  const when = relativeDate(article.published, now);
  if (when) parts.push(when);
  return parts.filter(Boolean);
}

function alsoReportedBy(outlets: readonly string[]): string[] {
  // The names are unique already (see StoryResult), so only the few shown are cleaned and escaped.
  const shown = outlets
    .slice(0, OTHER_OUTLETS_SHOWN)
    .map((o) => truncateText(mrkdwnText(o), NAME_MAX))
    .filter(Boolean);
  if (shown.length === 0) return [];
  const others = outlets.length - OTHER_OUTLETS_SHOWN;
  return [`also reported by ${shown.join(', ')}${others > 0 ? ` and ${others} more` : ''}`];
}
