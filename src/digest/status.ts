import { escapeMrkdwn, mrkdwnText, truncateText } from '../block-kit/escape.js';
import { mrkdwn } from '../block-kit/text.js';
import type { KnownBlock, SlackMessage } from '../block-kit/types.js';
import { whenLocal } from '../local-time.js';
import type { LedgerRow, Subscription } from '../store/schema.js';
import { nextRun } from './times.js';

/** A short reply: one section of mrkdwn (already escaped by the caller where untrusted). */
export function note(text: string, extra: KnownBlock[] = []): SlackMessage {
  const plain = text.replace(/[*`]/g, '');
  return {
    text: truncateText(plain, 3000),
    blocks: [{ type: 'section', text: mrkdwn(truncateText(text, 3000)) }, ...extra],
  };
}

/** Untrusted text (topics, error codes) for inside our own bold. */
export function shown(text: string, max = 200): string {
  return truncateText(mrkdwnText(text, { everywhere: true }), max);
}

/** An error code inside a code span: formatting markers are literal there; only &, <, > and ` matter. */
function codeText(text: string): string {
  return escapeMrkdwn(truncateText(text.replace(/`/g, "'"), 80));
}

function who(createdBy: string): string {
  return /^[UW][A-Z0-9]{2,20}$/.test(createdBy) ? `<@${createdBy}>` : shown(createdBy, 60);
}

/** `/news digest status`: time, zone, topics, who and when, last posted, last error, next post. */
export function renderStatus(
  sub: Subscription | undefined,
  today: LedgerRow | undefined,
  now: Date,
  here: string,
): SlackMessage {
  if (sub === undefined || !sub.enabled) {
    return note(
      `No daily digest ${here}. Turn it on with \`/news digest on\` (optionally \`on 08:30 Europe/Paris\`).`,
    );
  }
  const zone = sub.time_zone;
  const lines = [
    `*Daily digest ${here}*${sub.paused_at ? ' — *paused*' : ''}`,
    `• Time: ${sub.time} (${shown(zone, 60)})`,
    `• Topics: ${sub.topics ? `*${shown(sub.topics)}*` : 'all news'}`,
    `• Set up by ${who(sub.created_by)} on ${whenLocal(new Date(sub.created_at), zone)}`,
    `• Last posted: ${sub.last_posted_at ? whenLocal(new Date(sub.last_posted_at), zone) : 'not yet'}`,
  ];
  if (sub.last_error) {
    const at = sub.last_error_at ? ` on ${whenLocal(new Date(sub.last_error_at), zone)}` : '';
    lines.push(`• Last error: \`${codeText(sub.last_error)}\`${at}${hint(sub.last_error)}`);
  }
  if (sub.paused_at) {
    lines.push(
      `• Paused itself on ${whenLocal(new Date(sub.paused_at), zone)} after three days of errors: \`/news digest on\` resumes it`,
    );
  } else {
    const todayNote = today?.status === 'posted' ? ' (today’s is done)' : '';
    lines.push(`• Next post: ${whenLocal(nextRun(sub, now), zone)}${todayNote}`);
  }
  return note(lines.join('\n'));
}

/** What to do about an error people can fix. */
export function hint(error: string): string {
  switch (error) {
    case 'not_in_channel':
      return ' — this is a private channel: `/invite @newsbot` to let it post';
    case 'is_archived':
      return ' — the channel is archived';
    case 'channel_not_found':
      return ' — newsbot cannot see this channel (private? `/invite @newsbot`)';
    case 'account_inactive':
      return ' — the account is deactivated';
    default:
      return '';
  }
}
