import { termOf } from './analyzer.js';
import type { Documents } from './documents.js';
import type { Lexicon } from './lexicon.js';
import type { PostingsStore } from './postings.js';

/**
 * How many typos a word may hold: none below 4 letters (too many neighbours) or with a digit (a
 * number or a code is not misspelt), one from 4 letters, two from 8. Measured with bench/typo.ts.
 */
export function typoDistance(word: string): number {
  if (word.length < 4 || /\p{N}/u.test(word)) return 0;
  return word.length >= 8 ? 2 : 1;
}

/** Typed words whose close words are remembered at once. */
const MEMO_LIMIT = 256;

/** An indexed word within typo distance of a typed one: its stem, and the edits between them. */
export interface CloseWord {
  word: string;
  stem: string;
  distance: number;
}

/**
 * Typo tolerance on words as people type them: the words of the articles (the lexicon) within
 * Damerau distance of a typed word, where swapping two neighbouring letters is one edit.
 * minisearch's fuzzy lookup gives the Levenshtein neighbours and their distances; a swap is found
 * by looking up each swapped spelling with one edit less.
 */
export class Suggester {
  readonly #documents: Documents;
  readonly #postings: PostingsStore;
  readonly #lexicon: Lexicon;
  readonly #memo = new Map<string, readonly CloseWord[]>();
  #memoLexiconSize = -1;

  constructor(documents: Documents, postings: PostingsStore, lexicon: Lexicon) {
    this.#documents = documents;
    this.#postings = postings;
    this.#lexicon = lexicon;
  }

  /** Indexed words within typo distance of `typed` (a bare folded word), nearest first; never `typed` itself. */
  closeWords(typed: string): readonly CloseWord[] {
    // A search may ask twice (exact pass, typo pass) and "did you mean" once more: remember the last
    // few answers while the lexicon has not grown (it only grows, so its size tells).
    if (this.#memoLexiconSize !== this.#lexicon.size || this.#memo.size > MEMO_LIMIT) {
      this.#memo.clear();
      this.#memoLexiconSize = this.#lexicon.size;
    }
    let close = this.#memo.get(typed);
    if (close === undefined) {
      close = this.#findCloseWords(typed);
      this.#memo.set(typed, close);
    }
    return close;
  }

  #findCloseWords(typed: string): CloseWord[] {
    const maxDistance = typoDistance(typed);
    if (maxDistance === 0) return [];
    const found = new Map<string, number>();
    this.#lookUp(typed, maxDistance, 0, found);
    for (let i = 0; i + 1 < typed.length; i++) {
      if (typed[i] === typed[i + 1]) continue;
      const swapped = `${typed.slice(0, i)}${typed[i + 1]}${typed[i]}${typed.slice(i + 2)}`;
      this.#lookUp(swapped, maxDistance - 1, 1, found);
    }
    found.delete(typed);
    const close: CloseWord[] = [];
    for (const [word, distance] of found) {
      const stem = termOf(word);
      if (stem !== null) close.push({ word, stem, distance });
    }
    return close.sort((a, b) => a.distance - b.distance || (a.word < b.word ? -1 : 1));
  }

  /** Number of live articles containing the term (0 when it is not in the vocabulary). */
  articleCount(term: string): number {
    const termId = this.#postings.termId(term);
    return termId === undefined ? 0 : this.#liveCount(termId);
  }

  /**
   * "Did you mean": for each query word whose term no live article holds, the close words that
   * articles do hold, nearest and most common first (`limit` per word).
   */
  suggestions(query: { terms: readonly string[]; forms?: readonly string[] }, limit = 3): string[] {
    const suggestions: string[] = [];
    query.terms.forEach((term, i) => {
      if (this.articleCount(term) > 0) return;
      const typed = query.forms?.[i] ?? term;
      const ranked = this.closeWords(typed)
        .map((close) => ({ ...close, articles: this.articleCount(close.stem) }))
        .filter((close) => close.articles > 0)
        .sort((a, b) => a.distance - b.distance || b.articles - a.articles || (a.word < b.word ? -1 : 1));
      for (const close of ranked.slice(0, limit)) {
        if (!suggestions.includes(close.word)) suggestions.push(close.word);
      }
    });
    return suggestions;
  }

  /** Adds to `found` the words within `distance` edits of `spelling`, at `extra` + that many edits. */
  #lookUp(spelling: string, distance: number, extra: number, found: Map<string, number>): void {
    const note = (word: string, edits: number): void => {
      const known = found.get(word);
      if (known === undefined || edits < known) found.set(word, edits);
    };
    if (distance === 0) {
      if (this.#lexicon.has(spelling)) note(spelling, extra);
      return;
    }
    for (const [word, edits] of this.#lexicon.near(spelling, distance)) note(word, extra + edits);
  }

  /** How many live articles hold a term. */
  #liveCount(termId: number): number {
    const pairs = this.#postings.pairsOf(termId);
    const alive = this.#documents.table.alive;
    let count = 0;
    for (let i = 0; i < 2 * this.#postings.count(termId); i += 2) {
      if (alive[pairs[i] ?? 0] === 1) count++;
    }
    return count;
  }
}
