import { describe, expect, it } from 'vitest';
import type { Highlight } from '../../src/answer-types.js';
import { renderPassage } from '../../src/block-kit/passage.js';

const render = (text: string, highlights: Highlight[], budget = 3000) =>
  renderPassage({ text, highlights }, budget);
const span = (text: string, word: string, from = 0): Highlight => {
  const start = text.indexOf(word, from);
  return { start, end: start + word.length };
};

describe('renderPassage', () => {
  it('bolds the matched words', () => {
    const text = 'Rates rose again as the bank fought inflation.';
    expect(render(text, [span(text, 'Rates'), span(text, 'inflation')])).toBe(
      '*Rates* rose again as the bank fought *inflation*.',
    );
  });

  it('keeps the stars touching letters when a highlight takes in spaces or punctuation', () => {
    const text = 'The fire, (bushfire) spread.';
    expect(render(text, [{ start: 3, end: 10 }])).toBe('The *fire*, (bushfire) spread.');
    expect(render(text, [{ start: 10, end: 21 }])).toBe('The fire, (*bushfire*) spread.');
  });

  it('widens a highlight that stops inside a word to the whole word', () => {
    const text = 'Bushfires spread overnight.';
    expect(render(text, [{ start: 0, end: 4 }])).toBe('*Bushfires* spread overnight.');
  });

  it('merges highlights that overlap or touch, so no "**" appears', () => {
    const text = 'climatechange talks';
    expect(
      render(text, [
        { start: 0, end: 7 },
        { start: 7, end: 13 },
      ]),
    ).toBe('*climatechange* talks');
    const phrase = 'new climate change policy';
    expect(render(phrase, [span(phrase, 'climate change'), span(phrase, 'change')])).toBe(
      'new *climate change* policy',
    );
  });

  it('drops highlights that are empty, out of range or only punctuation', () => {
    const text = 'Hello, world.';
    expect(
      render(text, [
        { start: 5, end: 6 },
        { start: 50, end: 60 },
        { start: 8, end: 3 },
        { start: Number.NaN, end: 4 },
      ]),
    ).toBe('Hello, world.');
  });

  it('escapes the text and neutralises markers next to the bold', () => {
    const text = '_Fire_ near <!channel> & *town*';
    expect(render(text, [span(text, 'Fire')])).toBe('＿*Fire*＿ near &lt;!channel&gt; &amp; ∗town∗');
  });

  it('carries highlights across folded whitespace and removed controls', () => {
    const text = 'Storm\n\n  warning \u001b issued';
    expect(render(text, [span(text, 'warning'), span(text, 'issued')])).toBe('Storm *warning* *issued*');
  });

  it('cuts a long passage at a space within the budget, escapes included', () => {
    const text = 'one & two & three & four & five';
    const out = render(text, [span(text, 'three')], 30);
    expect(out.length).toBeLessThanOrEqual(30);
    expect(out).toBe('one &amp; two &amp; *three*…');
  });

  it('cuts inside a highlighted phrase and still closes the bold', () => {
    const text = 'alpha beta gamma delta epsilon';
    const out = render(text, [{ start: 0, end: text.length }], 20);
    expect(out).toBe('*alpha beta gamma*…');
  });

  it('keeps an exactly fitting passage whole', () => {
    expect(render('a & b', [], 9)).toBe('a &amp; b');
  });
});

describe('renderPassage shows why the story matched', () => {
  it('shows a matched word in bold even when it lies past the budget', () => {
    const text = `${'Background words that say nothing much. '.repeat(12)}Then the housing figures arrived.`;
    const start = text.indexOf('housing');
    const out = renderPassage({ text, highlights: [{ start, end: start + 7 }] }, 120);
    expect(out.length).toBeLessThanOrEqual(120);
    expect(out).toContain('*housing*');
    expect(out.startsWith('…')).toBe(true);
  });

  it('keeps the start of the passage when a matched word fits', () => {
    const text = 'The housing figures arrived on Monday, and they were grim.';
    const out = renderPassage({ text, highlights: [{ start: 4, end: 11 }] }, 120);
    expect(out).toBe('The *housing* figures arrived on Monday, and they were grim.');
  });
});
