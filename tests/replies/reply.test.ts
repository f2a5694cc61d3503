import { pino } from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadArticles } from '../../src/corpus/load.js';
import { InProcessDesk, NewsroomLoadingError, NewsroomRestartingError } from '../../src/newsroom/desk.js';
import { Newsroom } from '../../src/newsroom/newsroom.js';
import { isHelpRequest, replyTo } from '../../src/replies/reply.js';
import { HEADLINES_IN_HELP, HEADLINES_WITHOUT_HITS, PAGE_SIZE } from '../../src/replies/rules.js';
import { unavailableMessage } from '../../src/replies/unavailable.js';

let desk: InProcessDesk;
const ctx = { now: new Date('2025-09-20T00:00:00Z'), buttons: false };

beforeAll(async () => {
  const newsroom = new Newsroom({ recency: null });
  await loadArticles('tests/fixtures/slack/articles', (a) => newsroom.add(a), {
    logger: pino({ level: 'silent' }),
    progress: 'off',
  });
  desk = new InProcessDesk(newsroom);
});

/** Headline lines under "Latest headlines" in a rendered reply. */
function headlines(blocks: unknown[]): number {
  const text = JSON.stringify(blocks).split('Latest headlines')[1] ?? '';
  return text.match(/• /g)?.length ?? 0;
}

describe('isHelpRequest', () => {
  it('recognises an empty query and "help"', () => {
    expect(isHelpRequest('')).toBe(true);
    expect(isHelpRequest('  HELP ')).toBe(true);
    expect(isHelpRequest('helpful tips')).toBe(false);
  });
});

describe('replyTo', () => {
  it('answers a query with one page of stories', async () => {
    const reply = await replyTo(desk, 'bushfire', 0, ctx);
    expect(reply.stories).toBe(PAGE_SIZE);
    expect(reply.answer?.stories).toHaveLength(PAGE_SIZE);
    expect(headlines(reply.message.blocks)).toBe(0);
  });

  it('shows the latest headlines when nothing matched', async () => {
    const reply = await replyTo(desk, 'zzqxv', 0, ctx);
    expect(reply.stories).toBe(0);
    expect(reply.answer?.total).toBe(0);
    expect(headlines(reply.message.blocks)).toBe(HEADLINES_WITHOUT_HITS);
  });

  it('answers help (or nothing) with the query language and fewer headlines', async () => {
    for (const query of ['', 'help']) {
      const reply = await replyTo(desk, query, 0, ctx);
      expect(reply.answer).toBeNull();
      expect(JSON.stringify(reply.message.blocks)).toContain(`the top ${PAGE_SIZE} stories`);
      expect(headlines(reply.message.blocks)).toBe(HEADLINES_IN_HELP);
    }
  });
});

describe('unavailableMessage', () => {
  it('says "still loading" with the count, "one moment" on restart, and nothing for other errors', () => {
    expect(unavailableMessage(new NewsroomLoadingError(3, 40))).toBe(
      'Still loading the articles (3 of 40), try again in a moment.',
    );
    expect(unavailableMessage(new NewsroomRestartingError())).toMatch(/^One moment — newsbot is restarting/);
    expect(unavailableMessage(new Error('boom'))).toBeNull();
  });
});
