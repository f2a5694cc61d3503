import { truncateText } from './escape.js';
import type { MrkdwnElement } from './types.js';

/**
 * A mrkdwn text object. `verbatim` stops Slack from turning bare names into mentions and channel
 * links ("@channel", "#general"); our own `<url|text>` and `<@U…>` still work.
 */
export function mrkdwn(text: string): MrkdwnElement {
  return { type: 'mrkdwn', text, verbatim: true };
}

/**
 * Joins already-escaped pieces with `separator`, keeping whole pieces while they fit in `max`
 * and ending with "…" when some had to be left out. A first piece that alone is too long is
 * shortened.
 */
export function joinWithin(pieces: readonly string[], separator: string, max: number): string {
  let joined = '';
  for (const piece of pieces) {
    const next = joined ? `${joined}${separator}${piece}` : piece;
    if (next.length <= max) {
      joined = next;
      continue;
    }
    return joined ? truncateText(`${joined}${separator}…`, max) : truncateText(piece, max);
  }
  return joined;
}
