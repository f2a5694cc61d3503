import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_MORE, ACTION_SHARE } from '../../src/block-kit/actions.js';
import { BOT_TOKEN, type Harness, SIGNING_SECRET, sendNews, startHarness } from './app-harness.js';
import { blockKitViolations } from './block-kit-limits.js';
import { buttonPress, eventCallback, FORM, signedPost, slashCommand } from './signed-request.js';

let h: Harness;
let seq = 0;
const nextId = (prefix: string) => `${prefix}-${++seq}`;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const news = (text: string) => sendNews(h, text, nextId('news'));

async function press(actionId: string, value: string, channel?: string): Promise<string> {
  const id = nextId('press');
  const body = buttonPress(actionId, value, h.fake.responseUrl(id), channel);
  const res = await signedPost(`${h.base}/slack/events`, SIGNING_SECRET, body, FORM);
  expect(res.status).toBe(200);
  return id;
}

async function sendEvent(
  eventId: string,
  event: Record<string, unknown>,
  headers: Record<string, string> = {},
) {
  const res = await signedPost(
    `${h.base}/slack/events`,
    SIGNING_SECRET,
    eventCallback(eventId, event),
    'application/json',
    { headers },
  );
  expect(res.status).toBe(200);
}

/** The button of this action id in a message's blocks. */
function buttonValue(message: Record<string, unknown>, actionId: string): string | undefined {
  for (const block of message.blocks as {
    type: string;
    elements?: { action_id?: string; value?: string }[];
  }[]) {
    if (block.type !== 'actions') continue;
    const button = block.elements?.find((e) => e.action_id === actionId);
    if (button) return button.value;
  }
  return undefined;
}

/** Linked titles of the stories in a message, in order. */
function storyLinks(message: Record<string, unknown>): string[] {
  return [
    ...JSON.stringify(message.blocks).matchAll(/<(https:\/\/news\.example\.com\/bushfire\/\d+)\|/g),
  ].map((m) => m[1] as string);
}

/**
 * Events are answered after the ack, in arrival order. A marker DM sent after some events and
 * answered means every earlier event has been fully handled: what they did not post by then, they
 * never will.
 */
async function settle(): Promise<void> {
  const channel = nextId('DMARK');
  await sendEvent(nextId('EvMark'), {
    type: 'message',
    channel_type: 'im',
    channel,
    user: 'U0ALICE',
    text: 'help',
    ts: '1757000100.000001',
  });
  await h.fake.until(() => h.fake.callsTo('chat.postMessage').some((c) => c.args.channel === channel));
}

