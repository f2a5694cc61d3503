import { phraseTerms } from './analyzer.js';
import { FIELDS, type Field, type FieldTexts } from './index-fields.js';
import { lowerBound, type PostingsStore } from './postings.js';
import { containsRun } from './ranking.js';

/**
 * "Exact phrases": an article matches when one of its fields holds the phrase's terms side by side.
 * Postings say which fields hold all of a phrase's words; only those fields' text is read.
 */
export class PhraseMatcher {
  readonly #postings: PostingsStore;

  constructor(postings: PostingsStore) {
    this.#postings = postings;
  }

  /** Bit i set for each query term i that is part of a phrase: a match must hold all of these. */
  phraseMask(terms: readonly string[], phrases: readonly (readonly string[])[]): number {
    let mask = 0;
    for (const phrase of phrases) {
      for (const term of phrase) {
        const i = terms.indexOf(term);
        if (i >= 0) mask |= 1 << i;
      }
    }
    return mask;
  }

  /**
   * Whether the article's indexed text holds every phrase. A field is read only for the phrases whose
   * terms its postings all hold: a phrase's words are indexed terms of the field it occurs in.
   */
  hasPhrases(doc: number, phrases: readonly (readonly string[])[], texts: FieldTexts): boolean {
    const possible = phrases.map((phrase) => this.#fieldsHoldingAll(doc, phrase));
    let pending = phrases.map((_, p) => p);
    // Field by field, title first: most phrase matches are found before the long body is read.
    for (let f = 0; f < FIELDS.length && pending.length > 0; f++) {
      const bit = 1 << f;
      if (!pending.some((p) => ((possible[p] ?? 0) & bit) !== 0)) continue;
      const fields = texts.of(doc);
      if (fields === undefined) return false;
      const terms = phraseTerms(fields[FIELDS[f] as Field]);
      pending = pending.filter(
        (p) => ((possible[p] ?? 0) & bit) === 0 || !containsRun(terms, phrases[p] ?? []),
      );
    }
    return pending.length === 0;
  }

  /** Bit f set when field f of the document holds every term of the list (by its postings). */
  #fieldsHoldingAll(doc: number, terms: readonly string[]): number {
    const postings = this.#postings;
    let fields = (1 << FIELDS.length) - 1;
    for (const term of terms) {
      const termId = postings.termId(term);
      if (termId === undefined) return 0;
      const count = postings.count(termId);
      const pairs = postings.pairsOf(termId);
      const i = lowerBound(pairs, count, doc);
      const packed = i < count && pairs[2 * i] === doc ? (pairs[2 * i + 1] ?? 0) : 0;
      FIELDS.forEach((_, f) => {
        if (((packed >>> postings.shift(f)) & postings.mask(f)) === 0) fields &= ~(1 << f);
      });
      if (fields === 0) return 0;
    }
    return fields;
  }
}
