/**
 * Word shingles of an article, as 32-bit hashes: the raw material of near-duplicate detection.
 *
 * Text is split into tokens without building substrings (this runs over every article at load):
 * letters and digits form tokens, everything else separates them; ASCII and Latin-1 letters are
 * lower-cased, so case, punctuation, quotes and whitespace never make two copies differ. Hashes
 * use fixed constants, so they are the same on every machine and every run.
 */

/** Words per shingle: long enough that common phrases ("the prime minister said") rarely match alone. */
export const SHINGLE_WORDS = 5;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
/** Token that separates the title from the body, so "title + body" cannot equal a different split. */
const TITLE_BODY_BOUNDARY = 0x7f4a7c15;

/** murmur3's 32-bit finaliser: spreads every input bit over the whole word. */
export function mix32(h: number): number {
  let x = h;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** For ASCII: the lower-cased character for letters and digits, 0 for separators. */
const ASCII_WORD = Uint8Array.from({ length: 128 }, (_, c) => {
  if (c >= 65 && c <= 90) return c + 32;
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) ? c : 0;
});

/** Beyond ASCII: the case-folded character for word characters, 0 for separators. */
function wideWordChar(c: number): number {
  if (c < 0xc0 || c === 0xd7 || c === 0xf7) return 0; // Latin-1 punctuation and signs
  if (c >= 0x2000 && c <= 0x2bff) return 0; // general punctuation, symbols, arrows, shapes
  if (c >= 0xd800 && c <= 0xdfff) return 0; // surrogates: emoji and other astral symbols
  if (c >= 0x3000 && c <= 0x303f) return 0; // CJK punctuation
  if (c >= 0xff00 && c <= 0xff0f) return 0; // full-width punctuation
  return c <= 0xde ? c + 32 : c; // Latin-1 capitals fold to lower case
}

/** Scratch list of token hashes, reused across articles so that tokenizing allocates nothing. */
let tokens = new Uint32Array(8192);
let tokenCount = 0;

function appendTokens(text: string): void {
  // A text of L characters has at most L/2 + 1 tokens.
  const needed = tokenCount + (text.length >> 1) + 2;
  if (needed > tokens.length) {
    const grown = new Uint32Array(Math.max(needed, tokens.length * 2));
    grown.set(tokens.subarray(0, tokenCount));
    tokens = grown;
  }
  const out = tokens;
  let count = tokenCount;
  let h = FNV_OFFSET;
  let inToken = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const w = c < 128 ? (ASCII_WORD[c] ?? 0) : wideWordChar(c);
    if (w !== 0) {
      h = Math.imul(h ^ w, FNV_PRIME);
      inToken = true;
    } else if (inToken) {
      out[count++] = mix32(h);
      h = FNV_OFFSET;
      inToken = false;
    }
  }
  if (inToken) out[count++] = mix32(h);
  tokenCount = count;
}

/**
 * Tokenizes title and body into the scratch list, with a boundary token between them.
 * Returns how many tokens belong to the title.
 */
function tokenize(title: string, paragraphs: readonly string[]): number {
  tokenCount = 0;
  appendTokens(title);
  const titleLength = tokenCount;
  tokens[tokenCount++] = TITLE_BODY_BOUNDARY;
  for (const p of paragraphs) appendTokens(p);
  return titleLength;
}

/** What grouping needs to know about one article's text. */
export interface ArticleFingerprint {
  /** Distinct hashes of the SHINGLE_WORDS-word shingles of title + body, in no particular order. */
  shingles: Uint32Array;
  /**
   * Hash of the whole normalised token sequence (53 bits, exact in a JS number): equal for exact
   * copies, which differ at most in case, punctuation and spacing.
   */
  contentKey: number;
  /** Sorted, distinct hashes of the title's tokens. */
  titleTokens: Uint32Array;
}

/** Open-addressing set used by `distinct`; a slot is occupied when its stamp is the current one. */
let setKeys = new Uint32Array(4096);
let setStamps = new Uint32Array(4096);
let setStamp = 0;

/**
 * The distinct values, first occurrences in order, as a view of the front of `values` (reordered in
 * place). Linear time: sorting was the slowest step.
 */
function distinct(values: Uint32Array): Uint32Array {
  let size = setKeys.length;
  while (size < values.length * 2) size *= 2;
  if (size !== setKeys.length) {
    setKeys = new Uint32Array(size);
    setStamps = new Uint32Array(size);
    setStamp = 0;
  }
  setStamp++;
  if (setStamp === 0xffffffff) {
    setStamps.fill(0);
    setStamp = 1;
  }
  const mask = size - 1;
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] ?? 0;
    let at = v & mask;
    while (setStamps[at] === setStamp && setKeys[at] !== v) at = (at + 1) & mask;
    if (setStamps[at] === setStamp) continue;
    setStamps[at] = setStamp;
    setKeys[at] = v;
    values[n++] = v;
  }
  return values.subarray(0, n);
}

function sortedDistinct(values: Uint32Array): Uint32Array {
  values.sort();
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    if (i === 0 || values[i] !== values[i - 1]) values[n++] = values[i] ?? 0;
  }
  return values.slice(0, n);
}

/** Shingles, exact-copy key and title tokens of an article. Pure; deterministic across machines. */
export function fingerprint(title: string, paragraphs: readonly string[]): ArticleFingerprint {
  const titleLength = tokenize(title, paragraphs);
  const t = tokens;
  const n = tokenCount;

  let key1 = FNV_OFFSET;
  let key2 = 0x9747b28c;
  for (let i = 0; i < n; i++) {
    const h = t[i] ?? 0;
    key1 = Math.imul(key1 ^ h, FNV_PRIME);
    key2 = Math.imul((key2 << 5) | (key2 >>> 27), 0x9e3779b1) ^ h;
  }
  const contentKey = (mix32(key1) >>> 0) * 2 ** 21 + (mix32(key2) >>> 11);

  // A text shorter than one shingle still gets one shingle (all of it), so it can match its copies.
  const width = Math.min(SHINGLE_WORDS, n);
  const count = n === 0 ? 0 : n - width + 1;
  const shingles = new Uint32Array(count);
  for (let start = 0; start < count; start++) {
    let h = 0x3c6ef372;
    for (let j = 0; j < width; j++) h = Math.imul(((h << 7) | (h >>> 25)) ^ (t[start + j] ?? 0), 0x9e3779b1);
    shingles[start] = mix32(h);
  }

  return {
    shingles: distinct(shingles),
    contentKey,
    titleTokens: sortedDistinct(t.slice(0, titleLength)),
  };
}

/** |A ∩ B| / |A ∪ B| of two sorted distinct hash lists (1 when both are empty). */
export function sortedJaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length === 0 && b.length === 0) return 1;
  const shared = sortedIntersectionSize(a, b);
  return shared / (a.length + b.length - shared);
}

/** |A ∩ B| of two sorted distinct hash lists. */
export function sortedIntersectionSize(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] ?? 0;
    const y = b[j] ?? 0;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return shared;
}