describe('/news', () => {
  it('answers /news and /news help with help and the latest headlines, only to the asker', async () => {
    for (const text of ['', 'help']) {
      const reply = await news(text);
      expect(reply.response_type).toBe('ephemeral');
      expect(JSON.stringify(reply.blocks)).toContain('Latest headlines');
      expect(blockKitViolations(reply)).toEqual([]);
    }
  });

  it('answers a query with five stories and More / Share buttons', async () => {
    const reply = await news('bushfire');
    expect(reply.response_type).toBe('ephemeral');
    expect(storyLinks(reply)).toHaveLength(5);
    expect(buttonValue(reply, ACTION_MORE)).toBeDefined();
    expect(buttonValue(reply, ACTION_SHARE)).toBeDefined();
    expect(blockKitViolations(reply)).toEqual([]);
  });

  it('says so when nothing matches, and shows the latest headlines instead', async () => {
    const reply = await news('xylophonequartet');
    expect(String(reply.text)).toMatch(/no stories/i);
    expect(JSON.stringify(reply.blocks)).toContain('Latest headlines');
    expect(storyLinks(reply).length).toBeGreaterThan(0);
  });

  it('More replaces the message with the next stories', async () => {
    const first = await news('bushfire');
    const more = buttonValue(first, ACTION_MORE) as string;
    const second = await h.fake.responseTo(await press(ACTION_MORE, more));
    expect(second.replace_original).toBe(true);
    const page1 = storyLinks(first);
    const page2 = storyLinks(second);
    expect(page2).toHaveLength(3);
    expect(page2.filter((link) => page1.includes(link))).toEqual([]);
    expect(buttonValue(second, ACTION_MORE)).toBeUndefined();
  });

  it('a button newsbot does not know is acknowledged and answered "That button no longer works"', async () => {
    const reply = await h.fake.responseTo(await press('news_from_an_old_release', '{"q":"bushfire"}'));
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.replace_original).toBe(false);
    expect(String(reply.text)).toMatch(/^That button no longer works/);
  });

  it('a tampered button value gets a polite message, not a crash', async () => {
    const reply = await h.fake.responseTo(await press(ACTION_MORE, '{"q":'));
    expect(reply.replace_original).toBe(false);
    expect(String(reply.text)).toMatch(/no longer works/);
  });

  it('Share posts the same stories to the channel, attributed to the user', async () => {
    const first = await news('bushfire');
    const before = h.fake.callsTo('chat.postMessage').length;
    await press(ACTION_SHARE, buttonValue(first, ACTION_SHARE) as string, 'C0SHARE');
    await h.fake.until(() => h.fake.callsTo('chat.postMessage').length > before);
    const posted = h.fake.callsTo('chat.postMessage').at(-1);
    expect(posted?.args.channel).toBe('C0SHARE');
    expect(JSON.stringify(posted?.blocks)).toContain('<@U0ALICE>');
    expect(storyLinks({ blocks: posted?.blocks })).toEqual(storyLinks(first));
    expect(buttonValue({ blocks: posted?.blocks }, ACTION_MORE)).toBeUndefined();
  });

  it('Share in a channel the bot is not in tells the user how to invite it', async () => {
    const first = await news('bushfire');
    for (const error of ['not_in_channel', 'channel_not_found']) {
      h.fake.script('chat.postMessage', { body: { ok: false, error } });
      const reply = await h.fake.responseTo(
        await press(ACTION_SHARE, buttonValue(first, ACTION_SHARE) as string),
      );
      expect(reply.response_type).toBe('ephemeral');
      expect(String(reply.text)).toContain('/invite');
    }
  });

  it('a rate-limited Share ends in a friendly error for the user', async () => {
    const first = await news('bushfire');
    h.fake.script('chat.postMessage', {
      status: 429,
      headers: { 'Retry-After': '1' },
      body: { ok: false, error: 'ratelimited' },
    });
    const reply = await h.fake.responseTo(
      await press(ACTION_SHARE, buttonValue(first, ACTION_SHARE) as string),
    );
    expect(String(reply.text)).toMatch(/something went wrong/i);
    expect(h.logs()).toContain('request failed');
  });

  it('renders an article containing <!channel> and <script> harmlessly', async () => {
    const reply = await news('parking council');
    const json = JSON.stringify(reply);
    expect(json).toContain('parking');
    expect(json).not.toContain('<!channel>');
    expect(json).not.toContain('<@U12345>');
    expect(json).not.toContain('<script>');
  });

  it('random queries never fail and never break a Block Kit limit', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 300, unit: 'grapheme' }), async (text) => {
        const reply = await news(text);
        expect(blockKitViolations(reply)).toEqual([]);
        expect(String(reply.text)).not.toMatch(/something went wrong/i);
      }),
      { numRuns: 40 },
    );
    const failures = h
      .logs()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { msg?: string; kind?: string })
      .filter((l) => l.msg === 'request failed' && l.kind === 'command');
    expect(failures).toEqual([]);
  });
});

