import type { Highlight, Passage } from '../answer-types.js';
import { escapeMrkdwn, isInvisibleControl, isWordChar, neutraliseMarkers } from './escape.js';

const ESCAPED_LENGTH: Record<string, number> = { '&': 5, '<': 4, '>': 4 };

/**
 * A passage as mrkdwn, matched words in bold, at most `budget` characters once escaped.
 *
 * Slack only bolds `*text*` when the stars touch the text and sit at word edges, so each
 * highlight is trimmed to its first and last letter or digit, widened to whole words, and merged
 * with any highlight it touches; `*clim*ate`, `* climate*` and `*a**b*` can never come out.
 * A passage too long for the budget is cut at a space and ends with "…".
 */
export function renderPassage(passage: Passage, budget: number): string {
  const shown = renderWithin(passage.text, passage.highlights, budget);
  if (shown.bold || passage.highlights.length === 0) return shown.mrkdwn;
  // Every matched word fell past the budget: show the text from just before the first one instead,
  // so the reader always sees why the story matched.
  const first = Math.min(...passage.highlights.map((h) => h.start));
  const from = startBefore(passage.text, first);
  if (from <= 0) return shown.mrkdwn;
  const rest = passage.highlights.map((h) => ({ start: h.start - from, end: h.end - from }));
  const windowed = renderWithin(passage.text.slice(from), rest, budget - 1);
  return windowed.bold ? `…${windowed.mrkdwn}` : shown.mrkdwn;
}

/** Words kept before a matched word when the passage is shown from there. */
const CONTEXT_BEFORE = 40;

/** A word boundary about CONTEXT_BEFORE characters before `offset`. */
function startBefore(text: string, offset: number): number {
  const from = Math.max(0, offset - CONTEXT_BEFORE);
  const space = text.indexOf(' ', from);
  return space === -1 || space >= offset ? from : space + 1;
}

function renderWithin(
  raw: string,
  highlights: readonly Highlight[],
  budget: number,
): { mrkdwn: string; bold: boolean } {
  // Each character shown costs at least one, so a prefix one longer than the budget is all that can matter.
  const { text, spans } = cleanWithHighlights(raw, highlights, budget + 1);
  const { end, spans: kept } = cutToBudget(text, spans, budget);
  const boundaries = new Set(kept.flatMap((s) => [s.start, s.end]));
  const safe = neutraliseMarkers(text.slice(0, end), { boundaries });
  let out = '';
  let at = 0;
  for (const span of kept) {
    out += `${escapeMrkdwn(safe.slice(at, span.start))}*${escapeMrkdwn(safe.slice(span.start, span.end))}*`;
    at = span.end;
  }
  out += escapeMrkdwn(safe.slice(at));
  return { mrkdwn: end < text.length ? `${out}…` : out, bold: kept.length > 0 };
}

/**
 * Removes invisible controls and folds whitespace (as `cleanText` does) while carrying the
 * highlight offsets over to the cleaned text, then normalises the highlights. Stops once the
 * cleaned text is `limit` characters long.
 */
function cleanWithHighlights(
  raw: string,
  highlights: readonly Highlight[],
  limit: number,
): { text: string; spans: Highlight[] } {
  const newIndex: number[] = [];
  const kept: string[] = [];
  let spaceBefore = false;
  for (let i = 0; i < raw.length && kept.length < limit; i++) {
    newIndex.push(kept.length);
    const c = raw.charAt(i);
    if (/\s/.test(c)) {
      spaceBefore = kept.length > 0;
    } else if (!isInvisibleControl(c)) {
      if (spaceBefore) {
        newIndex[i] = kept.length + 1;
        kept.push(' ');
        spaceBefore = false;
      }
      kept.push(c);
    }
  }
  const text = kept.join('');
  const at = (offset: number) =>
    Math.min(newIndex[Math.max(0, Math.min(raw.length, Math.trunc(offset)))] ?? text.length, text.length);
  const mapped = highlights
    .filter((h) => Number.isFinite(h.start) && Number.isFinite(h.end))
    .map((h) => wholeWords(text, at(h.start), at(h.end)))
    .filter((h): h is Highlight => h !== null);
  return { text, spans: mergeTouching(mapped) };
}

/** The span trimmed to its first and last word character, then widened to whole words; null if it has none. */
function wholeWords(text: string, from: number, to: number): Highlight | null {
  let start = from;
  let end = to;
  while (start < end && !isWordChar(text.charAt(start))) start++;
  while (end > start && !isWordChar(text.charAt(end - 1))) end--;
  if (start >= end) return null;
  while (start > 0 && isWordChar(text.charAt(start - 1))) start--;
  while (end < text.length && isWordChar(text.charAt(end))) end++;
  return { start, end };
}

function mergeTouching(spans: Highlight[]): Highlight[] {
  const merged: Highlight[] = [];
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    const last = merged.at(-1);
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}

/**
 * Where to end the text so that, escaped and with bold markers, it fits `budget` (with "…" when
 * cut): the last space that fits, or the last code point when no space does. A highlight the cut
 * runs through is shortened to end on a word character.
 */
function cutToBudget(text: string, spans: Highlight[], budget: number): { end: number; spans: Highlight[] } {
  if (renderedLength(text, spans) <= budget) return { end: text.length, spans };
  let cost = 0;
  let next = 0;
  let lastSpace = -1;
  let lastFit = 0;
  for (let i = 0; i < text.length; ) {
    const width = isSurrogatePair(text, i) ? 2 : 1;
    const c = text.charAt(i);
    let step = ESCAPED_LENGTH[c] ?? width;
    if (spans[next]?.start === i) {
      step += 2;
      next++;
    }
    if (cost + step > budget - 1) break;
    cost += step;
    i += width;
    if (c === ' ') lastSpace = i - 1;
    lastFit = i;
  }
  const end = lastSpace > 0 ? lastSpace : lastFit;
  const kept = spans
    .filter((s) => s.start < end)
    .map((s) => (s.end <= end ? s : trimToWordEnd(text, s.start, end)))
    .filter((s): s is Highlight => s !== null);
  return { end, spans: kept };
}

function renderedLength(text: string, spans: readonly Highlight[]): number {
  let length = 2 * spans.length;
  for (const c of text) length += ESCAPED_LENGTH[c] ?? c.length;
  return length;
}

function trimToWordEnd(text: string, start: number, end: number): Highlight | null {
  let e = end;
  while (e > start && !isWordChar(text.charAt(e - 1))) e--;
  return e > start ? { start, end: e } : null;
}

function isSurrogatePair(text: string, i: number): boolean {
  const hi = text.charCodeAt(i);
  const lo = text.charCodeAt(i + 1);
  return hi >= 0xd800 && hi <= 0xdbff && lo >= 0xdc00 && lo <= 0xdfff;
}
