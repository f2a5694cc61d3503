import SearchableMap from 'minisearch/SearchableMap';
import { viewAs } from '../storage/binary-sections.js';

/**
 * Every word the articles were written with (bare and folded, see analyzer.ts `bareWord`), whatever
 * the field: what typo tolerance and "did you mean" compare a typed word with, since stems are not
 * what people type ("housng" is one edit from "housing", two from its stem "hous"). It holds words,
 * not postings, and only grows: a word whose articles are all gone finds nothing and is never
 * suggested, because suggestions are checked against the live postings.
 *
 * minisearch's SearchableMap (a radix tree) gives the words within a Levenshtein distance, with it.
 */
export class Lexicon {
  #words = new SearchableMap<true>();

  get size(): number {
    return this.#words.size;
  }

  add(word: string): void {
    this.#words.set(word, true);
  }

  has(word: string): boolean {
    return this.#words.has(word);
  }

  /** Words within `distance` edits (insertions, deletions, substitutions) of `spelling`: word → edits. */
  near(spelling: string, distance: number): Map<string, number> {
    const found = new Map<string, number>();
    for (const [word, [, edits]] of this.#words.fuzzyGet(spelling, distance)) found.set(word, edits);
    return found;
  }

  /** The words, one per line, as one section of a snapshot. */
  toSection(): Uint8Array {
    return Buffer.from([...this.#words.keys()].join('\n'), 'utf8');
  }

  static fromSection(section: ArrayBufferView | undefined): Lexicon {
    const lexicon = new Lexicon();
    const text = new TextDecoder().decode(viewAs(section, Uint8Array));
    if (text !== '') for (const word of text.split('\n')) lexicon.add(word);
    return lexicon;
  }
}
