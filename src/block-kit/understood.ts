import type { QueryUnderstanding } from '../answer-types.js';
import { formatDate } from './dates.js';
import { mrkdwnText, truncateText } from './escape.js';
import { joinWithin } from './text.js';

const TERM_MAX = 80;
const LIST_MAX = 400;

/**
 * The query as newsbot understood it, for the footer: what was searched for, the filters applied,
 * and what was ignored and why. Each piece is escaped mrkdwn; empty parts are left out.
 */
export function describeUnderstanding(understood: QueryUnderstanding): string[] {
  const pieces: string[] = [];
  const phrases = understood.phrases.map(term).filter(Boolean);
  const terms = [...understood.words.map(term), ...phrases.map((p) => `“${p}”`)];
  if (terms.length) pieces.push(`searched for ${list(terms)}`);
  if (understood.excluded.length) pieces.push(`without ${list(understood.excluded.map(term))}`);
  if (understood.since) pieces.push(`since ${sinceDate(understood.since)}`);
  if (understood.sources.length) pieces.push(`from ${list(understood.sources.map(term))}`);
  if (understood.warnings.length) pieces.push(`ignored: ${list(understood.warnings.map(term), '; ')}`);
  return pieces;
}

function term(text: string): string {
  return truncateText(mrkdwnText(text), TERM_MAX);
}

function list(items: string[], separator = ', '): string {
  return joinWithin(items.filter(Boolean), separator, LIST_MAX);
}

/** "1 Sep 2025" for an ISO date; anything else is shown as given, escaped. */
function sinceDate(since: string): string {
  const ms = Date.parse(since);
  return /^\d{4}-\d{2}-\d{2}/.test(since) && !Number.isNaN(ms) ? formatDate(ms) : term(since);
}
