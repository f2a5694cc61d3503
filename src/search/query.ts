import type { QueryUnderstanding } from '../answer-types.js';
import { bareWord, foldWord, termOf, tokenize } from './analyzer.js';

/** A query as the index runs it: analyzed terms plus filters, with what the reader is told. */
export interface ParsedQuery {
  understood: QueryUnderstanding;
  /** Distinct index terms of the plain words and phrases (OR-ed, all preferred). */
  terms: string[];
  /** For each term, the word as typed (folded, bare; see analyzer.ts `bareWord`): exact forms and typos are matched on it. */
  forms: string[];
  /** Each phrase as its index terms, in order: these must appear adjacent. */
  phrases: string[][];
  /** Index terms whose articles are left out. */
  excludedTerms: string[];
  /** Only articles published at or after this instant (epoch ms). */
  sinceMs: number | null;
  /** Outlet filters, folded to words separated by single spaces ("perth now"). */
  sources: string[];
}

/** More terms than this add nothing to a news search but cost time (a pasted article, say). */
export const MAX_QUERY_TERMS = 32;
const MAX_PHRASES = 8;

const DAY_MS = 86_400_000;
const RELATIVE_UNITS_MS: Readonly<Record<string, number>> = {
  h: 3_600_000,
  d: DAY_MS,
  w: 7 * DAY_MS,
  m: 30 * DAY_MS,
  y: 365 * DAY_MS,
};

// Invisible format characters (RTL marks, zero-width joiners) would split or hide words.
const FORMAT_CHARS = /\p{Cf}/gu;
const CURLY_QUOTES = /[“”„‟«»]/g;
// A "quoted part" (with an optional operator or minus in front) or a run of other characters.
const CHUNK = /(-?)(?:(since|source):)?"([^"]*)"|[^\s"]+/giu;

/** Folds an outlet name to comparable words: "Perth-Now" and "perth now" give "perth now". */
export function sourceKey(name: string): string {
  return tokenize(name)
    .flatMap((t) => t.word.split(/[^\p{L}\p{N}]+/u))
    .filter(Boolean)
    .join(' ');
}

/** Cut-off instant for a since: value ("7d", "2025-09-01", "2025-09"), or null if it is not a date. */
export function parseSince(value: string, now: Date): number | null {
  const v = value.trim().toLowerCase();
  const relative = /^(\d{1,4})(h|d|w|m|y)$/.exec(v);
  if (relative?.[1] !== undefined && relative[2] !== undefined) {
    return now.getTime() - Number(relative[1]) * (RELATIVE_UNITS_MS[relative[2]] ?? DAY_MS);
  }
  if (v === 'today') return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  if (v === 'yesterday') return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - 1);
  const date = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(v);
  if (date === null) return null;
  const [year, month, day] = [Number(date[1]), Number(date[2] ?? 1), Number(date[3] ?? 1)];
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  // Reject dates that roll over (2025-02-30) rather than silently moving them.
  if (back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) return null;
  return ms;
}

class QueryBuilder {
  readonly words: string[] = [];
  readonly phraseTexts: string[] = [];
  readonly excluded: string[] = [];
  readonly sources: string[] = [];
  readonly warnings: string[] = [];
  readonly terms: string[] = [];
  readonly forms: string[] = [];
  readonly phrases: string[][] = [];
  readonly excludedTerms: string[] = [];
  sinceMs: number | null = null;
  #termCapWarned = false;

  constructor(private readonly now: Date) {}

