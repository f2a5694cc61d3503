import { describe, expect, it } from 'vitest';
import { consoleBanner } from '../../../src/slack/console/banner.js';

describe('consoleBanner', () => {
  it('says what is loaded and what to type, without colour codes on a pipe', () => {
    const banner = consoleBanner({ articles: 12345, stories: 1, color: false });
    expect(banner).toContain('12,345 articles in 1 story');
    for (const example of ['/news ukraine', '@newsbot what did Albanese say?', 'help', 'quit']) {
      expect(banner).toContain(example);
    }
    expect(banner).not.toContain('\u001b[');
    expect(consoleBanner({ articles: 1, stories: 2, color: true })).toContain('\u001b[1m');
  });
});
