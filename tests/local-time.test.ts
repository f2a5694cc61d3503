import { describe, expect, it } from 'vitest';
import { localDate, localDateHeading, parseTimeOfDay, parseTimeZone, whenLocal } from '../src/local-time.js';

describe('local time', () => {
  it('reads HH:MM times and refuses the rest', () => {
    expect(parseTimeOfDay('9:05')).toBe('09:05');
    expect(parseTimeOfDay('23:59')).toBe('23:59');
    for (const bad of ['24:00', '9', '09:60', '9am', '']) expect(parseTimeOfDay(bad)).toBeNull();
  });

  it('accepts zones Intl knows, aliases included', () => {
    for (const zone of ['UTC', 'Europe/Paris', 'US/Eastern', 'Australia/Sydney'])
      expect(parseTimeZone(zone)).toBe(zone);
    for (const bad of ['Mars/Base', 'Paris', '', '../etc']) expect(parseTimeZone(bad)).toBeNull();
  });

  it('writes dates and times as read on the clock of the zone', () => {
    const instant = new Date('2026-11-30T23:30:00Z');
    expect(localDate(instant, 'Pacific/Auckland')).toBe('2026-12-01');
    expect(localDateHeading(instant, 'Pacific/Auckland')).toBe('Tuesday 1 December');
    expect(whenLocal(new Date('2026-11-30T08:00:00Z'), 'Europe/Paris')).toBe(
      'Monday 30 November, 09:00 (Europe/Paris)',
    );
  });
});
