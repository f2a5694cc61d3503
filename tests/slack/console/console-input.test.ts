import { describe, expect, it } from 'vitest';
import { mentionBody, parseConsoleLine, slashCommandBody } from '../../../src/slack/console/console-input.js';

describe('parseConsoleLine', () => {
  it('reads commands, mentions, buttons, quit and direct messages', () => {
    expect(parseConsoleLine('/news ukraine')).toEqual({ kind: 'command', text: 'ukraine' });
    expect(parseConsoleLine('/NEWS')).toEqual({ kind: 'command', text: '' });
    expect(parseConsoleLine('@newsbot what did Albanese say?')).toEqual({
      kind: 'mention',
      text: 'what did Albanese say?',
    });
    expect(parseConsoleLine(' more ')).toEqual({ kind: 'button', button: 'more' });
    expect(parseConsoleLine('share')).toEqual({ kind: 'button', button: 'share' });
    expect(parseConsoleLine('quit')).toEqual({ kind: 'quit' });
    expect(parseConsoleLine('exit')).toEqual({ kind: 'quit' });
    expect(parseConsoleLine('help')).toEqual({ kind: 'dm', text: 'help' });
    expect(parseConsoleLine('   ')).toEqual({ kind: 'blank' });
    expect(parseConsoleLine('/newsroom')).toEqual({ kind: 'dm', text: '/newsroom' });
  });
});

describe('console request bodies', () => {
  it('encodes text the way Slack does, so markup typed at the console stays text', () => {
    const body = slashCommandBody('<!channel> & co', 'http://x/respond/1', 1);
    expect(body.text).toBe('&lt;!channel&gt; &amp; co');
    const event = mentionBody('a <b>', 2).event as { text: string };
    expect(event.text).toBe('<@U0NEWSBOT> a &lt;b&gt;');
  });

  it('gives every line its own delivery id, so deduplication never swallows a repeat question', () => {
    expect(slashCommandBody('x', 'u', 1).trigger_id).not.toBe(slashCommandBody('x', 'u', 2).trigger_id);
    expect(mentionBody('x', 1).event_id).not.toBe(mentionBody('x', 2).event_id);
  });
});
