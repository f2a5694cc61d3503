import { describe, expect, it } from 'vitest';
import { formatDate, relativeDate } from '../../src/block-kit/dates.js';

const now = new Date('2025-09-09T10:30:00.000Z');

describe('relativeDate', () => {
  it('says how long ago for recent timestamps', () => {
    expect(relativeDate('2025-09-09T10:29:40.000Z', now)).toBe('just now');
    expect(relativeDate('2025-09-09T10:05:00.000Z', now)).toBe('25 min ago');
    expect(relativeDate('2025-09-09T08:30:00.000Z', now)).toBe('2 h ago');
    expect(relativeDate('2025-09-08T11:00:00.000Z', now)).toBe('23 h ago');
  });

  it('says "yesterday" for the previous calendar day beyond 24 hours', () => {
    expect(relativeDate('2025-09-08T09:00:00.000Z', now)).toBe('yesterday');
  });

  it('gives the date for anything older', () => {
    expect(relativeDate('2025-09-07T23:00:00.000Z', now)).toBe('7 Sep 2025');
    expect(relativeDate('2024-02-29T12:00:00.000Z', now)).toBe('29 Feb 2024');
  });

  it('never invents a time of day for a date-only value', () => {
    expect(relativeDate('2025-09-09', now)).toBe('today');
    expect(relativeDate('2025-09-08', now)).toBe('yesterday');
    expect(relativeDate('2025-09-01', now)).toBe('1 Sep 2025');
  });

  it('shows a future timestamp as a date, allowing a little clock skew', () => {
    expect(relativeDate('2025-09-09T10:32:00.000Z', now)).toBe('just now');
    expect(relativeDate('2025-09-12T10:00:00.000Z', now)).toBe('12 Sep 2025');
  });

  it('is empty for unknown or unreadable dates', () => {
    expect(relativeDate(null, now)).toBe('');
    expect(relativeDate('banana', now)).toBe('');
  });
});

describe('formatDate', () => {
  it('uses UTC and English month names whatever the machine', () => {
    expect(formatDate(Date.parse('2025-12-31T23:59:59.000Z'))).toBe('31 Dec 2025');
  });
});
