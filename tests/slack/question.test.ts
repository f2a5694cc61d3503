import { describe, expect, it } from 'vitest';
import { isHelpRequest, plainTextFromSlack, queryFromQuestion } from '../../src/slack/question.js';

describe('queryFromQuestion', () => {
  it('drops the mention and the question words', () => {
    expect(queryFromQuestion('<@U0BOT> what did Albanese say?')).toBe('Albanese');
    expect(queryFromQuestion('<@U0BOT> tell me about the bushfires')).toBe('bushfires');
    expect(queryFromQuestion('<@U0BOT> any news on interest rates?')).toBe('interest rates');
    expect(queryFromQuestion('<@U0BOT|newsbot> who is talking about Ukraine')).toBe('talking Ukraine');
  });

  it('keeps names that contain a question word as part of a phrase', () => {
    expect(queryFromQuestion('<@U0BOT> Fox News coverage')).toBe('Fox News coverage');
  });

  it('keeps quoted phrases and filters as typed', () => {
    expect(queryFromQuestion('<@U0BOT> what about "interest rates" since:7d source:abc -poll')).toBe(
      '"interest rates" since:7d source:abc -poll',
    );
  });

  it('leaves nothing for a bare mention or a question with no topic', () => {
    expect(queryFromQuestion('<@U0BOT>')).toBe('');
    expect(queryFromQuestion('<@U0BOT> what?')).toBe('');
  });

  it('decodes the entities Slack encodes', () => {
    expect(queryFromQuestion('<@U0BOT> AT&amp;T &lt;merger&gt;')).toBe('AT&T <merger>');
  });
});

describe('plainTextFromSlack', () => {
  it('turns channel and link markup into their labels and drops broadcasts', () => {
    expect(plainTextFromSlack('<!here> see <#C1|general> and <https://x.example|the story>')).toBe(
      '  see general and the story',
    );
  });
});

describe('isHelpRequest', () => {
  it('recognises an empty query and "help"', () => {
    expect(isHelpRequest('')).toBe(true);
    expect(isHelpRequest('  HELP ')).toBe(true);
    expect(isHelpRequest('helpful tips')).toBe(false);
  });
});
