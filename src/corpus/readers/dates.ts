/** A publication date as the Article model stores it, or why it could not be read. */
export type DateReading = { ok: true; value: string | null } | { ok: false; reason: string };

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
// ISO 8601 date-time; without an offset the time is taken as UTC.
const ISO_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;
// "9 September, 2025", "9 Sep 2025", "Tuesday 9 September 2025"
const DAY_MONTH_YEAR = /^(?:[A-Za-z]+,? )?(\d{1,2})(?:st|nd|rd|th)? ([A-Za-z]{3,9})\.?,? (\d{4})$/;
// "September 9, 2025", "Sep 9 2025"
const MONTH_DAY_YEAR = /^(?:[A-Za-z]+,? )?([A-Za-z]{3,9})\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})$/;
// RFC 2822, as feeds and e-mail write it: "Tue, 09 Sep 2025 10:00:00 GMT"
const RFC_2822 =
  /^(?:[A-Za-z]{3}, )?\d{1,2} [A-Za-z]{3} \d{4} \d{2}:\d{2}(:\d{2})? (?:[A-Z]{1,5}|[+-]\d{4})$/;
// "23 minutes ago", "yesterday": real dates, but with nothing to anchor them to.
const RELATIVE =
  /^(?:(?:\d+|an?|one) (?:second|sec|minute|min|hour|hr|day|week|month|year)s? ago|just now|yesterday|today)$/i;

/** True for relative times such as "23 minutes ago": they give no absolute date. */
export function isRelativeTime(text: string): boolean {
  return RELATIVE.test(text.trim());
}

function calendarDay(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return null;
  return date.toISOString().slice(0, 10);
}

function monthNumber(name: string): number | undefined {
  const lower = name.toLowerCase();
  return MONTHS[lower] ?? MONTHS[lower.slice(0, 3)];
}

function timestamp(ms: number): string | null {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

/** Reads a written date; null when the text is not one of the shapes above. */
export function parseDateText(text: string): string | null {
  const s = text.trim();
  const iso = ISO_DAY.exec(s);
  if (iso) return calendarDay(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  if (ISO_TIME.test(s)) {
    const withZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(s) ? s : `${s}Z`;
    return timestamp(Date.parse(withZone.replace(' ', 'T')));
  }
  const dmy = DAY_MONTH_YEAR.exec(s);
  if (dmy) {
    const month = monthNumber(dmy[2] ?? '');
    return month ? calendarDay(Number(dmy[3]), month, Number(dmy[1])) : null;
  }
  const mdy = MONTH_DAY_YEAR.exec(s);
  if (mdy) {
    const month = monthNumber(mdy[1] ?? '');
    return month ? calendarDay(Number(mdy[3]), month, Number(mdy[2])) : null;
  }
  if (RFC_2822.test(s)) return timestamp(Date.parse(s));
  return null;
}

/**
 * Reads a record's `published` value: a written date, or a number of seconds (or milliseconds)
 * since 1970. Missing and relative values are null without complaint.
 */
export function readPublished(value: string | number | null | undefined): DateReading {
  if (value === null || value === undefined || value === '') return { ok: true, value: null };
  if (typeof value === 'number') {
    const ms = Math.abs(value) < 1e11 ? value * 1000 : value;
    const iso = timestamp(ms);
    return iso
      ? { ok: true, value: iso }
      : { ok: false, reason: `published ${value} is not a date: left empty` };
  }
  if (isRelativeTime(value)) return { ok: true, value: null };
  const parsed = parseDateText(value);
  if (parsed !== null) return { ok: true, value: parsed };
  return { ok: false, reason: `published "${value}" is not a date I can read: left empty` };
}
