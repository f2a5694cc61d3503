import { parseDateText } from '../corpus/readers/dates.js';

const MONTHS: Record<string, number> = {
  jan: 0,
  feb: 1,
  mar: 2,
  apr: 3,
  may: 4,
  jun: 5,
  jul: 6,
  aug: 7,
  sep: 8,
  oct: 9,
  nov: 10,
  dec: 11,
};

/** Zone names feeds write instead of an offset (RFC 822's own, and common local ones), in minutes. */
const ZONES: Record<string, number> = {
  gmt: 0,
  ut: 0,
  utc: 0,
  z: 0,
  wet: 0,
  est: -300,
  edt: -240,
  cst: -360,
  cdt: -300,
  mst: -420,
  mdt: -360,
  pst: -480,
  pdt: -420,
  akst: -540,
  akdt: -480,
  hst: -600,
  bst: 60,
  ist: 60,
  cet: 60,
  cest: 120,
  met: 60,
  mest: 120,
  eet: 120,
  eest: 180,
  msk: 180,
  aest: 600,
  aedt: 660,
  acst: 570,
  acdt: 630,
  awst: 480,
  nzst: 720,
  nzdt: 780,
  jst: 540,
  kst: 540,
};

// "Tue, 09 Sep 2025 10:00:00 GMT" and its usual deformations: no weekday, no comma, a full or
// dotted month name, a two-digit year, no seconds, no zone, "GMT+02:00", a zone name.
const RFC_822_LIKE =
  /^(?:[a-z]+\.?,?\s*)?(\d{1,2})(?:st|nd|rd|th)?[\s-]+([a-z]{3,9})\.?,?[\s-]+(\d{4}|\d{2})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?\s*(.*)$/i;
// "Sep 9, 2025 10:00 PM EST" — US order, with an optional time and zone.
const US_LIKE =
  /^(?:[a-z]+\.?,?\s*)?([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(am|pm)?)?\s*(.*)$/i;
// ISO 8601 with an offset written without a colon, or fractions longer than milliseconds.
const ISO_LOOSE =
  /^(\d{4})-(\d{2})-(\d{2})[T\s](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** Minutes east of UTC for a zone as written ("", "GMT", "+0100", "GMT+1", "EST"), or null. */
function zoneOffset(zone: string): number | null {
  const z = zone
    .trim()
    .toLowerCase()
    .replace(/^\((.*)\)$/, '$1');
  if (z === '') return 0;
  if (z in ZONES) return ZONES[z] ?? 0;
  const m = /^(?:gmt|utc|ut)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(z);
  if (m) return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
  // "+0100 (CET)": the offset wins.
  const lead = /^([+-]\d{4})\b/.exec(z);
  if (lead?.[1]) return zoneOffset(lead[1]);
  return null;
}

function utc(
  year: number,
  month: number,
  day: number,
  h: number,
  min: number,
  s: number,
  offsetMin: number,
): string | null {
  if (month < 0 || month > 11 || day < 1 || day > 31 || h > 23 || min > 59 || s > 60) return null;
  const date = new Date(Date.UTC(year, month, day, h, min, Math.min(s, 59)));
  if (date.getUTCDate() !== day) return null; // 31 Feb
  return new Date(date.getTime() - offsetMin * 60_000).toISOString();
}

function fullYear(y: string): number {
  const n = Number(y);
  return y.length === 2 ? (n < 70 ? 2000 + n : 1900 + n) : n;
}

/**
 * A feed's date string → an ISO 8601 UTC timestamp (or a date for a bare day), or null when it is
 * not a date. Feeds write dates in every shape; this reads the usual ones and gives up quietly on
 * the rest (an undated item is still kept).
 */
export function parseFeedDate(raw: unknown): string | null {
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? null : raw.toISOString();
  if (typeof raw === 'number') return fromEpoch(raw);
  if (typeof raw !== 'string') return null;
  const s = raw.trim().replace(/\s+/g, ' ');
  if (s === '') return null;
  if (/^\d{9,13}$/.test(s)) return fromEpoch(Number(s));
  const iso = ISO_LOOSE.exec(s);
  if (iso) {
    const offset = zoneOffset(iso[8] ?? '');
    if (offset === null) return null;
    const whole = utc(
      Number(iso[1]),
      Number(iso[2]) - 1,
      Number(iso[3]),
      Number(iso[4]),
      Number(iso[5]),
      Number(iso[6] ?? 0),
      offset,
    );
    const millis = Number(`0.${iso[7] ?? '0'}`) * 1000;
    return whole === null ? null : new Date(Date.parse(whole) + Math.floor(millis)).toISOString();
  }
  const rfc = RFC_822_LIKE.exec(s);
  if (rfc) {
    const month = MONTHS[(rfc[2] ?? '').slice(0, 3).toLowerCase()];
    const offset = zoneOffset(rfc[7] ?? '');
    if (month !== undefined && offset !== null) {
      // A bare day stays a day: no time is invented.
      const bareDay = rfc[4] === undefined && (rfc[7] ?? '') === '';
      if (bareDay)
        return utc(fullYear(rfc[3] ?? ''), month, Number(rfc[1]), 0, 0, 0, 0)?.slice(0, 10) ?? null;
      return utc(
        fullYear(rfc[3] ?? ''),
        month,
        Number(rfc[1]),
        Number(rfc[4] ?? 0),
        Number(rfc[5] ?? 0),
        Number(rfc[6] ?? 0),
        offset,
      );
    }
  }
  const us = US_LIKE.exec(s);
  if (us) {
    const month = MONTHS[(us[1] ?? '').slice(0, 3).toLowerCase()];
    const offset = zoneOffset(us[8] ?? '');
    let hour = Number(us[4] ?? 0);
    const half = us[7]?.toLowerCase();
    if (half === 'pm' && hour < 12) hour += 12;
    if (half === 'am' && hour === 12) hour = 0;
    if (month !== undefined && offset !== null) {
      return utc(Number(us[3]), month, Number(us[2]), hour, Number(us[5] ?? 0), Number(us[6] ?? 0), offset);
    }
  }
  return parseDateText(s);
}

function fromEpoch(n: number): string | null {
  if (!Number.isFinite(n) || n <= 0) return null;
  const ms = n < 1e11 ? n * 1000 : n; // seconds or milliseconds
  return new Date(ms).toISOString();
}
