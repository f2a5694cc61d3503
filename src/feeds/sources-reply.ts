import { formatDate, relativeDate } from '../block-kit/dates.js';
import { escapeMrkdwn, linkLabel, mrkdwnText, truncateText } from '../block-kit/escape.js';
import { LIMITS } from '../block-kit/limits.js';
import { linkableUrl } from '../block-kit/links.js';
import { mrkdwn } from '../block-kit/text.js';
import type { KnownBlock, SlackMessage } from '../block-kit/types.js';
import type { SourceReport } from './poller.js';

/** Sources shown in one message; the rest are counted (Slack allows 50 blocks). */
const MAX_SOURCES_SHOWN = 45;
const MINUTE = 60_000;

/** "in 4 min", "in 2 h", "now", or a date for anything further away. */
export function untilText(when: Date | null, now: Date): string {
  if (when === null) return 'at the next start';
  const ms = when.getTime() - now.getTime();
  if (ms <= MINUTE / 2) return 'now';
  if (ms < 60 * MINUTE) return `in ${Math.round(ms / MINUTE)} min`;
  if (ms < 48 * 60 * MINUTE) return `in ${Math.round(ms / (60 * MINUTE))} h`;
  return `on ${formatDate(when.getTime())}`;
}

function ago(when: Date | null, now: Date): string {
  return when === null ? 'never' : relativeDate(when.toISOString(), now);
}

/** One source's status as plain words (untrusted parts not yet escaped). */
export function sourceStatusParts(row: SourceReport, now: Date): string[] {
  const parts = [`last success ${ago(row.lastSuccessAt, now)}`];
  if (row.lastError !== null) {
    const when = ago(row.lastErrorAt, now);
    parts.push(`${row.failing ? 'failing' : 'last error'}: ${row.lastError} (${when})`);
  }
  parts.push(
    `${row.itemsLast24h} new in 24 h`,
    `${row.itemsTotal} items`,
    `next poll ${untilText(row.nextPollAt, now)}`,
  );
  return parts;
}

/** `/news sources`: every live source with its health, counts and next poll. */
export function renderSourcesList(rows: readonly SourceReport[], now: Date): SlackMessage {
  if (rows.length === 0) {
    const text =
      'No live sources yet. Feeds come from `FEEDS`, `data/feeds.yml`, `newsbot sources add &lt;url&gt;`, or `/news sources add &lt;url&gt;` (admins).';
    return { text, blocks: [{ type: 'section', text: mrkdwn(text) }] };
  }
  const failing = rows.filter((r) => r.failing).length;
  const summary = `${rows.length} live source${rows.length === 1 ? '' : 's'}${failing > 0 ? `, ${failing} failing` : ''}`;
  const blocks: KnownBlock[] = [{ type: 'header', text: { type: 'plain_text', text: 'Live sources' } }];
  for (const row of rows.slice(0, MAX_SOURCES_SHOWN)) {
    const url = linkableUrl(row.url);
    const name = `${row.failing ? '⚠️ ' : ''}*${linkLabel(row.name)}*`;
    const address = url === null ? mrkdwnText(row.url) : `<${url}|${linkLabel(truncateText(row.url, 80))}>`;
    const status = sourceStatusParts(row, now)
      .map((p) => mrkdwnText(p))
      .join(' · ');
    blocks.push({
      type: 'section',
      text: mrkdwn(truncateText(`${name} — ${address}\n${status}`, LIMITS.sectionText)),
    });
  }
  const more = rows.length - MAX_SOURCES_SHOWN;
  const footer = more > 0 ? `${summary}; ${more} more not shown (see \`newsbot sources\`)` : summary;
  blocks.push({ type: 'context', elements: [mrkdwn(escapeMrkdwn(footer))] });
  return { text: escapeMrkdwn(summary), blocks };
}

/** A one-line answer (added, removed, refused, usage): `text` is mrkdwn, already escaped. */
export function renderSourcesNotice(text: string): SlackMessage {
  return { text, blocks: [{ type: 'section', text: mrkdwn(truncateText(text, LIMITS.sectionText)) }] };
}

/** The listing as plain text, one source per paragraph, for the command line. */
export function sourcesListText(rows: readonly SourceReport[], now: Date): string {
  if (rows.length === 0) return 'no live sources (set FEEDS, or list feeds in data/feeds.yml)\n';
  return rows
    .map((row) => `${row.name}  ${row.url}\n  ${sourceStatusParts(row, now).join(' · ')}\n`)
    .join('');
}
