import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/answer-types.js';
import { ACTION_MORE, ACTION_SHARE, parseActionValue } from '../../src/block-kit/actions.js';
import { renderStory } from '../../src/block-kit/story.js';
import type { KnownBlock, SlackMessage } from '../../src/block-kit/types.js';
import { renderAnswer, renderError, renderHelp } from '../../src/replies/answer-blocks.js';
import { blockKitViolations, foreignMarkup, messageTexts } from '../block-kit/block-kit.js';
import { makeAnswer, makeStory, manyStories, NOW, understanding } from '../block-kit/fixtures.js';

const ctx = { now: NOW };
const mrkdwnOf = (blocks: KnownBlock[]) =>
  messageTexts({ text: '-', blocks })
    .filter((t) => t.where !== 'text')
    .map((t) => t.text)
    .join('\n');
const buttons = (message: SlackMessage) =>
  message.blocks.flatMap((b) =>
    b.type === 'actions' ? b.elements.map((e) => ('action_id' in e ? (e.action_id ?? '') : '')) : [],
  );
const buttonValue = (message: SlackMessage, actionId: string) => {
  for (const b of message.blocks) {
    if (b.type !== 'actions') continue;
    for (const e of b.elements) if (e.type === 'button' && e.action_id === actionId) return e.value ?? '';
  }
  return null;
};

describe('renderStory', () => {
  it('links the bold title to the article and bolds the matched words', () => {
    const text = mrkdwnOf(renderStory(makeStory(), ctx));
    expect(text).toContain(
      '*<https://www.abc.net.au/news/bushfire-perth|Bushfire threatens homes near Perth>*',
    );
    expect(text).toContain('A *bushfire* is threatening homes');
  });

  it('shows outlet · relative date · also reported by', () => {
    const blocks = renderStory(makeStory({ alsoReportedBy: ['SBS', 'Perth Now'] }), ctx);
    expect(mrkdwnOf(blocks)).toContain('ABC News · 2 h ago · also reported by SBS, Perth Now');
  });

  it('says "and N more" instead of listing a crowd of outlets', () => {
    const outlets = Array.from({ length: 40 }, (_, i) => `Outlet ${i}`);
    const text = mrkdwnOf(renderStory(makeStory({ alsoReportedBy: outlets }), ctx));
    expect(text).toContain('also reported by Outlet 0, Outlet 1, Outlet 2, Outlet 3, Outlet 4 and 35 more');
  });

  it('links to the public page when the article has no URL', () => {
    const story = makeStory({}, { url: null, id: 'perth/fire 1' });
    const text = mrkdwnOf(renderStory(story, { now: NOW, publicBaseUrl: 'https://news.example.org' }));
    expect(text).toContain('<https://news.example.org/articles/perth%2Ffire%201|Bushfire threatens');
  });

  it('never shows the file an article came from, even with nowhere to link', () => {
    const story = makeStory({}, { url: null, origin: 'feeds/abc/2025/fire.jsonl#4' });
    const text = mrkdwnOf(renderStory(story, ctx));
    expect(text).not.toContain('<');
    expect(text).toContain('*Bushfire threatens homes near Perth*');
    expect(text).toContain('ABC News · 2 h ago');
    expect(text).not.toContain('fire.jsonl');
  });

  it('names the outlet of a credit, marked as a credit, when the article has no outlet', () => {
    const story = makeStory(
      {},
      { source: null, credit: 'ABC/wires', url: null, origin: '004_5c8317c93faa7fac.txt#1' },
    );
    const text = mrkdwnOf(renderStory(story, ctx));
    expect(text).toContain('credit: ABC · 2 h ago');
    expect(text).not.toContain('.txt');
  });

  it("names the link's host when neither outlet nor credit is known", () => {
    const story = makeStory({}, { source: null, credit: null, url: 'https://www.perthnow.com.au/news/x' });
    expect(mrkdwnOf(renderStory(story, ctx))).toContain('perthnow.com.au · 2 h ago');
  });

  it('never links a javascript: URL', () => {
    const story = makeStory({}, { url: 'javascript:alert(document.cookie)' });
    const text = mrkdwnOf(renderStory(story, ctx));
    expect(text).not.toContain('javascript');
    expect(text).not.toContain('<');
  });

  it('shows a date-only value as a date, never a time', () => {
    const text = mrkdwnOf(renderStory(makeStory({}, { published: '2025-09-02' }), ctx));
    expect(text).toContain('ABC News · 2 Sep 2025');
  });

  it('leaves out what is unknown instead of guessing', () => {
    const story = makeStory(
      {},
      { published: null, source: null, url: null, origin: '000_5d9088f66a69c5a4.txt' },
    );
    const blocks = renderStory(story, ctx);
    expect(blocks).toHaveLength(1);
    expect(mrkdwnOf(blocks)).not.toContain('.txt');
  });

  it('escapes article text so it pings nobody and forges no link', () => {
    const story = makeStory(
      {
        passage: {
          text: 'Contact <!channel> or <@U123> at <https://evil.example|click> & win',
          highlights: [],
        },
        alsoReportedBy: ['<!here>'],
      },
      { title: 'Hi <!everyone> | *bold* > _it_', source: '<@U999>' },
    );
    const text = mrkdwnOf(renderStory(story, ctx));
    expect(foreignMarkup(text)).toEqual([]);
    expect(text).toContain('&lt;!channel&gt;');
    expect(text).toContain('&lt;https://evil.example|click&gt; &amp; win');
    expect(text).toContain('|Hi &lt;!everyone&gt; ∣ ∗bold∗ &gt; ＿it＿>*');
  });

  it('marks every mrkdwn object verbatim, so bare @channel and #general stay text', () => {
    const blocks = renderStory(makeStory({ alsoReportedBy: ['X'] }), ctx);
    const objects = blocks.flatMap((b) =>
      b.type === 'section' ? [b.text] : b.type === 'context' ? b.elements : [],
    );
    expect(objects.length).toBeGreaterThan(0);
    for (const o of objects) expect(o).toMatchObject({ type: 'mrkdwn', verbatim: true });
  });

  it('gives an untitled story a title rather than an empty bold', () => {
    const text = mrkdwnOf(renderStory(makeStory({}, { title: ' \u0000 ' }), ctx));
    expect(text).toContain('|Untitled>*');
  });
});

