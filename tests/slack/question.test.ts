import { describe, expect, it } from 'vitest';
import { plainTextFromSlack, queryFromQuestion } from '../../src/slack/question.js';

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

describe('questions keep their topic words', () => {
  // [what people type, what newsbot searches]: real question shapes, names and abbreviations as typed.
  const shapes: Array<[string, string]> = [
    ['<@U0BOT> New Zealand election', 'New Zealand election'],
    ['<@U0BOT> any news on US tariffs?', 'US tariffs'],
    ['<@U0BOT> what is happening in the UK?', 'in the UK'],
    ['<@U0BOT> what did the Fed say about rates?', 'the Fed rates'],
    ['<@U0BOT> what did Pope Leo say?', 'Pope Leo'],
    ['<@U0BOT> anything new on New York floods', 'New York floods'],
    ['<@U0BOT> is the US in recession?', 'the US in recession'],
    ['<@U0BOT> news about the EU and the UK', 'the EU and the UK'],
    ['<@U0BOT> tell us about US-China trade', 'US-China trade'],
    ['<@U0BOT> what did U.S. officials say?', 'U.S. officials'],
    ['<@U0BOT> how are the Greens polling?', 'the Greens polling'],
    ['<@U0BOT> who won in New South Wales?', 'won in New South Wales'],
    ['<@U0BOT> latest on the NBN', 'the NBN'],
    ['<@U0BOT> whats new with AI regulation', 'AI regulation'],
    ['<@U0BOT> what happened with the RBA today', 'the RBA today'],
    ['<@U0BOT> did Trump say anything about NATO?', 'Trump NATO'],
    ['<@U0BOT> show me the latest on Gaza', 'Gaza'],
    ['<@U0BOT> can you find news about the New York Times lawsuit', 'the New York Times lawsuit'],
    ['<@U0BOT> where is the drone debris?', 'drone debris'],
    ['<@U0BOT> when does the new parliament sit?', 'parliament sit'],
    ['<@U0BOT> why are house prices going up', 'house prices up'],
    ['<@U0BOT> what’s the news from PNG?', 'PNG'],
    ['<@U0BOT> New Zealand?', 'New Zealand'],
    ['<@U0BOT> anything on the US election since:7d', 'the US election since:7d'],
  ];
  it.each(shapes)('%s → %s', (question, query) => {
    expect(queryFromQuestion(question)).toBe(query);
  });

  it('reads capitals as typed only when the question has lower case: shouting is not a name', () => {
    expect(queryFromQuestion('<@U0BOT> WHAT IS NEW ON UKRAINE')).toBe('UKRAINE');
    expect(queryFromQuestion('<@U0BOT> what is new on ukraine')).toBe('ukraine');
  });

  it('still drops "us" and "new" typed as ordinary words', () => {
    expect(queryFromQuestion('<@U0BOT> tell us anything new on tariffs')).toBe('tariffs');
    expect(queryFromQuestion('<@U0BOT> give us the new figures')).toBe('figures');
  });
});

describe('plainTextFromSlack', () => {
  it('turns channel and link markup into their labels and drops broadcasts', () => {
    expect(plainTextFromSlack('<!here> see <#C1|general> and <https://x.example|the story>')).toBe(
      '  see general and the story',
    );
  });
});
