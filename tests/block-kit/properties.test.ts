import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Answer, Highlight, StoryResult } from '../../src/answer-types.js';
import { ACTION_MORE, parseActionValue } from '../../src/block-kit/actions.js';
import { truncateText } from '../../src/block-kit/escape.js';
import { renderPassage } from '../../src/block-kit/passage.js';
import type { RenderContext } from '../../src/block-kit/story.js';
import type { SlackMessage } from '../../src/block-kit/types.js';
import type { Article } from '../../src/corpus/article.js';
import { renderAnswer, renderError, renderHelp } from '../../src/replies/answer-blocks.js';
import { renderMessageAsText } from '../../src/slack/console/render-text.js';
import { blockKitViolations, foreignMarkup, messageTexts } from './block-kit.js';

// Text built to hurt: Slack markup, entities, emoji, right-to-left and bidi controls, terminal escapes.
const NASTY = [
  '*',
  '_',
  '~',
  '`',
  '<',
  '>',
  '&',
  '|',
  ' ',
  '\n',
  '\t',
  'a',
  'Z',
  '7',
  'é',
  '🔥',
  '👩‍👩‍👧',
  '\u200f',
  '\u202e',
  '\u0000',
  '\u001b[2J',
  'עברית',
  '&amp;',
  '&lt;',
  '<!channel>',
  '<@U123>',
  '<https://evil.example|click>',
  '@here',
];
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n));
const unit = fc.oneof(fc.constantFrom(...NASTY), fc.string({ unit: 'binary', maxLength: 1 }), codeUnit);
const shortText = fc.string({ unit, maxLength: 30 });
/** Mostly short, sometimes enormous: up to 12,000 characters, well past every Block Kit limit. */
const hugeText = fc
  .tuple(fc.string({ unit, minLength: 1, maxLength: 60, size: 'max' }), fc.integer({ min: 1, max: 12_000 }))
  .map(([s, n]) => (s || 'x').repeat(Math.ceil(n / (s.length || 1))).slice(0, n));
const text = fc.oneof({ weight: 4, arbitrary: shortText }, { weight: 1, arbitrary: hugeText });
const isoDate = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString());
const url = fc.oneof(
  fc.constant(null),
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.constantFrom(
    'javascript:alert(1)',
    'https://x.example/a|b?c=<d>&e',
    `https://x.example/${'p'.repeat(3000)}`,
  ),
  text,
);
const highlight: fc.Arbitrary<Highlight> = fc.record({
  start: fc.oneof(fc.integer({ min: -5, max: 400 }), fc.constant(Number.NaN)),
  end: fc.integer({ min: -5, max: 400 }),
});
const article: fc.Arbitrary<Article> = fc.record({
  id: text,
  title: text,
  paragraphs: fc.array(shortText, { maxLength: 2 }),
  published: fc.oneof(
    fc.constant(null),
    isoDate,
    isoDate.map((d) => d.slice(0, 10)),
    shortText,
  ),
  source: fc.option(text),
  url,
  credit: fc.option(shortText),
  origin: text,
  storyId: shortText,
});
const story: fc.Arbitrary<StoryResult> = fc.record({
  storyId: shortText,
  article,
  passage: fc.record({ text, highlights: fc.array(highlight, { maxLength: 20 }) }),
  alsoReportedBy: fc.array(text, { maxLength: 50 }),
  articleIds: fc.array(shortText, { maxLength: 3 }),
  score: fc.double(),
});
const manyTexts = fc.oneof(fc.array(shortText, { maxLength: 5 }), fc.array(text, { maxLength: 200 }));
const answer: fc.Arbitrary<Answer> = fc.record({
  query: text,
  understood: fc.record({
    words: manyTexts,
    phrases: manyTexts,
    excluded: manyTexts,
    since: fc.option(
      fc.oneof(
        isoDate.map((d) => d.slice(0, 10)),
        shortText,
      ),
    ),
    sources: manyTexts,
    warnings: manyTexts,
  }),
  total: fc.nat({ max: 10_000 }),
  offset: fc.nat({ max: 10_000 }),
  stories: fc.oneof(fc.array(story, { maxLength: 6 }), fc.array(story, { minLength: 11, maxLength: 30 })),
  suggestions: manyTexts,
});
const context: fc.Arbitrary<RenderContext> = fc.record(
  {
    now: fc.date({
      min: new Date('2000-01-01T00:00:00Z'),
      max: new Date('2035-01-01T00:00:00Z'),
      noInvalidDate: true,
    }),
    publicBaseUrl: fc.oneof(fc.constant(null), fc.webUrl(), shortText),
    sharedBy: fc.oneof(fc.constantFrom('U123ABC', 'W0PQ7'), shortText),
    buttons: fc.boolean(),
  },
  { requiredKeys: ['now'] },
);

