import { describe, expect, it } from 'vitest';
import { DocTable } from '../../src/search/doc-table.js';
import { PostingsStore } from '../../src/search/postings.js';
import { decodeSections, encodeSections } from '../../src/storage/binary-sections.js';

const FIELD_BITS = [8, 8, 16];

function newStore(): { store: PostingsStore; table: DocTable } {
  const table = new DocTable(3);
  return { store: new PostingsStore(table, FIELD_BITS), table };
}

/** Adds a document given its fields as space-separated terms. */
function addDoc(store: PostingsStore, doc: number, ...fields: string[]): void {
  store.add(
    doc,
    fields.map((text) =>
      text
        .split(' ')
        .filter(Boolean)
        .map((term) => store.idOf(term)),
    ),
  );
}

/** term → [doc, title tf, lead tf, body tf] rows, read back through the public accessors. */
function postingsOf(store: PostingsStore, term: string): number[][] {
  const id = store.termId(term);
  if (id === undefined) return [];
  const pairs = store.pairsOf(id);
  const rows: number[][] = [];
  for (let i = 0; i < store.count(id); i++) {
    const packed = pairs[2 * i + 1] ?? 0;
    rows.push([pairs[2 * i] ?? 0, ...[0, 1, 2].map((f) => (packed >>> store.shift(f)) & store.mask(f))]);
  }
  return rows;
}

describe('PostingsStore', () => {
  it('records per-field frequencies, document frequencies and field lengths', () => {
    const { store, table } = newStore();
    addDoc(store, 0, 'wind farm', 'wind power wind', 'farm farm grid');
    addDoc(store, 1, 'ferry', '', 'wind ferry');
    expect(postingsOf(store, 'wind')).toEqual([
      [0, 1, 2, 0],
      [1, 0, 0, 1],
    ]);
    expect(postingsOf(store, 'farm')).toEqual([[0, 1, 0, 2]]);
    const wind = store.termId('wind') ?? -1;
    expect([0, 1, 2].map((f) => store.fieldDf(wind, f))).toEqual([1, 1, 1]);
    // Field length counts distinct terms, as minisearch does.
    expect([0, 1, 2].map((f) => table.fieldLength[f]?.[0])).toEqual([2, 2, 2]);
    expect(store.documentCount).toBe(2);
    expect(store.averageFieldLength(2)).toBe(2);
  });

  it('saturates a frequency at the bits of its field instead of spilling into the next', () => {
    const { store } = newStore();
    addDoc(store, 0, Array(300).fill('gol').join(' '), 'gol', '');
    expect(postingsOf(store, 'gol')).toEqual([[0, 255, 1, 0]]);
  });

  it('removes by tombstone, then compaction drops dead postings and terms only dead documents held', () => {
    const { store, table } = newStore();
    addDoc(store, 0, 'harbour tunnel', '', 'opens today');
    addDoc(store, 1, 'harbour ferry', '', 'fares rise');
    addDoc(store, 2, 'stadium', '', 'plan');
    store.remove(1);
    expect(table.alive[1]).toBe(0);
    expect(store.documentCount).toBe(2);
    // Until compaction the postings (and document frequencies) still include the removed document.
    expect(postingsOf(store, 'harbour').map((row) => row[0])).toEqual([0, 1]);
    expect(store.fieldDf(store.termId('harbour') ?? -1, 0)).toBe(2);

    store.compact();
    expect(postingsOf(store, 'harbour').map((row) => row[0])).toEqual([0]);
    expect(store.fieldDf(store.termId('harbour') ?? -1, 0)).toBe(1);
    expect(store.termId('ferry')).toBeUndefined();
    expect([...store.closeTerms('ferri', 1).keys()]).not.toContain('ferry');
    expect(postingsOf(store, 'stadium')).toEqual([[2, 1, 0, 0]]);

    // A new term may take a freed number; the old term's postings do not come back with it.
    addDoc(store, 3, 'lighthouse', '', 'ferry');
    expect(postingsOf(store, 'ferry')).toEqual([[3, 0, 0, 1]]);
    expect(postingsOf(store, 'fares')).toEqual([]);
  });

  it('round-trips an empty store', () => {
    const decoded = decodeSections(encodeSections(newStore().store.toSections()));
    const restored = PostingsStore.fromSections(new DocTable(3), decoded as NonNullable<typeof decoded>);
    expect(restored.documentCount).toBe(0);
    addDoc(restored, 0, 'first', '', '');
    expect(postingsOf(restored, 'first')).toEqual([[0, 1, 0, 0]]);
  });

  it('round-trips through binary sections, and keeps growing after a load', () => {
    const { store } = newStore();
    addDoc(store, 0, 'wind farm', 'offshore wind', 'turbines');
    addDoc(store, 1, 'ferry fares', '', 'wind');
    addDoc(store, 2, 'temporary', '', 'item');
    store.remove(2);
    const decoded = decodeSections(encodeSections(store.toSections()));
    expect(decoded).not.toBeNull();
    const table = new DocTable(3);
    const restored = PostingsStore.fromSections(table, decoded as NonNullable<typeof decoded>);
    for (const term of ['wind', 'farm', 'offshore', 'ferry', 'temporary']) {
      expect(postingsOf(restored, term)).toEqual(postingsOf(store, term));
    }
    expect(restored.documentCount).toBe(2);
    expect(restored.averageFieldLength(0)).toBeCloseTo(store.averageFieldLength(0));
    expect(table.alive[2]).toBe(0);
    expect([...restored.closeTerms('windd', 1).keys()]).toEqual(['wind']);
    addDoc(restored, 3, 'wind', '', '');
    expect(postingsOf(restored, 'wind').map((row) => row[0])).toEqual([0, 1, 3]);
  });
});
