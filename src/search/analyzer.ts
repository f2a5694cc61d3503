import { stemmer } from 'stemmer';
import { DEMONYMS } from './demonyms.js';
import { STOPWORDS } from './stopwords.js';

/** A word of a text with its place in that text, so that matches can be highlighted. */
export interface Token {
  /** The word lower-cased with diacritics folded, before stopwords and stemming. */
  word: string;
  start: number;
  end: number;
}

// Letters and digits, joined by inner apostrophes, hyphens and dots (U.S., 3.5, Kosiniak-Kamysz) and by
// thousands separators (1,000).
const WORD = /[\p{L}\p{N}]+(?:(?:['’.-]|,(?=\d{3}(?!\d)))[\p{L}\p{N}]+)*/gu;

// Letters that Unicode decomposition leaves alone but readers treat as their Latin base.
const LATIN_EXTRAS: Readonly<Record<string, string>> = {
  ł: 'l',
  ø: 'o',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  ħ: 'h',
};
const LATIN_EXTRA = /[łøßæœđðþıħ]/g;

const NON_ASCII = /[^\p{ASCII}]/u;

/** Longer "words" are URLs, hashes or markup debris: not worth a place in the index. */
const MAX_TERM_LENGTH = 48;

/** Lower-case and strip diacritics: "Zelenskyy’s" → "zelenskyy's", "Władysław" → "wladyslaw". */
export function foldWord(raw: string): string {
  if (!NON_ASCII.test(raw)) return raw.toLowerCase();
  return raw
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(LATIN_EXTRA, (c) => LATIN_EXTRAS[c] ?? c)
    .replace(/’/g, "'");
}

/** The words of a text, in order, with offsets. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    tokens.push({ word: foldWord(m[0]), start: m.index, end: m.index + m[0].length });
  }
  return tokens;
}

/** Stem of one simple word (no separators), or null for a stopword. */
function stemOf(bare: string): string | null {
  if (bare.length === 0 || STOPWORDS.has(bare)) return null;
  if (/\p{N}/u.test(bare)) return bare;
  return stemmer(DEMONYMS.get(bare) ?? bare);
}

/** "u.s" → "us", "ph.d" → "phd": dotted abbreviations are searched without their dots. */
function undotAbbreviation(word: string): string {
  const parts = word.split('.');
  if (parts.length > 1 && parts.every((p) => p.length <= 2 && /^\p{L}+$/u.test(p))) return parts.join('');
  return word;
}

/**
 * A folded word as a reader would spell it to search: without possessive, apostrophes, thousands
 * commas or abbreviation dots ("zelenskyy's" → "zelenskyy", "u.s" → "us", "1,000" → "1000").
 */
export function bareWord(word: string): string {
  return undotAbbreviation(word.replace(/'s$/, '').replace(/'/g, '').replace(/,/g, ''));
}

/** Index terms of one folded word: the whole word first, then its parts if it is a compound. */
function computeTerms(word: string): string[] {
  const bare = bareWord(word);
  if (bare.length > MAX_TERM_LENGTH) return [];
  const parts = bare.split(/[.-]/);
  if (parts.length === 1 || /^[\p{N}.]+$/u.test(bare)) {
    const term = stemOf(bare);
    return term === null ? [] : [term];
  }
  const stems = parts.map(stemOf);
  const whole = parts.map((p, i) => stems[i] ?? p).join('-');
  const terms = [whole];
  for (const s of stems) if (s !== null && s.length > 1 && !terms.includes(s)) terms.push(s);
  return terms;
}

// Stemming dominates indexing time and news vocabulary repeats, so terms are memoised (bounded).
const CACHE_LIMIT = 200_000;
const termCache = new Map<string, readonly string[]>();

/** All index terms of a folded word (whole compound and its parts); empty for a stopword. */
export function termsOf(word: string): readonly string[] {
  let terms = termCache.get(word);
  if (terms === undefined) {
    terms = computeTerms(word);
    if (termCache.size >= CACHE_LIMIT) termCache.clear();
    termCache.set(word, terms);
  }
  return terms;
}

/**
 * The index term of a folded word, or null for a stopword: possessives dropped, demonyms mapped to
 * their place, then stemmed ("Ukrainians" → "ukrain"). A compound gives its whole form.
 */
export function termOf(word: string): string | null {
  return termsOf(word)[0] ?? null;
}

// The same memo keyed by the word as written, which also skips folding for words seen before.
const rawTermCache = new Map<string, readonly string[]>();

/** All index terms of a word as written in a text (folded, then as termsOf). */
export function termsOfRaw(raw: string): readonly string[] {
  let terms = rawTermCache.get(raw);
  if (terms === undefined) {
    terms = termsOf(foldWord(raw));
    if (rawTermCache.size >= CACHE_LIMIT) rawTermCache.clear();
    rawTermCache.set(raw, terms);
  }
  return terms;
}

/** Index terms of a text, in order (stopwords dropped; compounds give the whole, then the parts). */
export function analyze(text: string): string[] {
  const terms: string[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    for (const term of termsOfRaw(m[0])) terms.push(term);
  }
  return terms;
}

/** The primary terms of a text in order, one per word (stopwords dropped): what phrases are matched on. */
export function phraseTerms(text: string): string[] {
  const terms: string[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    const term = termsOfRaw(m[0])[0];
    if (term !== undefined) terms.push(term);
  }
  return terms;
}

// Its own copy of the word pattern: a visitor may analyse text while a scan is under way.
const SCAN_WORD = new RegExp(WORD.source, WORD.flags);

/** Calls `visit` with each word of a text as written, in order, without building token objects. */
export function forEachWord(text: string, visit: (raw: string) => void): void {
  SCAN_WORD.lastIndex = 0;
  for (let m = SCAN_WORD.exec(text); m !== null; m = SCAN_WORD.exec(text)) visit(m[0]);
}

/**
 * Calls `visit` with each word of text[from, to) as written and where it starts, until it returns
 * false. `from` must not be inside a word.
 */
export function forEachWordIn(
  text: string,
  from: number,
  to: number,
  visit: (raw: string, start: number) => boolean,
): void {
  SCAN_WORD.lastIndex = from;
  for (let m = SCAN_WORD.exec(text); m !== null && m.index + m[0].length <= to; m = SCAN_WORD.exec(text)) {
    if (!visit(m[0], m.index)) return;
  }
}

const WORD_AT = new RegExp(WORD.source, 'uy');

/** The word of a text that starts at `start` as written (the rest of it, if `start` is inside one). */
export function wordAt(text: string, start: number): string | null {
  WORD_AT.lastIndex = start;
  return WORD_AT.exec(text)?.[0] ?? null;
}

/**
 * Index terms are stems, so "housing" and "house" share one. Beside it, title and lead also index
 * each word's own form, marked so that it can never be taken for a stem: an article that says
 * "housing" then outranks one that says "House", and typos are matched on words as people type them.
 */
const FORM_MARK = '=';

/** The index term of a word form ("housing" → "=housing"). */
export function formTerm(bare: string): string {
  return FORM_MARK + bare;
}

/** The word of a form term ("=housing" → "housing"), or null if the term is a stem. */
export function wordOfFormTerm(term: string): string | null {
  return term.startsWith(FORM_MARK) ? term.slice(FORM_MARK.length) : null;
}

/**
 * The form term of a word as written, or null when it adds nothing to its stem: a stopword, a word
 * too long to index, or a word that is its own stem ("drone").
 */
export function formTermOfRaw(raw: string): string | null {
  const folded = foldWord(raw);
  const stem = termsOf(folded)[0];
  if (stem === undefined) return null;
  const bare = bareWord(folded);
  return bare === stem ? null : formTerm(bare);
}