describe('renderAnswer with hits', () => {
  it('renders the page with count, understood query and both buttons', () => {
    const answer = makeAnswer({
      query: 'bushfire -rain since:banana',
      understood: understanding({
        words: ['bushfire'],
        excluded: ['rain'],
        warnings: ['since:banana is not a date'],
      }),
      stories: manyStories(5),
      total: 12,
    });
    const message = renderAnswer(answer, [], ctx);
    expect(blockKitViolations(message)).toEqual([]);
    const text = mrkdwnOf(message.blocks);
    expect(text).toContain('Top stories for *bushfire -rain since:banana*');
    for (let i = 1; i <= 5; i++) expect(text).toContain(`|Story number ${i}>`);
    expect(text).toContain(
      'Stories 1–5 of 12 · searched for bushfire · without rain · ignored: since:banana is not a date',
    );
    expect(buttons(message)).toEqual([ACTION_MORE, ACTION_SHARE]);
    expect(parseActionValue(buttonValue(message, ACTION_MORE) ?? '')).toEqual({ q: answer.query, offset: 5 });
    expect(parseActionValue(buttonValue(message, ACTION_SHARE) ?? '')).toEqual({
      q: answer.query,
      offset: 0,
    });
  });

  it('offers More only when total > offset + shown', () => {
    const page = (offset: number, shown: number, total: number) =>
      buttons(renderAnswer(makeAnswer({ stories: manyStories(shown), offset, total }), [], ctx));
    expect(page(0, 5, 6)).toContain(ACTION_MORE);
    expect(page(5, 5, 10)).not.toContain(ACTION_MORE);
    expect(page(0, 2, 2)).not.toContain(ACTION_MORE);
    expect(page(10, 3, 13)).not.toContain(ACTION_MORE);
  });

  it('counts the later pages from their offset', () => {
    const message = renderAnswer(makeAnswer({ stories: manyStories(5), offset: 5, total: 23 }), [], ctx);
    expect(mrkdwnOf(message.blocks)).toContain('Stories 6–10 of 23');
    expect(parseActionValue(buttonValue(message, ACTION_MORE) ?? '')?.offset).toBe(10);
  });

  it('has no buttons when asked for none', () => {
    const message = renderAnswer(makeAnswer({ stories: manyStories(5), total: 9 }), [], {
      ...ctx,
      buttons: false,
    });
    expect(buttons(message)).toEqual([]);
  });

  it('shows at most ten stories and offers the rest through More', () => {
    const message = renderAnswer(makeAnswer({ stories: manyStories(30), total: 30 }), [], ctx);
    expect(blockKitViolations(message)).toEqual([]);
    expect(mrkdwnOf(message.blocks)).toContain('Stories 1–10 of 30');
    expect(parseActionValue(buttonValue(message, ACTION_MORE) ?? '')?.offset).toBe(10);
  });

  it('has a short escaped fallback text naming the stories', () => {
    const answer = makeAnswer({ query: '<!channel>', stories: manyStories(2) });
    const message = renderAnswer(answer, [], ctx);
    expect(message.text).toBe('Top stories for “&lt;!channel&gt;”: Story number 1; Story number 2');
  });
});

describe('renderAnswer shared to the channel', () => {
  const answer = makeAnswer({ stories: manyStories(5), total: 12 });

  it('attributes the share with a mention and carries no buttons', () => {
    const message = renderAnswer(answer, [], { ...ctx, sharedBy: 'U123ABC' });
    expect(blockKitViolations(message)).toEqual([]);
    expect(buttons(message)).toEqual([]);
    expect(mrkdwnOf(message.blocks)).toContain('Shared by <@U123ABC>');
    expect(mrkdwnOf(message.blocks)).toContain('|Story number 5>');
  });

  it('shows the same stories as the private answer', () => {
    const titles = (m: SlackMessage) => mrkdwnOf(m.blocks).match(/Story number \d+/g);
    expect(titles(renderAnswer(answer, [], { ...ctx, sharedBy: 'U123ABC' }))).toEqual(
      titles(renderAnswer(answer, [], ctx)),
    );
  });

  it('never turns a malformed user id into markup', () => {
    for (const id of ['<!channel>', 'U1>|x', 'here', '']) {
      const message = renderAnswer(answer, [], { ...ctx, sharedBy: id });
      const text = mrkdwnOf(message.blocks);
      expect(text).toContain('Shared from /news');
      expect(text).not.toContain('<@');
      expect(buttons(message)).toEqual([]);
    }
  });
});

