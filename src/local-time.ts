/**
 * Times of day and dates as read on a clock in a time zone: what people type (`DIGEST_TIME`,
 * `DIGEST_TZ`, `/news digest on 08:30 Europe/Paris`) and what newsbot writes back. Pure; Intl
 * knows the zones, their aliases and their daylight-saving changes.
 */

/** "HH:MM", 24-hour, as people type it ("9:00" is accepted and becomes "09:00"). */
export function parseTimeOfDay(text: string): string | null {
  const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  if (!m) return null;
  return `${(m[1] as string).padStart(2, '0')}:${m[2]}`;
}

/**
 * The zone as given when Intl knows it (IANA names and their aliases such as "US/Eastern" or
 * "UTC"), else null.
 */
export function parseTimeZone(text: string): string | null {
  const zone = text.trim();
  if (zone === '' || !/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(zone)) return null;
  try {
    inZone(zone, {});
    return zone;
  } catch {
    return null;
  }
}

/** The local calendar date of an instant in a zone, "YYYY-MM-DD": the digest ledger's day. */
export function localDate(instant: Date, zone: string): string {
  const parts = inZone(zone, { year: 'numeric', month: '2-digit', day: '2-digit' }, 'en-CA').formatToParts(
    instant,
  );
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** "Monday 24 November": the digest's heading, in the subscription's zone. */
export function localDateHeading(instant: Date, zone: string): string {
  return inZone(zone, { weekday: 'long', day: 'numeric', month: 'long' }).format(instant);
}

/** "Monday 30 November, 09:00 (Europe/Paris)". */
export function whenLocal(instant: Date, zone: string): string {
  const time = inZone(zone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(instant);
  return `${localDateHeading(instant, zone)}, ${time} (${zone})`;
}

/** A formatter for the clock in `zone`; throws a RangeError for a zone Intl does not know. */
function inZone(zone: string, fields: Intl.DateTimeFormatOptions, locale = 'en-GB'): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(locale, { ...fields, timeZone: zone });
}
