import type { KnownBlock, SlackMessage } from '../../block-kit/types.js';
import { CONSOLE } from './identities.js';

/** A message the bot sent, by whichever route Slack would have carried it. */
export interface SentMessage {
  via: 'chat.postMessage' | 'chat.postEphemeral' | 'response_url';
  message: SlackMessage;
  /** Where a press of this message's buttons should respond (its own response_url). */
  responseUrl: string;
  /** A reply in the thread of the message with this `ts` (a watch's "also reported by"). */
  threadTs?: string;
}

const API_PATH = '/api/';
const RESPOND_PATH = '/respond/';

function json(body: unknown): Response {
  return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
}

function blocksFrom(raw: unknown): KnownBlock[] {
  if (Array.isArray(raw)) return raw as KnownBlock[];
  if (typeof raw !== 'string' || raw === '') return [];
  const parsed: unknown = JSON.parse(raw);
  return Array.isArray(parsed) ? (parsed as KnownBlock[]) : [];
}

/** The arguments of a Web API call, form-encoded (the Web API client's way) or JSON. */
function callArguments(body: string, contentType: string): Record<string, unknown> {
  if (contentType.includes('application/json')) return JSON.parse(body) as Record<string, unknown>;
  return Object.fromEntries(new URLSearchParams(body));
}

function bodyText(body: unknown): string {
  if (typeof body === 'string') return body;
  if (body instanceof URLSearchParams) return body.toString();
  return '';
}

/**
 * Slack's Web API and response URLs, answered inside the process: console mode hands this
 * `fetch` to Bolt (for `say`, `respond` and `client.chat.*`), so the listeners run unchanged and
 * every message they send reaches `onMessage` instead of Slack.
 */
export function createInProcessWebApi(onMessage: (sent: SentMessage) => void) {
  let responseUrls = 0;
  let messages = 0;
  const newResponseUrl = () => `${CONSOLE.origin}${RESPOND_PATH}${++responseUrls}`;

  const fetch = async (
    input: string | URL,
    init?: { body?: unknown; headers?: unknown },
  ): Promise<Response> => {
    const url = new URL(String(input));
    const headers = new Headers(init?.headers as ConstructorParameters<typeof Headers>[0]);
    const args = callArguments(bodyText(init?.body), headers.get('content-type') ?? '');
    const message = { text: String(args.text ?? ''), blocks: blocksFrom(args.blocks) };
    if (url.pathname.startsWith(RESPOND_PATH)) {
      if (args.delete_original !== true) onMessage({ via: 'response_url', message, responseUrl: url.href });
      return new Response('ok', { status: 200 });
    }
    const method = url.pathname.slice(API_PATH.length);
    if (method === 'chat.postMessage' || method === 'chat.postEphemeral') {
      const threadTs =
        typeof args.thread_ts === 'string' && args.thread_ts !== '' ? args.thread_ts : undefined;
      onMessage({ via: method, message, responseUrl: newResponseUrl(), ...(threadTs ? { threadTs } : {}) });
      const ts = `${Math.floor(Date.now() / 1000)}.${String(++messages).padStart(6, '0')}`;
      return json({ ok: true, channel: args.channel, ts, message_ts: ts });
    }
    if (method === 'auth.test') {
      return json({ ok: true, user_id: CONSOLE.botUserId, bot_id: CONSOLE.botId, team_id: CONSOLE.teamId });
    }
    return json({ ok: false, error: 'unknown_method' });
  };

  return { fetch, apiUrl: `${CONSOLE.origin}${API_PATH}`, newResponseUrl };
}
