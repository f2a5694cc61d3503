import { describe, expect, it } from 'vitest';
import { isRelativeTime, parseDateText, readPublished } from '../../../src/corpus/readers/dates.js';

describe('parseDateText', () => {
  it.each([
    ['9 September, 2025', '2025-09-09'],
    ['Tuesday 9 September 2025', '2025-09-09'],
    ['September 9, 2025', '2025-09-09'],
    ['Sept 9 2025', '2025-09-09'],
    ['2025-09-09', '2025-09-09'],
    ['2025-09-09T10:30:00Z', '2025-09-09T10:30:00.000Z'],
    ['2025-09-09T10:30:00+10:00', '2025-09-09T00:30:00.000Z'],
    ['2025-09-09 10:30', '2025-09-09T10:30:00.000Z'],
    ['Tue, 09 Sep 2025 10:00:00 GMT', '2025-09-09T10:00:00.000Z'],
  ])('reads %s', (text, expected) => {
    expect(parseDateText(text)).toBe(expected);
  });

  it.each(['30 February 2025', '2025-13-01', 'banana 2', 'Global Commitment to Ukraine', ''])(
    'does not take %j for a date',
    (text) => {
      expect(parseDateText(text)).toBeNull();
    },
  );
});

describe('readPublished', () => {
  it('gives null without complaint for missing and relative values', () => {
    expect(readPublished(undefined)).toEqual({ ok: true, value: null });
    expect(readPublished('23 minutes ago')).toEqual({ ok: true, value: null });
    expect(isRelativeTime('3 hours ago')).toBe(true);
  });

  it('reads epoch seconds and milliseconds', () => {
    expect(readPublished(1757412000)).toEqual({ ok: true, value: '2025-09-09T10:00:00.000Z' });
    expect(readPublished(1757412000000)).toEqual({ ok: true, value: '2025-09-09T10:00:00.000Z' });
  });

  it('explains an unreadable date', () => {
    expect(readPublished('next week')).toEqual({ ok: false, reason: expect.stringContaining('"next week"') });
  });
});