describe('mentions and direct messages', () => {
  it('answers a mention in a channel publicly, in a thread under it, without the question words', async () => {
    await sendEvent(nextId('EvMention'), {
      type: 'app_mention',
      user: 'U0ALICE',
      text: '<@U0BOT> what did Albanese say?',
      ts: '1757000200.000100',
      channel: 'C0MENTION',
    });
    await h.fake.until(() => h.fake.callsTo('chat.postMessage').some((c) => c.args.channel === 'C0MENTION'));
    const reply = h.fake.callsTo('chat.postMessage').find((c) => c.args.channel === 'C0MENTION');
    expect(reply?.args.thread_ts).toBe('1757000200.000100');
    expect(reply?.args.text).toContain('Albanese');
    expect(JSON.stringify(reply?.blocks)).toContain('Australia stands with Ukraine');
  });

  it('answers a mention inside a thread in that thread', async () => {
    await sendEvent(nextId('EvThread'), {
      type: 'app_mention',
      user: 'U0ALICE',
      text: '<@U0BOT> tell me about bushfires',
      ts: '1757000300.000200',
      thread_ts: '1757000299.000001',
      channel: 'C0THREAD',
    });
    await h.fake.until(() => h.fake.callsTo('chat.postMessage').some((c) => c.args.channel === 'C0THREAD'));
    const reply = h.fake.callsTo('chat.postMessage').find((c) => c.args.channel === 'C0THREAD');
    expect(reply?.args.thread_ts).toBe('1757000299.000001');
    expect(storyLinks({ blocks: reply?.blocks }).length).toBeGreaterThan(0);
  });

  it('answers "@newsbot help" with help', async () => {
    await sendEvent(nextId('EvHelp'), {
      type: 'app_mention',
      user: 'U0ALICE',
      text: '<@U0BOT> help',
      ts: '1757000400.000300',
      channel: 'C0HELP',
    });
    await h.fake.until(() => h.fake.callsTo('chat.postMessage').some((c) => c.args.channel === 'C0HELP'));
    const reply = h.fake.callsTo('chat.postMessage').find((c) => c.args.channel === 'C0HELP');
    expect(JSON.stringify(reply?.blocks)).toContain('Query language');
  });

  it('replies once to a mention Slack delivers three times', async () => {
    const eventId = nextId('EvRetried');
    const event = {
      type: 'app_mention',
      user: 'U0ALICE',
      text: '<@U0BOT> bushfire',
      ts: '1757000500.000400',
      channel: 'C0RETRY',
    };
    await sendEvent(eventId, event);
    await sendEvent(eventId, event, { 'X-Slack-Retry-Num': '1', 'X-Slack-Retry-Reason': 'http_timeout' });
    await sendEvent(eventId, event, { 'X-Slack-Retry-Num': '2', 'X-Slack-Retry-Reason': 'http_timeout' });
    await settle();
    expect(h.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === 'C0RETRY')).toHaveLength(1);
  });

  it('answers a direct message without a thread, and ignores bots, edits and other subtypes', async () => {
    const dm = {
      type: 'message',
      channel_type: 'im',
      channel: 'D0ALICE',
      user: 'U0ALICE',
      ts: '1757000600.000500',
    };
    await sendEvent(nextId('EvBot'), { ...dm, text: 'bushfire', bot_id: 'B0OTHER' });
    await sendEvent(nextId('EvEdit'), { ...dm, text: 'bushfire', subtype: 'message_changed' });
    await sendEvent(nextId('EvChannel'), {
      ...dm,
      channel_type: 'channel',
      channel: 'C0PLAIN',
      text: 'bushfire',
    });
    await settle();
    expect(h.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === 'D0ALICE')).toHaveLength(0);
    expect(h.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === 'C0PLAIN')).toHaveLength(0);

    await sendEvent(nextId('EvDm'), { ...dm, text: 'any news on bushfires?' });
    await h.fake.until(() => h.fake.callsTo('chat.postMessage').some((c) => c.args.channel === 'D0ALICE'));
    const reply = h.fake.callsTo('chat.postMessage').find((c) => c.args.channel === 'D0ALICE');
    expect(reply?.args.thread_ts).toBeUndefined();
    expect(storyLinks({ blocks: reply?.blocks })).toHaveLength(5);
  });
});

