import { formTerm } from './analyzer.js';
import type { Documents } from './documents.js';
import { articleFields, type Field, type FieldSizes, type FieldTexts } from './index-fields.js';
import { PhraseMatcher } from './phrases.js';
import type { PostingsStore } from './postings.js';
import type { FilterQuery, QueryFilter } from './query-filter.js';
import type { StoryHit } from './ranking.js';
import type { Scorer } from './scorer.js';
import { StoryCollapser } from './story-collapse.js';
import type { Suggester } from './suggester.js';
import { topK } from './top-k.js';

/** What the index is asked: analyzed terms and filters (see search/query.ts). */
export interface IndexQuery extends FilterQuery {
  terms: readonly string[];
  /**
   * For each term, the word as typed (bare and folded, see query.ts): an article holding this very
   * form ranks above one holding only another form of the stem, and typos are matched on it.
   * Without it, terms stand for themselves.
   */
  forms?: readonly string[];
  phrases: readonly (readonly string[])[];
}

/** One page of story results, and how many stories and articles matched in all. */
export interface SearchPage {
  total: number;
  articles: number;
  stories: StoryHit[];
  /** True when typo-tolerant matching found some of these (a word is unknown, or the exact words found too few). */
  fuzzy: boolean;
}

/**
 * Phrases are checked against the text of at most this many best candidates (holding all the
 * phrase's words): enough for several pages, and a bound on the cost. `total` then counts the
 * phrase matches among them.
 */
const MAX_PHRASE_CHECKS = 100;

/** Weight of a typo match relative to an exact one (minisearch's own default), scaled as minisearch does by length / (length + edits). */
const FUZZY_WEIGHT = 0.45;

/**
 * One pass of a search, in order: BM25 from the postings of the query's terms (and, in the
 * typo-tolerant pass, of their close terms); the query filter; phrases; the all-terms bonus and
 * recency; the proximity re-rank of the best; one result per story.
 */
export class Retriever {
  readonly #documents: Documents;
  readonly #postings: PostingsStore;
  readonly #scorer: Scorer;
  readonly #suggester: Suggester;
  readonly #sizes: FieldSizes;
  readonly #filter: QueryFilter;
  readonly #phrases: PhraseMatcher;
  readonly #stories: StoryCollapser;

  constructor(parts: {
    documents: Documents;
    postings: PostingsStore;
    scorer: Scorer;
    suggester: Suggester;
    filter: QueryFilter;
    sizes: FieldSizes;
  }) {
    this.#documents = parts.documents;
    this.#postings = parts.postings;
    this.#scorer = parts.scorer;
    this.#suggester = parts.suggester;
    this.#filter = parts.filter;
    this.#sizes = parts.sizes;
    this.#phrases = new PhraseMatcher(parts.postings);
    this.#stories = new StoryCollapser(parts.documents);
  }

  /**
   * One search pass. Terms no live article holds are always matched through their close words; with
   * `expandAll`, every term long enough is. Articles are then ranked first by how many query words
   * they hold exactly, so a typo match never outranks an exact one.
   */
  run(
    query: IndexQuery,
    nowMs: number,
    page: { offset: number; limit: number },
    expandAll: boolean,
  ): SearchPage {
    const scorer = this.#scorer;
    scorer.begin();
    const touched: number[] = [];
    const termIds = query.terms.map((term) => this.#postings.termId(term));
    const common = scorer.commonTerms(termIds);
    let expanded = false;
    const { formWeight } = scorer.options;
    const formBoosts: { termId: number; bit: number; weight: number }[] = [];
    query.terms.forEach((term, i) => {
      const bit = 1 << i;
      const exact = termIds[i];
      const typed = query.forms?.[i] ?? term;
      if (exact !== undefined && !common[i]) scorer.accumulate(exact, 1, bit, touched, true);
      const form = this.#postings.termId(formTerm(typed));
      if (form !== undefined) formBoosts.push({ termId: form, bit, weight: formWeight });
      // A term whose postings are all of removed articles counts as known: the typo pass of a search
      // with few hits still reaches it.
      const known = exact !== undefined && this.#postings.count(exact) > 0;
      if (known && !expandAll) return;
      const stems = new Map<string, number>();
      for (const close of this.#suggester.closeWords(typed)) {
        if (close.stem === term) continue;
        const weight = (FUZZY_WEIGHT * typed.length) / (typed.length + close.distance);
        const closeForm = this.#postings.termId(formTerm(close.word));
        if (closeForm !== undefined) formBoosts.push({ termId: closeForm, bit, weight });
        if (weight > (stems.get(close.stem) ?? 0)) stems.set(close.stem, weight);
      }
      for (const [stem, weight] of stems) {
        const termId = this.#postings.termId(stem);
        if (termId === undefined) continue;
        scorer.accumulate(termId, weight, bit, touched, false);
        expanded = true;
      }
    });
    const candidates = touched.length;
    termIds.forEach((termId, i) => {
      if (termId !== undefined && common[i])
        scorer.accumulateOnCandidates(termId, 1, 1 << i, touched, candidates, true);
    });
    for (const boost of formBoosts)
      scorer.accumulateOnCandidates(boost.termId, boost.weight, 0, touched, candidates, false);
    this.#filter.prepare(query);
    const texts = this.#fieldTexts();
    const kept = this.#keep(query, nowMs, touched, texts);
    scorer.addProximity(query.terms, termIds, kept, texts);
    if (expanded) scorer.rankExactFirst(kept);
    const { total, stories } = this.#stories.collapse(kept, scorer.score, page);
    return { total, articles: kept.length, stories, fuzzy: expanded };
  }

  /** Applies the query filter and phrases; turns BM25 sums into final scores. */
  #keep(query: IndexQuery, nowMs: number, touched: readonly number[], texts: FieldTexts): number[] {
    const scorer = this.#scorer;
    const filter = this.#filter;
    const phraseMask = this.#phrases.phraseMask(query.terms, query.phrases);
    const n = query.terms.length;
    const kept: number[] = [];
    for (const doc of touched) {
      if (!filter.accepts(doc)) continue;
      if (((scorer.mask[doc] ?? 0) & phraseMask) !== phraseMask) continue;
      scorer.finish(doc, n, nowMs);
      kept.push(doc);
    }
    if (query.phrases.length === 0) return kept;
    // Adjacency needs the text: check the best candidates only.
    const best = topK(kept, MAX_PHRASE_CHECKS, (doc) => scorer.score[doc] ?? 0);
    return best.filter((doc) => this.#phrases.hasPhrases(doc, query.phrases, texts));
  }

  /** The indexed texts of one search's candidates, each built once however often it is read. */
  #fieldTexts(): FieldTexts {
    const built = new Map<number, Record<Field, string> | undefined>();
    return {
      of: (doc) => {
        if (built.has(doc)) return built.get(doc);
        const article = this.#documents.articleAt(doc);
        const fields = article === undefined ? undefined : articleFields(article, this.#sizes);
        built.set(doc, fields);
        return fields;
      },
    };
  }
}