/** URLs the renderer may link to for these stories: their own, or their page under the public base URL. */
function allowedLinks(
  stories: readonly StoryResult[],
  publicBaseUrl: string | null | undefined,
): Set<string> {
  const allowed = new Set<string>();
  const add = (raw: string) => {
    try {
      const u = new URL(raw);
      if (u.protocol === 'http:' || u.protocol === 'https:') allowed.add(u.href.replace(/\|/g, '%7C'));
    } catch {
      // not a URL: nothing to allow
    }
  };
  for (const { article: a } of stories) {
    if (a.url !== null) add(a.url);
    const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
    if (publicBaseUrl && !loneSurrogate.test(a.id)) {
      add(`${publicBaseUrl.replace(/\/+$/, '')}/articles/${encodeURIComponent(a.id)}`);
    }
  }
  return allowed;
}

/** Everything a message must satisfy whatever went into it. */
function expectSafe(message: SlackMessage, links: Set<string>, sharedBy?: string): void {
  expect(blockKitViolations(message)).toEqual([]);
  for (const { where, type, text: t } of messageTexts(message)) {
    if (type !== 'mrkdwn') continue;
    expect(foreignMarkup(t), where).toEqual([]);
    for (const [, inner] of t.matchAll(/<([^<>]*)>/g)) {
      if (inner?.startsWith('@')) {
        expect(inner).toBe(`@${sharedBy}`);
      } else {
        const target = (inner ?? '').split('|')[0]?.replace(/&amp;/g, '&') ?? '';
        expect(links.has(target), `${where}: unexpected link ${target}`).toBe(true);
      }
    }
  }
}

describe('renderers, for any input', () => {
  it('renderAnswer keeps every Block Kit limit and lets no untrusted markup through', () => {
    fc.assert(
      fc.property(answer, fc.array(story, { maxLength: 12 }), context, (a, latest, ctx) => {
        const message = renderAnswer(a, latest, ctx);
        expectSafe(message, allowedLinks([...a.stories, ...latest], ctx.publicBaseUrl), ctx.sharedBy);
        for (const block of message.blocks) {
          if (block.type !== 'actions') continue;
          expect(ctx.buttons === false || ctx.sharedBy !== undefined).toBe(false);
          for (const e of block.elements) {
            const value = e.type === 'button' ? parseActionValue(e.value ?? '') : null;
            expect(value).not.toBeNull();
            if (e.type === 'button' && e.action_id === ACTION_MORE)
              expect(value?.offset).toBeGreaterThan(a.offset);
          }
        }
        expect(() => renderMessageAsText(message, { color: true })).not.toThrow();
      }),
      { numRuns: 150 },
    );
  });

  it('renderHelp and renderError do too', () => {
    fc.assert(
      fc.property(fc.array(story, { maxLength: 6 }), context, text, (latest, ctx, message) => {
        expectSafe(renderHelp(latest, ctx), allowedLinks(latest, ctx.publicBaseUrl));
        expectSafe(renderError(message), new Set());
      }),
      { numRuns: 100 },
    );
  });

  it('renderPassage stays in budget and only writes well-formed bold', () => {
    const starless = fc.string({
      unit: fc.constantFrom('a', 'b', '7', 'é', ' ', '\n', '.', ',', '(', ')', '&', '<', '🔥', '_', '-'),
    });
    fc.assert(
      fc.property(
        starless,
        fc.array(highlight, { maxLength: 10 }),
        fc.integer({ min: 1, max: 200 }),
        (t, hs, budget) => {
          const out = renderPassage({ text: t, highlights: hs }, budget);
          expect(out.length).toBeLessThanOrEqual(budget);
          // Every * belongs to a *bold* span that starts and ends on a letter or digit, at word edges.
          const bold = /(?<![\p{L}\p{N}])\*[\p{L}\p{N}](?:[^*]*[\p{L}\p{N}])?\*(?![\p{L}\p{N}])/gu;
          expect(out.replace(bold, '')).not.toContain('*');
          expect(out).not.toContain('**');
          // The words shown are the passage's own, in order: from its start, or (marked "…") from
          // just before a matched word the start would not reach.
          const shown = out
            .replace(/\*/g, '')
            .replace(/^…/, '')
            .replace(/…$/, '')
            .replace(/&lt;/g, '<')
            .replace(/&amp;/g, '&')
            .replace(/＿/g, '_');
          const whole = t.replace(/\s+/g, ' ').trim();
          if (out.startsWith('…')) expect(whole.includes(shown.trim())).toBe(true);
          else expect(whole.startsWith(shown)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('truncateText fits, keeps a prefix and never cuts an entity or a link', () => {
    const mrkdwnish = fc.string({
      unit: fc.constantFrom('a', 'bc', ' ', '&amp;', '&lt;', '<https://x.example|a b>', '🔥'),
    });
    fc.assert(
      fc.property(mrkdwnish, fc.integer({ min: 0, max: 60 }), (t, max) => {
        const out = truncateText(t, max);
        expect(out.length).toBeLessThanOrEqual(Math.max(max, 0));
        const kept = out === t ? t : out.replace(/…$/, '');
        expect(t.startsWith(kept)).toBe(true);
        expect(kept.replace(/&(amp|lt);/g, '')).not.toContain('&');
        expect(kept.replace(/<https:\/\/x\.example\|a b>/g, '')).not.toMatch(/[<>]/);
        expect(kept).not.toMatch(/[\ud800-\udbff]$/);
      }),
      { numRuns: 500 },
    );
  });
});
