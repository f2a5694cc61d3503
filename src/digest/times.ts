import { Cron } from 'croner';

/** "09:00" → a croner pattern firing daily at that local time. */
function dailyPattern(time: string): string {
  const [h, m] = time.split(':').map(Number);
  return `${m} ${h} * * *`;
}

const crons = new Map<string, Cron>();

/**
 * croner computes the runs in the zone, DST included: a time that does not exist on a
 * spring-forward day runs at the first valid minute after it (02:30 → 03:00), and a time that
 * happens twice on a fall-back day runs once. Built without a function, a Cron only computes.
 */
function cronFor(time: string, zone: string): Cron {
  const key = `${time} ${zone}`;
  let cron = crons.get(key);
  if (cron === undefined) {
    cron = new Cron(dailyPattern(time), { timezone: zone });
    crons.set(key, cron);
  }
  return cron;
}

export interface DailyTime {
  time: string;
  time_zone: string;
}

/** The next run strictly after `now`. */
export function nextRun(sub: DailyTime, now: Date): Date {
  const next = cronFor(sub.time, sub.time_zone).nextRun(now);
  if (next === null) throw new Error(`no next run for ${sub.time} ${sub.time_zone}`);
  return next;
}

/** The latest run at or before `now` (every daily time has one within the last 26 hours). */
export function latestRun(sub: DailyTime, now: Date): Date {
  const from = new Date(now.getTime() - 26 * 3600_000);
  let latest: Date | null = null;
  for (const run of cronFor(sub.time, sub.time_zone).nextRuns(3, from)) {
    if (run.getTime() > now.getTime()) break;
    latest = run;
  }
  if (latest === null) throw new Error(`no run before ${now.toISOString()} for ${sub.time} ${sub.time_zone}`);
  return latest;
}