describe('renderAnswer with stories found through a close spelling', () => {
  it('names the word the query was taken to mean above the stories', () => {
    const message = renderAnswer(makeAnswer({ query: 'bushfyre', suggestions: ['bushfire'] }), [], ctx);
    expect(blockKitViolations(message)).toEqual([]);
    const text = mrkdwnOf(message.blocks);
    expect(text).toContain('Top stories for *bushfyre*\nDid you mean *bushfire*?');
  });

  it('says nothing of the kind when every word was found as typed', () => {
    const text = mrkdwnOf(renderAnswer(makeAnswer({ suggestions: [] }), [], ctx).blocks);
    expect(text).not.toContain('Did you mean');
  });
});

describe('renderAnswer without hits', () => {
  const noHits = (overrides: Partial<Answer> = {}) =>
    makeAnswer({
      query: 'bushfyre',
      stories: [],
      total: 0,
      suggestions: ['bushfire', 'bushfires'],
      ...overrides,
    });

  it('says so plainly, suggests close terms and shows the latest headlines', () => {
    const latest = manyStories(7);
    const message = renderAnswer(noHits(), latest, ctx);
    expect(blockKitViolations(message)).toEqual([]);
    const text = mrkdwnOf(message.blocks);
    expect(text).toContain('No stories matched *bushfyre*.');
    expect(text).toContain('Did you mean *bushfire* or *bushfires*?');
    expect(text).toContain('*Latest headlines*');
    for (let i = 1; i <= 5; i++)
      expect(text).toContain(`• *<https://example.com/${i}|Story number ${i}>* — ABC News`);
    expect(text).not.toContain('Story number 6');
    expect(buttons(message)).toEqual([]);
    expect(message.text).toBe('No stories matched “bushfyre”.');
  });

  it('shows the warnings that may explain why nothing matched', () => {
    const answer = noHits({
      understood: understanding({ words: ['fire'], warnings: ['since:banana is not a date'] }),
    });
    expect(mrkdwnOf(renderAnswer(answer, [], ctx).blocks)).toContain('ignored: since:banana is not a date');
  });

  it('lists at most five suggestions, escaped and without duplicates', () => {
    const suggestions = [
      '<!here>',
      'a*b',
      'fire',
      'fire',
      ...Array.from({ length: 200 }, (_, i) => `term${i}`),
    ];
    const text = mrkdwnOf(renderAnswer(noHits({ suggestions }), [], ctx).blocks);
    expect(text).toContain('Did you mean *&lt;!here&gt;*, *a∗b*, *fire*, *term0* or *term1*?');
    expect(foreignMarkup(text)).toEqual([]);
  });

  it('leaves out "did you mean" and headlines when there are none', () => {
    const text = mrkdwnOf(renderAnswer(noHits({ suggestions: [] }), [], ctx).blocks);
    expect(text).not.toContain('Did you mean');
    expect(text).not.toContain('Latest headlines');
  });

  it('says "no more" when More runs past the end', () => {
    const text = mrkdwnOf(renderAnswer(noHits({ total: 5, offset: 5 }), [], ctx).blocks);
    expect(text).toContain('No more stories for *bushfyre*.');
  });
});

describe('renderHelp', () => {
  it('explains the query language and shows the latest three headlines', () => {
    const message = renderHelp(manyStories(5), ctx);
    expect(blockKitViolations(message)).toEqual([]);
    const text = mrkdwnOf(message.blocks);
    for (const example of [
      '"interest rates"',
      '-poll',
      'since:7d',
      'since:2025-09-01',
      'source:abc',
      'source:"perth now"',
    ]) {
      expect(text).toContain(example);
    }
    expect(text).toContain('/news &lt;topic&gt;');
    expect(text).toContain('Story number 3');
    expect(text).not.toContain('Story number 4');
    expect(foreignMarkup(text)).toEqual([]);
  });

  it('works before any article has arrived', () => {
    const message = renderHelp([], ctx);
    expect(blockKitViolations(message)).toEqual([]);
    expect(mrkdwnOf(message.blocks)).not.toContain('Latest headlines');
  });
});

describe('renderError', () => {
  it('shows the message as text, never as markup', () => {
    const message = renderError('Could not search for <!channel> & friends');
    expect(message.text).toBe('Could not search for &lt;!channel&gt; &amp; friends');
    expect(blockKitViolations(message)).toEqual([]);
  });

  it('still says something when the message is empty', () => {
    expect(renderError('').text).toMatch(/went wrong/);
  });
});
