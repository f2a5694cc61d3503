import { describe, expect, it } from 'vitest';
import { latestRun, nextRun } from '../../src/digest/times.js';
import { localDate } from '../../src/local-time.js';

describe('digest times', () => {
  it('schedules in the zone across DST (Europe/London, spring and autumn)', () => {
    const sub = { time: '01:30', time_zone: 'Europe/London' };
    // 29 March 2026: 01:00 → 02:00; 01:30 does not exist and runs at 02:00 BST (01:00Z).
    expect(nextRun(sub, new Date('2026-03-28T12:00:00Z')).toISOString()).toBe('2026-03-29T01:00:00.000Z');
    // 25 October 2026: 01:30 happens twice; it runs once.
    const after = nextRun(sub, new Date('2026-10-24T12:00:00Z'));
    expect(nextRun(sub, after).getTime() - after.getTime()).toBeGreaterThan(23 * 3600_000);
  });

  it('finds the latest run and its local date', () => {
    const sub = { time: '09:00', time_zone: 'Pacific/Auckland' };
    const run = latestRun(sub, new Date('2026-11-24T12:00:00Z'));
    expect(run.toISOString()).toBe('2026-11-23T20:00:00.000Z');
    expect(localDate(run, 'Pacific/Auckland')).toBe('2026-11-24');
  });
});
