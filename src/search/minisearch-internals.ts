import type MiniSearch from 'minisearch';

/** Short document id → term frequency, for one term in one field. */
export type Postings = ReadonlyMap<number, number>;
/** Field id → postings, for one term. */
export type TermData = ReadonlyMap<number, Postings>;

/**
 * Read access to the inverted index inside a MiniSearch 7 instance.
 *
 * Why: minisearch's own search() builds a result object per matching document and sorts them all,
 * which costs ~100 ms for a ten-word query over 100,000 articles. Scoring straight from the postings
 * into typed arrays (see news-index.ts) is ten times faster. Minisearch still owns the index: adding,
 * discarding, vacuuming and serialisation. The fields read here are checked once, so a minisearch
 * release that renames them fails loudly in tests instead of searching wrongly.
 */
export interface MiniSearchInternals {
  termData(term: string): TermData | undefined;
  /** Index terms within `maxDistance` edits of `term`, with their data and distance. */
  closeTerms(term: string, maxDistance: number): Map<string, [TermData, number]>;
  shortIdOf(id: string): number | undefined;
  /** Per-field lengths (distinct terms) of a document, by field id. */
  fieldLengths(shortId: number): readonly number[] | undefined;
  averageFieldLength(fieldId: number): number;
  fieldId(field: string): number;
  readonly documentCount: number;
}

interface RawMiniSearch {
  _index: {
    get(term: string): TermData | undefined;
    fuzzyGet(term: string, d: number): Map<string, [TermData, number]>;
  };
  _idToShortId: Map<string, number>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _fieldIds: Record<string, number>;
  _documentCount: number;
}

export function internalsOf(minisearch: MiniSearch<unknown>): MiniSearchInternals {
  const raw = minisearch as unknown as RawMiniSearch;
  const shapeOk =
    typeof raw._index?.get === 'function' &&
    typeof raw._index.fuzzyGet === 'function' &&
    raw._idToShortId instanceof Map &&
    raw._fieldLength instanceof Map &&
    Array.isArray(raw._avgFieldLength) &&
    typeof raw._fieldIds === 'object';
  if (!shapeOk) throw new Error('unsupported minisearch version: its index layout has changed');
  return {
    // The index object is replaced by loadJS and vacuuming never replaces it, but read it late anyway.
    termData: (term) => raw._index.get(term),
    closeTerms: (term, maxDistance) => raw._index.fuzzyGet(term, maxDistance),
    shortIdOf: (id) => raw._idToShortId.get(id),
    fieldLengths: (shortId) => raw._fieldLength.get(shortId),
    averageFieldLength: (fieldId) => raw._avgFieldLength[fieldId] ?? 1,
    fieldId: (field) => {
      const id = raw._fieldIds[field];
      if (id === undefined) throw new Error(`unknown field ${field}`);
      return id;
    },
    get documentCount() {
      return raw._documentCount;
    },
  };
}
