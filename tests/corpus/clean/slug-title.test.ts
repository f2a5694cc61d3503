import { describe, expect, it } from 'vitest';
import { titleFromSlug } from '../../../src/corpus/clean/slug-title.js';

describe('titleFromSlug', () => {
  it('capitalises the first word and the words the body writes capitalised mid-sentence', () => {
    const body = [
      'In talks on Monday, the leaders met in Ukraine and spoke with Trump about peace in the region.',
    ];
    expect(titleFromSlug('leaders-meet-in-ukraine-trump-talks', body)).toBe(
      'Leaders meet in Ukraine Trump talks',
    );
  });

  it('keeps words lower case when the body only capitalises them at sentence starts', () => {
    const body = ['Talks went on. Talks ended with more talks planned.'];
    expect(titleFromSlug('peace-talks-end', body)).toBe('Peace talks end');
  });

  it('drops a trailing numeric article id', () => {
    expect(titleFromSlug('storm-hits-coast-1234567', [])).toBe('Storm hits coast');
  });

  it('restores acronyms the body uses', () => {
    expect(titleFromSlug('us-and-uk-agree', ['Both the US and the UK agreed.'])).toBe('US and UK agree');
  });
});
