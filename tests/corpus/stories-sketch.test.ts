import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SlotBuckets } from '../../src/corpus/buckets.js';
import { SIGNATURE_SIZE, signatureAgreement, writeSignature } from '../../src/corpus/minhash.js';
import { fingerprint, mix32, SHINGLE_WORDS, sortedJaccard } from '../../src/corpus/shingles.js';

function signature(shingles: Uint32Array): Uint32Array {
  const out = new Uint32Array(SIGNATURE_SIZE);
  writeSignature(shingles, out, 0);
  return out;
}

describe('fingerprint', () => {
  it('ignores case, punctuation, quotes and spacing', () => {
    const a = fingerprint('Rates: on hold', ['The bank’s board met on Tuesday.', '"No change," it said.']);
    const b = fingerprint('RATES ON HOLD', ["the bank's board  met on tuesday no change it said"]);
    expect(b.contentKey).toBe(a.contentKey);
    expect([...b.shingles]).toEqual([...a.shingles]);
  });

  it('tells apart a different word, a different order and a different title/body split', () => {
    const base = fingerprint('Rates on hold', ['The board met on Tuesday']);
    expect(fingerprint('Rates on hold', ['The board met on Wednesday']).contentKey).not.toBe(base.contentKey);
    expect(fingerprint('Rates on hold', ['Tuesday the board met on']).contentKey).not.toBe(base.contentKey);
    expect(fingerprint('Rates on', ['hold The board met on Tuesday']).contentKey).not.toBe(base.contentKey);
  });

  it('makes one shingle per word position, and one for a text shorter than a shingle', () => {
    const words = Array.from({ length: 20 }, (_, i) => `w${i}`);
    // 3 title words + the title/body boundary + 20 body words.
    expect(fingerprint('one two three', [words.join(' ')]).shingles).toHaveLength(
      3 + 1 + 20 - SHINGLE_WORDS + 1,
    );
    expect(fingerprint('Hi', []).shingles).toHaveLength(1);
  });

  it('keeps accented and non-Latin words as words', () => {
    const polish = fingerprint('Władysław Kosiniak-Kamysz', []);
    const other = fingerprint('Wadysaw Kosiniak-Kamysz', []);
    expect(polish.titleTokens).toHaveLength(3);
    expect(polish.contentKey).not.toBe(other.contentKey);
  });
});

describe('MinHash signatures', () => {
  it('agree fully for equal sets and are the same on every run', () => {
    const { shingles } = fingerprint('Title', ['one two three four five six seven eight nine ten']);
    expect([...signature(shingles)]).toEqual([...signature(shingles.slice())]);
    expect(signatureAgreement(signature(shingles), 0, signature(shingles), 0)).toBe(1);
  });

  it('estimate the Jaccard similarity of two sets within a few standard errors', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 20, max: 400 }),
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 1, max: 2 ** 31 }),
        (shared, onlyA, onlyB, seed) => {
          // Distinct, well-spread 32-bit values, as real shingle hashes are.
          const value = (i: number) => mix32(i + seed);
          const a = Uint32Array.from({ length: shared + onlyA }, (_, i) => value(i)).sort();
          const b = Uint32Array.from({ length: shared + onlyB }, (_, i) =>
            value(i < shared ? i : i + onlyA),
          ).sort();
          const exact = sortedJaccard(a, b);
          const estimate = signatureAgreement(signature(a), 0, signature(b), 0);
          const standardError = Math.sqrt((exact * (1 - exact)) / SIGNATURE_SIZE);
          expect(Math.abs(estimate - exact)).toBeLessThanOrEqual(4 * standardError + 0.02);
        },
      ),
      { seed: 42, numRuns: 200 },
    );
  });

  it('give an empty set an all-zero signature', () => {
    expect(signature(new Uint32Array(0)).every((v) => v === 0)).toBe(true);
  });
});

describe('SlotBuckets', () => {
  function members(buckets: SlotBuckets, lane: number, key: number, limit = 100): number[] {
    const seen: number[] = [];
    buckets.forEach(lane, key, limit, (slot) => seen.push(slot));
    return seen;
  }

  it('lists a bucket newest first, per lane, up to a limit', () => {
    const buckets = new SlotBuckets(2);
    for (const slot of [0, 1, 2, 3]) buckets.add(slot, 0, 0xabcdef01);
    buckets.add(4, 1, 0xabcdef01);
    expect(members(buckets, 0, 0xabcdef01)).toEqual([3, 2, 1, 0]);
    expect(members(buckets, 0, 0xabcdef01, 2)).toEqual([3, 2]);
    expect(members(buckets, 1, 0xabcdef01)).toEqual([4]);
    expect(members(buckets, 0, 0x12345678)).toEqual([]);
  });

  it('removes slots from the head, middle and end of a bucket', () => {
    const buckets = new SlotBuckets(1);
    for (const slot of [0, 1, 2, 3, 4]) buckets.add(slot, 0, 7);
    buckets.remove(2, 0, 7);
    buckets.remove(4, 0, 7);
    buckets.remove(0, 0, 7);
    expect(members(buckets, 0, 7)).toEqual([3, 1]);
    buckets.remove(3, 0, 7);
    buckets.remove(1, 0, 7);
    expect(members(buckets, 0, 7)).toEqual([]);
    buckets.add(1, 0, 7);
    expect(members(buckets, 0, 7)).toEqual([1]);
  });
});
