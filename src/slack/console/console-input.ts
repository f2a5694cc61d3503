import { CONSOLE } from './identities.js';

/** What one line typed in console mode asks for. */
export type ConsoleInput =
  | { kind: 'command'; text: string }
  | { kind: 'mention'; text: string }
  | { kind: 'dm'; text: string }
  | { kind: 'button'; button: 'more' | 'share' }
  | { kind: 'quit' }
  | { kind: 'blank' };

/**
 * Reads a console line the way Slack would see it: `/news …` is the slash command, `@newsbot …`
 * (or any `@name`) a mention in a channel, `more` / `share` press the last answer's buttons,
 * `quit` ends, and anything else is a direct message to the bot (so `help` works too).
 */
export function parseConsoleLine(line: string): ConsoleInput {
  const text = line.trim();
  if (text === '') return { kind: 'blank' };
  const lower = text.toLowerCase();
  if (lower === 'quit' || lower === 'exit' || lower === ':q') return { kind: 'quit' };
  if (lower === 'more' || lower === 'share') return { kind: 'button', button: lower };
  const command = /^\/news(?:\s+([\s\S]*))?$/i.exec(text);
  if (command) return { kind: 'command', text: command[1]?.trim() ?? '' };
  const mention = /^@\S+\s*([\s\S]*)$/.exec(text);
  if (mention) return { kind: 'mention', text: mention[1] ?? '' };
  return { kind: 'dm', text };
}

/** Slack encodes these three in message text; the listeners decode them back. */
function encodeSlackText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Request bodies shaped like Slack's, so the same Bolt listeners handle console lines. */
export function slashCommandBody(text: string, responseUrl: string, seq: number): Record<string, unknown> {
  return {
    token: 'console',
    command: '/news',
    text: encodeSlackText(text),
    team_id: CONSOLE.teamId,
    channel_id: CONSOLE.channelId,
    channel_name: 'console',
    user_id: CONSOLE.userId,
    user_name: CONSOLE.userName,
    response_url: responseUrl,
    trigger_id: `console.trigger.${seq}`,
    api_app_id: 'A0CONSOLE',
  };
}

function eventBody(event: Record<string, unknown>, seq: number): Record<string, unknown> {
  return {
    token: 'console',
    team_id: CONSOLE.teamId,
    api_app_id: 'A0CONSOLE',
    type: 'event_callback',
    event_id: `Ev0CONSOLE${seq}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: CONSOLE.teamId, user_id: CONSOLE.botUserId, is_bot: true }],
    event,
  };
}

function messageTs(seq: number): string {
  return `${Math.floor(Date.now() / 1000)}.${String(seq).padStart(6, '0')}`;
}

export function mentionBody(text: string, seq: number): Record<string, unknown> {
  return eventBody(
    {
      type: 'app_mention',
      user: CONSOLE.userId,
      text: `<@${CONSOLE.botUserId}> ${encodeSlackText(text)}`,
      ts: messageTs(seq),
      channel: CONSOLE.channelId,
      event_ts: messageTs(seq),
    },
    seq,
  );
}

export function directMessageBody(text: string, seq: number): Record<string, unknown> {
  return eventBody(
    {
      type: 'message',
      channel_type: 'im',
      user: CONSOLE.userId,
      text: encodeSlackText(text),
      ts: messageTs(seq),
      channel: CONSOLE.dmChannelId,
      event_ts: messageTs(seq),
    },
    seq,
  );
}

/** A press of a button (by action id and value) on a message in the console channel. */
export function buttonPressBody(
  actionId: string,
  value: string,
  responseUrl: string,
  seq: number,
): Record<string, unknown> {
  return {
    type: 'block_actions',
    team: { id: CONSOLE.teamId, domain: 'console' },
    user: { id: CONSOLE.userId, username: CONSOLE.userName, team_id: CONSOLE.teamId },
    api_app_id: 'A0CONSOLE',
    token: 'console',
    container: { type: 'message', channel_id: CONSOLE.channelId, is_ephemeral: true },
    trigger_id: `console.trigger.${seq}`,
    channel: { id: CONSOLE.channelId, name: 'console' },
    response_url: responseUrl,
    actions: [
      {
        type: 'button',
        action_id: actionId,
        block_id: 'news_actions',
        value,
        text: { type: 'plain_text', text: actionId },
        action_ts: messageTs(seq),
      },
    ],
  };
}
