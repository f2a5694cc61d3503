import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_MORE } from '../../src/block-kit/actions.js';
import { APP_TOKEN, BOT_TOKEN, type Harness, startHarness } from './app-harness.js';
import { buttonPress, eventCallback, slashCommand } from './signed-request.js';

/** Slack wants every envelope acknowledged within 3 seconds, or it redelivers it. */
const ACK_DEADLINE_MS = 3000;

let h: Harness;
let seq = 0;
const nextId = (prefix: string) => `${prefix}-${++seq}`;

beforeAll(async () => {
  h = await startHarness({}, { mode: 'socket' });
});
afterAll(async () => {
  await h?.close();
});

function socket() {
  if (h.socket === undefined) throw new Error('the harness was started without Socket Mode');
  return h.socket;
}

/** Waits until the envelope is acknowledged and returns how long that took. */
async function ackDelay(envelopeId: string): Promise<number> {
  const find = () => socket().deliveries.find((d) => d.envelopeId === envelopeId);
  await socket().until(() => find()?.ackedAt !== undefined, ACK_DEADLINE_MS + 2000);
  const delivery = find();
  return (delivery?.ackedAt ?? Number.POSITIVE_INFINITY) - (delivery?.sentAt ?? 0);
}

/** `/news text` as a `slash_commands` envelope; returns what was posted to its response_url. */
async function news(text: string): Promise<Record<string, unknown>> {
  const id = nextId('news');
  const payload = Object.fromEntries(new URLSearchParams(slashCommand(text, h.fake.responseUrl(id))));
  const envelope = socket().deliver('slash_commands', payload);
  expect(await ackDelay(envelope)).toBeLessThanOrEqual(ACK_DEADLINE_MS);
  return h.fake.responseTo(id);
}

function moreButtonValue(message: Record<string, unknown>): string {
  const blocks = message.blocks as { type: string; elements?: { action_id?: string; value?: string }[] }[];
  const button = blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === ACTION_MORE);
  if (button?.value === undefined) throw new Error('no More button in the answer');
  return button.value;
}

function mention(ts: string, text: string) {
  return { type: 'app_mention', user: 'U0ALICE', text, ts, channel: 'C0CHANNEL', event_ts: ts };
}

describe('Socket Mode, end to end against a local Socket Mode server', () => {
  it('opens its connection with the app token through apps.connections.open on SLACK_API_URL', () => {
    const opens = h.fake.callsTo('apps.connections.open');
    expect(opens).toHaveLength(1);
    expect(opens[0]?.token).toBe(APP_TOKEN);
    expect(socket().connectionsOpened).toBe(1);
    expect(h.slack.mode).toBe('socket');
  });

  it('acknowledges a slash command envelope at once and answers at its response_url', async () => {
    const reply = await news('bushfire');
    expect(reply.response_type).toBe('ephemeral');
    expect(JSON.stringify(reply.blocks)).toContain('bushfire');
    expect(moreButtonValue(reply)).toBeTruthy();
  });

  it('answers an event once when Slack delivers it again with retry_attempt 1', async () => {
    const eventId = nextId('Ev');
    const ts = '1757000100.000100';
    const callback = JSON.parse(eventCallback(eventId, mention(ts, '<@U0BOT> bushfire'))) as Record<
      string,
      unknown
    >;
    const first = socket().deliver('events_api', callback, { retry_attempt: 0 });
    const retry = socket().deliver('events_api', callback, { retry_attempt: 1, retry_reason: 'timeout' });
    expect(await ackDelay(first)).toBeLessThanOrEqual(ACK_DEADLINE_MS);
    expect(await ackDelay(retry)).toBeLessThanOrEqual(ACK_DEADLINE_MS);

    // A later event answered means the earlier ones are done: what they did not post, they never will.
    const markerTs = '1757000100.000200';
    const marker = JSON.parse(eventCallback(nextId('Ev'), mention(markerTs, '<@U0BOT> help'))) as Record<
      string,
      unknown
    >;
    socket().deliver('events_api', marker);
    await h.fake.until(() => h.fake.callsTo('chat.postMessage').some((c) => c.args.thread_ts === markerTs));

    const answers = h.fake.callsTo('chat.postMessage').filter((c) => c.args.thread_ts === ts);
    expect(answers).toHaveLength(1);
    expect(answers[0]?.token).toBe(BOT_TOKEN);
    expect(answers[0]?.args.channel).toBe('C0CHANNEL');
  });

  it('answers a More button (interactive envelope) by replacing the message at response_url', async () => {
    const first = await news('bushfire');
    const id = nextId('more');
    const payload = JSON.parse(
      new URLSearchParams(buttonPress(ACTION_MORE, moreButtonValue(first), h.fake.responseUrl(id))).get(
        'payload',
      ) ?? '{}',
    ) as Record<string, unknown>;
    const envelope = socket().deliver('interactive', payload);
    expect(await ackDelay(envelope)).toBeLessThanOrEqual(ACK_DEADLINE_MS);
    const replaced = await h.fake.responseTo(id);
    expect(replaced.replace_original).toBe(true);
    expect(JSON.stringify(replaced.blocks)).not.toEqual(JSON.stringify(first.blocks));
  });

  it('reconnects when Slack sends disconnect (refresh_requested) and keeps answering', async () => {
    socket().disconnect('refresh_requested');
    await socket().until(() => socket().connectionsOpened === 2 && socket().openConnections === 1);
    expect(h.fake.callsTo('apps.connections.open')).toHaveLength(2);

    const reply = await news('bushfire');
    expect(JSON.stringify(reply.blocks)).toContain('bushfire');
    expect(socket().deliveries.at(-1)?.connection).toBe(2);
  });

  it('acknowledged every envelope it was sent within 3 seconds', () => {
    const deliveries = socket().deliveries;
    expect(deliveries.length).toBeGreaterThanOrEqual(6);
    for (const d of deliveries) {
      expect(d.ackedAt, `envelope ${d.type} ${d.envelopeId}`).toBeDefined();
      expect((d.ackedAt ?? 0) - d.sentAt).toBeLessThanOrEqual(ACK_DEADLINE_MS);
    }
  });
});