describe('request verification', () => {
  it('rejects a forged signature with 401 and answers nothing', async () => {
    const id = nextId('forged');
    const body = slashCommand('bushfire', h.fake.responseUrl(id));
    const res = await signedPost(`${h.base}/slack/events`, 'not-the-secret', body, FORM);
    expect(res.status).toBe(401);
    const tampered = await signedPost(`${h.base}/slack/events`, SIGNING_SECRET, body, FORM, {
      signature: 'v0=0000000000000000000000000000000000000000000000000000000000000000',
    });
    expect(tampered.status).toBe(401);
    await settle();
    expect(h.fake.responses.some((r) => r.id === id)).toBe(false);
  });

  it('rejects a request signed more than five minutes in the future with 401', async () => {
    const id = nextId('future');
    const res = await signedPost(
      `${h.base}/slack/events`,
      SIGNING_SECRET,
      slashCommand('bushfire', h.fake.responseUrl(id)),
      FORM,
      { timestamp: Math.floor(Date.now() / 1000) + 6 * 60 },
    );
    expect(res.status).toBe(401);
    await settle();
    expect(h.fake.responses.some((r) => r.id === id)).toBe(false);
  });

  it("answers Slack's url_verification challenge", async () => {
    const body = JSON.stringify({ token: 'legacy', challenge: 'challenge-123', type: 'url_verification' });
    const res = await signedPost(`${h.base}/slack/events`, SIGNING_SECRET, body, 'application/json');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: 'challenge-123' });
  });

  it('rejects a request signed more than five minutes ago with 401', async () => {
    const id = nextId('stale');
    const res = await signedPost(
      `${h.base}/slack/events`,
      SIGNING_SECRET,
      slashCommand('bushfire', h.fake.responseUrl(id)),
      FORM,
      { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 },
    );
    expect(res.status).toBe(401);
  });
});

describe('HTTP routes', () => {
  it('GET /healthz reports the article count and uptime', async () => {
    const res = await fetch(`${h.base}/healthz`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      ok: boolean;
      state: string;
      articles: number;
      uptimeSeconds: number;
    };
    expect(body.ok).toBe(true);
    expect(body.state).toBe('ready');
    expect(body.articles).toBe(10);
    expect(body.uptimeSeconds).toBeGreaterThanOrEqual(0);
  });

  it('serves an article page with every field escaped and a strict CSP', async () => {
    const res = await fetch(`${h.base}/articles/hostile-1`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await res.text();
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>Gazette');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Town &amp; Country &lt;b&gt;Gazette&lt;/b&gt;');
    expect(html).toContain('<p>A resident held up a sign reading &lt;script&gt;');
  });

  it('answers an unknown article id with a 404 page', async () => {
    const res = await fetch(`${h.base}/articles/no-such-article`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('Article not found');
  });

  it('links articles without a URL of their own to their page under PUBLIC_BASE_URL', async () => {
    const reply = await news('Albanese Ukraine');
    expect(JSON.stringify(reply.blocks)).toContain('https://newsbot.example.com/articles/albanese-1');
  });
});

describe('logs', () => {
  it('writes one line per handled request and never a token or secret', async () => {
    await news('bushfire');
    const handled = h
      .logs()
      .split('\n')
      .filter((l) => l.includes('"msg":"handled"'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(handled.length).toBeGreaterThan(0);
    expect(handled[0]).toMatchObject({
      kind: expect.any(String),
      user: 'U0ALICE',
      stories: expect.any(Number),
    });
    expect(handled[0]).toHaveProperty('ms');
    expect(handled[0]).not.toHaveProperty('query');
    expect(h.logs()).not.toContain(BOT_TOKEN);
    expect(h.logs()).not.toContain(SIGNING_SECRET);
  });
});

describe('NEWS_REPLY=in_channel', () => {
  it('posts answers to the whole channel without a Share button, help still only to the asker', async () => {
    const other = await startHarness({ NEWS_REPLY: 'in_channel' });
    try {
      const send = async (text: string) => {
        const id = nextId('public');
        await signedPost(
          `${other.base}/slack/events`,
          SIGNING_SECRET,
          slashCommand(text, other.fake.responseUrl(id)),
          FORM,
        );
        return other.fake.responseTo(id);
      };
      const answer = await send('bushfire');
      expect(answer.response_type).toBe('in_channel');
      // Already in the channel: More, but nothing to share.
      expect(buttonValue(answer, ACTION_MORE)).toBeDefined();
      expect(buttonValue(answer, ACTION_SHARE)).toBeUndefined();
      expect((await send('help')).response_type).toBe('ephemeral');
      const id = nextId('public-more');
      await signedPost(
        `${other.base}/slack/events`,
        SIGNING_SECRET,
        buttonPress(ACTION_MORE, buttonValue(answer, ACTION_MORE) as string, other.fake.responseUrl(id)),
        FORM,
      );
      const more = await other.fake.responseTo(id);
      expect(storyLinks(more).length).toBeGreaterThan(0);
      expect(buttonValue(more, ACTION_SHARE)).toBeUndefined();
    } finally {
      await other.close();
    }
  });
});
