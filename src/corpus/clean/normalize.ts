import { decodeHTML } from 'entities';

// Invisible characters that scraped text carries and readers never want: BOM, zero-width
// space/joiners, word joiner, soft hyphen, and control characters (escape sequences a terminal
// would obey; tabs and line breaks are whitespace and handled apart).
const INVISIBLE = /[\uFEFF\u200B-\u200D\u2060\u00AD]|[^\P{Cc}\t\n\v\f\r\u0085]/gu;
// Every horizontal space (tabs, no-break and typographic spaces) counts as one plain space.
const HORIZONTAL_SPACE = /[\t\v\f\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000 ]+/g;

// Printable ASCII without entities or doubled spaces is already clean: most lines, checked cheaply.
// A plain character class, no alternation: the regex engine then needs no stack per character, so
// a line of any length is checked (an alternation overflowed the stack at about 10 MB).
const PRINTABLE_ASCII = /^[\x20-\x25\x27-\x7e]*$/;
const isPlain = (line: string): boolean => PRINTABLE_ASCII.test(line) && !line.includes('  ');

/**
 * Cleans one line of text: HTML entities decoded, invisible characters removed, runs of
 * whitespace collapsed, Unicode NFC, trimmed.
 */
export function normalizeLine(line: string): string {
  if (isPlain(line)) return line.trim();
  const decoded = line.includes('&') ? decodeHTML(line) : line;
  return decoded.replace(INVISIBLE, '').replace(HORIZONTAL_SPACE, ' ').normalize('NFC').trim();
}

/** Splits text into normalised lines, whatever the line endings (LF, CRLF, CR, U+2028/9). */
export function normalizedLines(text: string): string[] {
  return text.split(/\r\n|[\n\r\u2028\u2029\u0085]/).map(normalizeLine);
}
