import { createHmac } from 'node:crypto';

export interface SignedPostOptions {
  /** Unix seconds; default now. */
  timestamp?: number;
  /** Replace the computed signature (forgery tests). */
  signature?: string;
  headers?: Record<string, string>;
}

/** Slack's v0 request signature: HMAC-SHA256 of `v0:{timestamp}:{body}` with the signing secret. */
export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/** POSTs a body to the app the way Slack does, signed with `secret`. */
export async function signedPost(
  url: string,
  secret: string,
  body: string,
  contentType: string,
  options: SignedPostOptions = {},
): Promise<Response> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  return fetch(url, {
    method: 'POST',
    headers: {
      'Content-Type': contentType,
      'X-Slack-Request-Timestamp': String(timestamp),
      'X-Slack-Signature': options.signature ?? slackSignature(secret, timestamp, body),
      ...options.headers,
    },
    body,
  });
}

const FORM = 'application/x-www-form-urlencoded';

/** A `/news` slash command body, form-encoded as Slack sends it. */
export function slashCommand(text: string, responseUrl: string, extra: Record<string, string> = {}): string {
  return new URLSearchParams({
    token: 'legacy',
    team_id: 'T0TEAM',
    team_domain: 'example',
    channel_id: 'C0CHANNEL',
    channel_name: 'general',
    user_id: 'U0ALICE',
    user_name: 'alice',
    command: '/news',
    text,
    api_app_id: 'A0APP',
    response_url: responseUrl,
    trigger_id: `trigger.${Math.random().toString(36).slice(2)}`,
    ...extra,
  }).toString();
}

/** A block_actions payload for one button press, form-encoded as `payload=<json>`. */
export function buttonPress(
  actionId: string,
  value: string,
  responseUrl: string,
  channel = 'C0CHANNEL',
): string {
  const payload = {
    type: 'block_actions',
    team: { id: 'T0TEAM', domain: 'example' },
    user: { id: 'U0ALICE', username: 'alice', team_id: 'T0TEAM' },
    api_app_id: 'A0APP',
    token: 'legacy',
    container: { type: 'message', message_ts: '1757000000.000001', channel_id: channel, is_ephemeral: true },
    trigger_id: `trigger.${Math.random().toString(36).slice(2)}`,
    channel: { id: channel, name: 'general' },
    response_url: responseUrl,
    actions: [
      {
        type: 'button',
        action_id: actionId,
        block_id: 'news_actions',
        value,
        text: { type: 'plain_text', text: 'button' },
        action_ts: '1757000001.000001',
      },
    ],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** An Events API callback around `event`, as JSON. */
export function eventCallback(eventId: string, event: Record<string, unknown>): string {
  return JSON.stringify({
    token: 'legacy',
    team_id: 'T0TEAM',
    api_app_id: 'A0APP',
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: 'T0TEAM', user_id: 'U0BOT', is_bot: true }],
    event,
  });
}

export { FORM };
