import { describe, expect, it } from 'vitest';
import type { KnownBlock, SlackMessage } from '../../../src/block-kit/types.js';
import { renderAnswer, renderHelp } from '../../../src/replies/answer-blocks.js';
import { renderMessageAsText } from '../../../src/slack/console/render-text.js';
import { makeAnswer, makeStory, manyStories, NOW } from '../../block-kit/fixtures.js';

const ESC = '\u001b';
const message = (blocks: KnownBlock[], text = 'fallback'): SlackMessage => ({ text, blocks });
const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });

describe('renderMessageAsText', () => {
  it('shows links as "title (url)" and unescapes entities', () => {
    const out = renderMessageAsText(
      message([section('*<https://example.com/a?b=1&amp;c=2|Fish &amp; chips>*')]),
    );
    expect(out).toBe('Fish & chips (https://example.com/a?b=1&c=2)');
  });

  it('drops bold markers without colour and uses ANSI bold with it', () => {
    const m = message([section('A *bushfire* near Perth')]);
    expect(renderMessageAsText(m)).toBe('A bushfire near Perth');
    expect(renderMessageAsText(m, { color: true })).toBe(`A ${ESC}[1mbushfire${ESC}[22m near Perth`);
  });

  it('leaves stars that Slack would not read as bold', () => {
    expect(renderMessageAsText(message([section('2*3*4 and * loose *')]))).toBe('2*3*4 and * loose *');
  });

  it('shows mentions and special mentions as names', () => {
    const out = renderMessageAsText(message([section('Shared by <@U123ABC> in <#C1|general>, <!here>')]));
    expect(out).toBe('Shared by @U123ABC in #general, @here');
  });

  it('shows escaped markup as the text it is', () => {
    expect(renderMessageAsText(message([section('&lt;!channel&gt; &amp;lt;')]))).toBe('<!channel> &lt;');
  });

  it('lists buttons, draws dividers and keeps bullets', () => {
    const out = renderMessageAsText(
      message([
        section('• one\n• two'),
        { type: 'divider' },
        {
          type: 'actions',
          elements: [
            { type: 'button', text: { type: 'plain_text', text: 'More' }, action_id: 'a' },
            { type: 'button', text: { type: 'plain_text', text: 'Share to channel' }, action_id: 'b' },
          ],
        },
      ]),
    );
    expect(out.split('\n')).toEqual(['• one', '• two', '─'.repeat(40), '[More] [Share to channel]']);
  });

  it('greys context lines only with colour', () => {
    const m = message([{ type: 'context', elements: [{ type: 'mrkdwn', text: 'ABC · 2 h ago' }] }]);
    expect(renderMessageAsText(m)).toBe('ABC · 2 h ago');
    expect(renderMessageAsText(m, { color: true })).toBe(`${ESC}[90mABC · 2 h ago${ESC}[39m`);
  });

  it('falls back to the message text when there are no blocks', () => {
    expect(renderMessageAsText(message([], 'No stories matched “&lt;x&gt;”.'))).toBe(
      'No stories matched “<x>”.',
    );
  });

  it('never passes terminal control sequences through', () => {
    const out = renderMessageAsText(message([section('clear\u001b[2J screen\u0007 \u202eevil')], 'x'), {
      color: false,
    });
    expect(out).not.toContain(ESC);
    expect(out).not.toContain('\u0007');
    expect(out).not.toContain('\u202e');
  });

  it('renders a whole answer readably', () => {
    const answer = makeAnswer({ stories: [makeStory({ alsoReportedBy: ['SBS'] })], total: 6 });
    const out = renderMessageAsText(renderAnswer(answer, [], { now: NOW }));
    expect(out).toContain('Top stories for bushfire');
    expect(out).toContain('Bushfire threatens homes near Perth (https://www.abc.net.au/news/bushfire-perth)');
    expect(out).toContain('A bushfire is threatening homes in the hills east of Perth.');
    expect(out).toContain('ABC News · 2 h ago · also reported by SBS');
    expect(out).toContain('Stories 1–1 of 6 · searched for bushfire');
    expect(out.trimEnd().endsWith('[More] [Share to channel]')).toBe(true);
    expect(out).not.toMatch(/[*<>]|&amp;/);
  });

  it('renders help with its examples', () => {
    const out = renderMessageAsText(renderHelp(manyStories(3), { now: NOW }));
    expect(out).toContain('/news <topic>');
    expect(out).toContain('source:"perth now"');
    expect(out).toContain('• Story number 1 (https://example.com/1) — ABC News · 2 h ago');
  });
});
