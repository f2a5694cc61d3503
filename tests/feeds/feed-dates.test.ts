import { describe, expect, it } from 'vitest';
import { parseFeedDate } from '../../src/feeds/feed-dates.js';

describe('parseFeedDate', () => {
  it.each([
    ['Mon, 24 Nov 2026 10:00:00 GMT', '2026-11-24T10:00:00.000Z'],
    ['Mon,24 Nov 2026 10:00 EST', '2026-11-24T15:00:00.000Z'],
    ['Tuesday, 24 November 2026 10:00:00 +0100', '2026-11-24T09:00:00.000Z'],
    ['24 Nov 26 10:00:00 GMT', '2026-11-24T10:00:00.000Z'],
    ['Mon, 24 Nov 2026 10:00:00 GMT+02:00', '2026-11-24T08:00:00.000Z'],
    ['Mon, 24 Nov 2026 10:00:00 +0000 (UTC)', '2026-11-24T10:00:00.000Z'],
    ['mon, 24 nov 2026 10:00:00 pdt', '2026-11-24T17:00:00.000Z'],
    ['2026-11-24T10:00:00Z', '2026-11-24T10:00:00.000Z'],
    ['2026-11-24T10:00:00+0100', '2026-11-24T09:00:00.000Z'],
    ['2026-11-24 10:00:00', '2026-11-24T10:00:00.000Z'],
    ['2026-11-24T10:00:00.123456+00:00', '2026-11-24T10:00:00.123Z'],
    ['2026-11-24', '2026-11-24'],
    ['24 Nov 2026', '2026-11-24'],
    ['Nov 24, 2026 3:00 PM PST', '2026-11-24T23:00:00.000Z'],
    ['1764000000', '2025-11-24T16:00:00.000Z'],
  ])('reads %s', (raw, expected) => {
    expect(parseFeedDate(raw)).toBe(expected);
  });

  it.each([
    '',
    'yesterday',
    'soon',
    '31 Feb 2026 10:00 GMT',
    '2026-13-01T00:00:00Z',
    'Mon, 24 Nov 2026 25:00:00 GMT',
  ])('gives up quietly on %j', (raw) => {
    expect(parseFeedDate(raw)).toBeNull();
  });

  it('accepts Date objects and ignores other values', () => {
    expect(parseFeedDate(new Date('2026-11-24T10:00:00Z'))).toBe('2026-11-24T10:00:00.000Z');
    expect(parseFeedDate(undefined)).toBeNull();
    expect(parseFeedDate({})).toBeNull();
  });
});
