import { describe, expect, it } from 'vitest';
import {
  cleanText,
  escapeMrkdwn,
  linkLabel,
  mrkdwnText,
  neutraliseMarkers,
  truncateText,
} from '../../src/block-kit/escape.js';

describe('escapeMrkdwn', () => {
  it('escapes the three characters Slack reserves, & first so nothing is escaped twice', () => {
    expect(escapeMrkdwn('<!channel>')).toBe('&lt;!channel&gt;');
    expect(escapeMrkdwn('<@U123>')).toBe('&lt;@U123&gt;');
    expect(escapeMrkdwn('<https://evil.example|click>')).toBe('&lt;https://evil.example|click&gt;');
    expect(escapeMrkdwn('Fish & Chips &amp;')).toBe('Fish &amp; Chips &amp;amp;');
  });

  it('leaves everything else alone', () => {
    expect(escapeMrkdwn('Ünïcode 🔥 עברית "quotes"')).toBe('Ünïcode 🔥 עברית "quotes"');
  });
});

describe('cleanText', () => {
  it('folds whitespace and newlines into single spaces', () => {
    expect(cleanText('  one\n\ntwo\t three  ')).toBe('one two three');
  });

  it('drops terminal escapes and bidi overrides but keeps right-to-left marks', () => {
    expect(cleanText('red\u001b[31m alert\u202e gnirts\u200f')).toBe('red[31m alert gnirts\u200f');
  });
});

describe('neutraliseMarkers', () => {
  it('replaces markers at word edges, where Slack would format', () => {
    expect(neutraliseMarkers('*bold* _it_ ~gone~ `code`')).toBe('∗bold∗ ＿it＿ ∼gone∼ ‵code‵');
  });

  it('keeps markers inside a word, where Slack would not', () => {
    expect(neutraliseMarkers('snake_case and 2*3')).toBe('snake_case and 2*3');
  });

  it('replaces every marker when asked, for text inside our own bold or link', () => {
    expect(neutraliseMarkers('snake_case and 2*3', { everywhere: true })).toBe('snake＿case and 2∗3');
  });

  it('replaces a marker next to a place where the renderer adds its own', () => {
    expect(neutraliseMarkers('snake_case', { boundaries: new Set([6]) })).toBe('snake＿case');
  });
});

describe('mrkdwnText and linkLabel', () => {
  it('cleans, neutralises and escapes in one go', () => {
    expect(mrkdwnText(' *Breaking*:\n<!here> & more ')).toBe('∗Breaking∗: &lt;!here&gt; &amp; more');
  });

  it('keeps a link label from ending the URL part or the link', () => {
    const label = linkLabel('A | B > C *D*');
    expect(label).not.toContain('|');
    expect(label).not.toContain('>');
    expect(label).not.toContain('*');
    expect(label).toBe('A ∣ B &gt; C ∗D∗');
  });
});

describe('truncateText', () => {
  it('returns short text unchanged', () => {
    expect(truncateText('short enough', 12)).toBe('short enough');
  });

  it('cuts at the last space that fits and adds an ellipsis', () => {
    const cut = truncateText('the quick brown fox jumps', 17);
    expect(cut).toBe('the quick brown…');
    expect(cut.length).toBeLessThanOrEqual(17);
  });

  it('never cuts inside an entity', () => {
    const text = 'aaaa&amp;&amp;&amp;&amp;&amp;';
    for (let max = 1; max < text.length; max++) {
      const cut = truncateText(text, max);
      expect(cut.length).toBeLessThanOrEqual(max);
      expect(cut.replace(/&(amp|lt|gt);/g, '')).not.toContain('&');
    }
  });

  it('never cuts inside a link, even one with spaces in its label', () => {
    const text = 'see <https://example.com/a|the full story here> now';
    for (let max = 1; max < text.length; max++) {
      const cut = truncateText(text, max);
      expect(cut.length).toBeLessThanOrEqual(max);
      expect(cut.includes('<')).toBe(cut.includes('>'));
    }
  });

  it('cuts one over-long word at a code point, never between surrogates', () => {
    const text = '🔥'.repeat(20);
    const cut = truncateText(text, 8);
    expect(cut).toBe('🔥🔥🔥…');
    expect(cut.length).toBeLessThanOrEqual(8);
  });

  it('gives nothing when not even the ellipsis fits', () => {
    expect(truncateText('anything', 0)).toBe('');
  });
});
