import { isRelativeTime, parseDateText } from '../readers/dates.js';
import { chromeRule } from './chrome.js';
import { endsSentence, isHeadingLine } from './headings.js';

/** What the first lines of a story said about it. */
export interface StoryHeader {
  title?: string;
  /** A URL slug ("albanese-joins-global-leaders"): the title is made from it when there is no title line. */
  slug?: string;
  /** ISO date, or null for a relative time ("23 minutes ago"). */
  published?: string | null;
  url?: string;
  source?: string;
  /** Number of lines the header used. */
  lines: number;
}

type HeaderFields = Omit<StoryHeader, 'lines'>;

/** One kind of header line: what it looks like and what it tells. Null when the line is not of this kind. */
type LineRole = (line: string) => HeaderFields | null;

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+){2,}$/;
const URL_LINE = /^https?:\/\/\S+$/i;
const DASH_OUTLET = /^[-–—] ?(\S.{0,60})$/;
const MAX_TITLE_CHARS = 300;
const MAX_OUTLET_WORDS = 6;

function isPlainLine(line: string): boolean {
  return (
    line !== '' && parseDateText(line) === null && !isRelativeTime(line) && chromeRule(line) === undefined
  );
}

export const LINE_ROLES = {
  date: (line) => {
    const published = parseDateText(line);
    return published === null ? null : { published };
  },
  time: (line) => {
    if (isRelativeTime(line)) return { published: null };
    const published = parseDateText(line);
    return published === null ? null : { published };
  },
  slug: (line) => (SLUG.test(line) ? { slug: line } : null),
  url: (line) => (URL_LINE.test(line) ? { url: line } : null),
  title: (line) =>
    isPlainLine(line) && line.length <= MAX_TITLE_CHARS && !URL_LINE.test(line) ? { title: line } : null,
  /** A sub-title restating the title: used up, never body text. */
  heading: (line) => (isHeadingLine(line) ? {} : null),
  outlet: (line) =>
    isPlainLine(line) && !endsSentence(line) && line.split(' ').length <= MAX_OUTLET_WORDS
      ? { source: line }
      : null,
  /** "- Perth Now": the outlet as an aggregator's byline; it wins over a bare outlet line. */
  byline: (line) => {
    const outlet = DASH_OUTLET.exec(line)?.[1];
    return outlet && !endsSentence(outlet) ? { source: outlet } : null;
  },
} satisfies Record<string, LineRole>;

export interface HeaderShape {
  /** The kinds of the header's lines, in order, with no blank line between them. */
  roles: readonly (keyof typeof LINE_ROLES)[];
  /** The header must stand alone: a blank line (or the end) follows it. */
  standsAlone?: boolean;
}

/** Headers of a whole file of raw text. First matching shape wins; a new layout is one more line. */
export const ARTICLE_HEADERS: readonly HeaderShape[] = [
  { roles: ['date', 'slug'] }, // "9 September, 2025" / "albanese-joins-global-leaders-…"
  { roles: ['slug', 'date'] },
  { roles: ['title', 'date'] },
  { roles: ['date', 'title'] },
  { roles: ['title', 'url'] },
  { roles: ['title', 'heading'], standsAlone: true }, // a title, then a heading that restates it
  { roles: ['title'] },
];

/** Headers of the other outlets' stories an aggregator lists under an article. */
export const TAIL_STORY_HEADERS: readonly HeaderShape[] = [
  { roles: ['outlet', 'time', 'byline', 'title'] }, // "Perth Now" / "23 minutes ago" / "- Perth Now" / title
  { roles: ['outlet', 'time', 'title'] },
  { roles: ['byline', 'time', 'title'] },
];

/** Matches the lines from `start` against the shapes; the first shape that fits wins. */
export function matchHeader(
  lines: readonly string[],
  start: number,
  shapes: readonly HeaderShape[],
): StoryHeader | null {
  for (const shape of shapes) {
    const fields: HeaderFields = {};
    let fits = true;
    for (let i = 0; i < shape.roles.length && fits; i++) {
      const line = lines[start + i] ?? '';
      const role = shape.roles[i];
      const found = role === undefined ? null : LINE_ROLES[role](line);
      if (found === null) fits = false;
      else Object.assign(fields, found); // later lines win: a byline overrides a bare outlet
    }
    const next = lines[start + shape.roles.length];
    if (fits && shape.standsAlone && next !== undefined && next !== '') fits = false;
    if (fits) return { ...fields, lines: shape.roles.length };
  }
  return null;
}
