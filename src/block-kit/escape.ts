/**
 * Making untrusted text (article fields, queries, suggestions) safe inside Slack mrkdwn, and
 * shortening mrkdwn without breaking it.
 *
 * Slack gives meaning to `&`, `<` and `>` (entities, links, mentions such as `<!channel>`) and to the
 * formatting markers `*_~` and the backtick. The first three are escaped as Slack documents; the
 * markers have no escape, so where one could open or close formatting it becomes a look-alike.
 */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** Escapes the three characters Slack reserves, so the text can link, mention or ping nobody. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/[&<>]/g, (c) => ENTITIES[c] ?? c);
}

/**
 * Look-alikes for the formatting markers: they read the same and format nothing. None is a
 * letter or digit, so a look-alike next to our own `*` does not stop Slack from closing the bold.
 */
const MARKER_LOOKALIKES: Record<string, string> = {
  '*': '\u2217', // ∗ asterisk operator
  _: '\uff3f', // ＿ fullwidth low line
  '~': '\u223c', // ∼ tilde operator
  '`': '\u2035', // ‵ reversed prime
};
const MARKERS = /[*_~`]/g;
const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;

/**
 * Characters that are invisible yet harmful: controls (a terminal obeys them) and the bidi
 * overrides and isolates that can reorder the text that follows them. Whitespace controls (tab,
 * newline) are folded into spaces before this applies.
 */
const INVISIBLE_CONTROL = /[\p{Cc}\u202a-\u202e\u2066-\u2069]/u;
const INVISIBLE_CONTROLS = new RegExp(INVISIBLE_CONTROL.source, 'gu');

/** A letter, mark or digit: what formatting markers and highlights treat as the inside of a word. */
export function isWordChar(c: string): boolean {
  return WORD_CHAR.test(c);
}

export function isInvisibleControl(c: string): boolean {
  return INVISIBLE_CONTROL.test(c);
}

/** Folds every run of whitespace (newlines too) into one space and removes invisible controls. */
export function cleanText(text: string): string {
  return text.replace(/\s+/g, ' ').replace(INVISIBLE_CONTROLS, '').replace(/ {2,}/g, ' ').trim();
}

export interface NeutraliseOptions {
  /** Replace every marker, even inside a word: for text placed inside our own bold or link. */
  everywhere?: boolean;
  /** Offsets where the renderer puts its own markers: a marker next to one of them is replaced too. */
  boundaries?: ReadonlySet<number>;
}

/**
 * Replaces formatting markers that could change meaning. Slack only treats a marker as formatting
 * at a word edge, so one between two letters or digits (`snake_case`, `F*ck`) is left alone.
 */
export function neutraliseMarkers(text: string, options: NeutraliseOptions = {}): string {
  return text.replace(MARKERS, (marker, offset: number) => {
    const insideWord =
      !options.everywhere &&
      !options.boundaries?.has(offset) &&
      !options.boundaries?.has(offset + 1) &&
      isWordChar(text.charAt(offset - 1)) &&
      isWordChar(text.charAt(offset + 1));
    return insideWord ? marker : (MARKER_LOOKALIKES[marker] ?? marker);
  });
}

/** Untrusted text → mrkdwn that shows exactly that text: cleaned, markers neutralised, escaped. */
export function mrkdwnText(text: string, options: NeutraliseOptions = {}): string {
  return escapeMrkdwn(neutraliseMarkers(cleanText(text), options));
}

/** Untrusted text for the label of a `<url|label>` link, where `|` would end the URL part. */
export function linkLabel(text: string): string {
  return mrkdwnText(text, { everywhere: true }).replace(/\|/g, '\u2223'); // ∣ divides
}

const ELLIPSIS = '…';

/**
 * Shortens text to at most `max` characters (UTF-16 units, as Slack counts), ending with "…".
 * Cuts at the last space that fits, never inside a word, an entity (`&amp;`), a `<url|text>` link
 * or a surrogate pair. Only a single word longer than `max` is cut inside, at a safe point.
 */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max < ELLIPSIS.length) return '';
  const room = max - ELLIPSIS.length;
  let lastSafe = 0;
  let lastSpace = -1;
  for (let i = 0; i < text.length; ) {
    const next = i + atomLength(text, i);
    if (next > room) break;
    if (/\s/.test(text.charAt(i))) lastSpace = i;
    lastSafe = next;
    i = next;
  }
  const cut = lastSpace > 0 ? lastSpace : lastSafe;
  return `${text.slice(0, cut).trimEnd()}${ELLIPSIS}`;
}

/** Length of the unbreakable unit starting at `i`: an entity, a `<…>` link or mention, or one code point. */
function atomLength(text: string, i: number): number {
  const c = text.charAt(i);
  if (c === '&') {
    const entity = /^&(?:[a-z]+|#\d+|#x[0-9a-f]+);/i.exec(text.slice(i, i + 12));
    if (entity) return entity[0].length;
  }
  if (c === '<') {
    const close = text.indexOf('>', i);
    if (close > i) return close - i + 1;
  }
  const code = text.charCodeAt(i);
  const low = text.charCodeAt(i + 1);
  return code >= 0xd800 && code <= 0xdbff && low >= 0xdc00 && low <= 0xdfff ? 2 : 1;
}