  addTerm(term: string, word: string): boolean {
    if (this.terms.includes(term)) return true;
    if (this.terms.length >= MAX_QUERY_TERMS) {
      if (!this.#termCapWarned) this.warnings.push(`only the first ${MAX_QUERY_TERMS} words were searched`);
      this.#termCapWarned = true;
      return false;
    }
    this.terms.push(term);
    this.forms.push(bareWord(word));
    return true;
  }

  addWords(text: string): void {
    for (const token of tokenize(text)) {
      const term = termOf(token.word);
      if (term !== null && this.addTerm(term, token.word) && !this.words.includes(token.word))
        this.words.push(token.word);
    }
  }

  addPhrase(text: string): void {
    // The phrase's words that have a term, as phraseTerms() reads them.
    const words = tokenize(text)
      .map((t) => t.word)
      .filter((w) => termOf(w) !== null);
    const terms = words.map((w) => termOf(w) as string);
    if (terms.length === 0) {
      if (text.trim()) this.warnings.push(`"${text.trim()}" has only common words — ignored`);
      return;
    }
    if (terms.length === 1) {
      this.addWords(text);
      return;
    }
    if (this.phrases.length >= MAX_PHRASES) {
      this.warnings.push(`only the first ${MAX_PHRASES} phrases were searched`);
      return;
    }
    if (!terms.every((t, i) => this.addTerm(t, words[i] ?? t))) return;
    this.phrases.push(terms);
    this.phraseTexts.push(foldWord(text.trim().replace(/\s+/g, ' ')));
  }

  addExcluded(text: string): void {
    for (const token of tokenize(text)) {
      const term = termOf(token.word);
      if (term === null || this.excludedTerms.includes(term)) continue;
      if (this.excludedTerms.length >= MAX_QUERY_TERMS) return;
      this.excludedTerms.push(term);
      this.excluded.push(token.word);
    }
  }

  addSince(value: string): void {
    const ms = parseSince(value, this.now);
    if (ms === null) this.warnings.push(`since:${value} is not a date — ignored`);
    else this.sinceMs = ms;
  }

  addSource(value: string): void {
    const key = sourceKey(value);
    if (key === '') this.warnings.push('source: needs an outlet name — ignored');
    else if (!this.sources.includes(key)) this.sources.push(key);
  }

  addOperator(name: string, value: string): void {
    if (name.toLowerCase() === 'since') this.addSince(value);
    else this.addSource(value);
  }

  addChunk(chunk: string): void {
    const operator = /^(since|source):(.*)$/is.exec(chunk);
    if (operator?.[1] !== undefined && operator[2] !== undefined) this.addOperator(operator[1], operator[2]);
    else if (chunk.startsWith('-') && chunk.length > 1) this.addExcluded(chunk.slice(1));
    else this.addWords(chunk);
  }

  build(raw: string): ParsedQuery {
    if (this.terms.length === 0 && this.warnings.length === 0 && raw.trim() !== '') {
      const filtersOnly = this.sinceMs !== null || this.sources.length > 0;
      if (!filtersOnly)
        this.warnings.push('nothing to search for: the query has only common words or symbols');
    }
    return {
      understood: {
        words: this.words,
        phrases: this.phraseTexts,
        excluded: this.excluded,
        since: this.sinceMs === null ? null : new Date(this.sinceMs).toISOString().slice(0, 10),
        sources: this.sources,
        warnings: this.warnings,
      },
      terms: this.terms,
      forms: this.forms,
      phrases: this.phrases,
      excludedTerms: this.excludedTerms,
      sinceMs: this.sinceMs,
      sources: this.sources,
    };
  }
}

/**
 * Reads the query language: words; "exact phrase"; -word to exclude; since:7d or since:2025-09-01;
 * source:abc or source:"perth now". Forgiving: anything it cannot use becomes a warning, never an error.
 * A quoted exclusion (-"climate change") excludes each of its words.
 */
export function parseQuery(raw: string, now: Date): ParsedQuery {
  const builder = new QueryBuilder(now);
  let text = raw.replace(FORMAT_CHARS, '').replace(CURLY_QUOTES, '"');
  const quotes = text.split('"').length - 1;
  if (quotes % 2 === 1) {
    const last = text.lastIndexOf('"');
    text = `${text.slice(0, last)} ${text.slice(last + 1)}`;
    builder.warnings.push('unbalanced quote — searched as plain words');
  }
  for (const m of text.matchAll(CHUNK)) {
    const [chunk, minus, operator, quoted] = m;
    if (quoted === undefined) builder.addChunk(chunk);
    else if (operator !== undefined) builder.addOperator(operator, quoted);
    else if (minus === '-') builder.addExcluded(quoted);
    else builder.addPhrase(quoted);
  }
  return builder.build(raw);
}
