// en-US parts, put in day-month-year order: en-GB would say "Sept" on newer ICU data.
const DAY_MONTH_YEAR = new Intl.DateTimeFormat('en-US', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** "9 Sep 2025", in UTC, the same on every machine whatever its locale. */
export function formatDate(ms: number): string {
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    DAY_MONTH_YEAR.formatToParts(ms).find((p) => p.type === type)?.value ?? '';
  return `${part('day')} ${part('month')} ${part('year')}`;
}

/**
 * When an article was published, as a reader wants it: "just now", "25 min ago", "2 h ago",
 * "yesterday", then "9 Sep 2025". A date-only value ("2025-09-09") has no time of day, so it is
 * "today", "yesterday" or a date, never "3 h ago". Calendar days are UTC days. Returns "" when the
 * date is unknown or unreadable, so the caller leaves it out rather than show a made-up one.
 */
export function relativeDate(published: string | null, now: Date): string {
  if (published === null) return '';
  const ms = Date.parse(published);
  if (Number.isNaN(ms) || Number.isNaN(now.getTime())) return '';
  const days = utcDay(now.getTime()) - utcDay(ms);
  if (DATE_ONLY.test(published)) {
    if (days === 0) return 'today';
    if (days === 1) return 'yesterday';
    return formatDate(ms);
  }
  const ago = now.getTime() - ms;
  // A little clock skew between the source and us still reads as "just now", not as a date.
  if (ago < -5 * MINUTE) return formatDate(ms);
  if (ago < MINUTE) return 'just now';
  if (ago < HOUR) return `${Math.floor(ago / MINUTE)} min ago`;
  if (ago < DAY) return `${Math.floor(ago / HOUR)} h ago`;
  if (days === 1) return 'yesterday';
  return formatDate(ms);
}

function utcDay(ms: number): number {
  return Math.floor(ms / DAY);
}
