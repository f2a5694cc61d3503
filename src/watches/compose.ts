import { linkLabel, mrkdwnText, truncateText } from '../block-kit/escape.js';
import { articleLink, mrkdwnLink } from '../block-kit/links.js';
import { renderStory } from '../block-kit/story.js';
import { mrkdwn } from '../block-kit/text.js';
import type { SlackMessage } from '../block-kit/types.js';
import type { Article } from '../corpus/article.js';
import { queryPassage } from '../summarize/passage.js';
import type { WatchQuery } from './match.js';

export interface WatchRef {
  id: number;
  /** The watch's text as typed. */
  query: string;
}

const QUERY_SHOWN = 150;
const OUTLET_SHOWN = 80;

function queryText(query: string): string {
  return truncateText(mrkdwnText(query, { everywhere: true }), QUERY_SHOWN);
}

function outletOf(article: Article): string {
  return article.source ?? article.credit ?? 'another outlet';
}

/**
 * A new story for a watch: the linked title over the passage that matched (the same story
 * renderer as answers and digests), then "watch: <query> · /news watch off <id>".
 */
export function renderWatchPost(
  watch: WatchRef,
  article: Article,
  query: WatchQuery,
  ctx: { now: Date; publicBaseUrl: string | null },
): SlackMessage {
  const passage = queryPassage(article, { terms: query.terms, phrases: query.phrases });
  const blocks = renderStory(
    { storyId: article.storyId, article, passage, alsoReportedBy: [], articleIds: [article.id], score: 0 },
    { now: ctx.now, publicBaseUrl: ctx.publicBaseUrl, buttons: false },
  );
  blocks.push({
    type: 'context',
    elements: [mrkdwn(`watch: ${queryText(watch.query)} · \`/news watch off ${watch.id}\``)],
  });
  const title = truncateText(mrkdwnText(article.title, { everywhere: true }), 200);
  return { text: `New on ${queryText(watch.query)}: ${title}`, blocks };
}

/** A later outlet of a story already posted: a reply in that post's thread. */
export function renderFollowUp(article: Article, publicBaseUrl: string | null): SlackMessage {
  const outlet = truncateText(mrkdwnText(outletOf(article), { everywhere: true }), OUTLET_SHOWN);
  const link = articleLink(article, publicBaseUrl);
  const title = mrkdwnLink(link, truncateText(linkLabel(article.title), 200) || 'Untitled');
  return {
    text: `also reported by ${outlet}`,
    blocks: [{ type: 'section', text: mrkdwn(`also reported by *${outlet}*: ${title}`) }],
  };
}

/** Past the hourly cap: one post counting the stories held back. */
export function renderSummary(watch: WatchRef, count: number): SlackMessage {
  const stories = count === 1 ? 'story' : 'stories';
  const text = `${count} more ${stories} on ${queryText(watch.query)} in the last hour — \`/news ${queryText(watch.query)} since:1h\``;
  return {
    text,
    blocks: [
      { type: 'section', text: mrkdwn(text) },
      {
        type: 'context',
        elements: [mrkdwn(`watch: ${queryText(watch.query)} · \`/news watch off ${watch.id}\``)],
      },
    ],
  };
}
