import { z } from 'zod';
import { LIMITS } from './limits.js';
import type { ActionsBlock, Button } from './types.js';

/** "More": the next page of the same query, shown to the same user. */
export const ACTION_MORE = 'news_more';
/** "Share to channel": the same page posted publicly, attributed to the user who shared it. */
export const ACTION_SHARE = 'news_share';

export interface NewsAction {
  /** The query as typed (possibly shortened to fit a button). */
  q: string;
  /** Index of the first story to show. */
  offset: number;
}

/** The JSON a news button carries in its `value`; checked again when Slack sends it back. */
export const NewsActionValue: z.ZodType<NewsAction> = z.object({
  q: z.string().max(LIMITS.buttonValue),
  offset: z.number().int().min(0).max(1_000_000),
});

/** The button payload, or null when it is not one of ours (tampered, truncated, from an old version). */
export function parseActionValue(raw: string): NewsAction | null {
  if (raw.length > LIMITS.buttonValue) return null;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return null;
  }
  const parsed = NewsActionValue.safeParse(json);
  return parsed.success ? parsed.data : null;
}

/**
 * The button value for a query and offset, within Slack's 2,000 characters. A longer query is
 * shortened at a space where possible, never inside a surrogate pair, so the value stays valid JSON
 * that {@link parseActionValue} accepts.
 */
export function encodeActionValue(action: NewsAction): string {
  const full = JSON.stringify(action);
  if (full.length <= LIMITS.buttonValue) return full;
  const room = LIMITS.buttonValue - JSON.stringify({ ...action, q: '' }).length;
  let used = 0;
  let end = 0;
  let lastSpace = -1;
  for (const c of action.q) {
    const width = JSON.stringify(c).length - 2;
    if (used + width > room) break;
    used += width;
    if (c === ' ') lastSpace = end;
    end += c.length;
  }
  const q = action.q.slice(0, lastSpace > 0 ? lastSpace : end).trimEnd();
  return JSON.stringify({ ...action, q });
}

function button(text: string, actionId: string, action: NewsAction, style?: 'primary'): Button {
  return {
    type: 'button',
    text: { type: 'plain_text', text, emoji: false },
    action_id: actionId,
    value: encodeActionValue(action),
    ...(style ? { style } : {}),
  };
}

/**
 * The buttons under an answer: "More" only when stories remain after this page, "Share to
 * channel" whenever there is something to share and `share` is on (an answer already posted to
 * the channel has nothing to share). Null when there is neither.
 */
export function answerButtons(
  query: string,
  offset: number,
  shown: number,
  total: number,
  share = true,
): ActionsBlock | null {
  const elements: Button[] = [];
  if (total > offset + shown)
    elements.push(button('More', ACTION_MORE, { q: query, offset: offset + shown }));
  if (share && shown > 0)
    elements.push(button('Share to channel', ACTION_SHARE, { q: query, offset }, 'primary'));
  return elements.length > 0 ? { type: 'actions', block_id: 'news_actions', elements } : null;
}
