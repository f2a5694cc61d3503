import { mix32 } from './shingles.js';

/**
 * MinHash signatures by one-permutation hashing with optimal densification
 * (Li, Owen & Zhang 2012; Shrivastava 2017): each shingle hash is looked at once, its top bits
 * choose one of SIGNATURE_SIZE bins and the bin keeps its smallest hash. Bins that no shingle
 * fell into borrow the value of another bin chosen by a fixed probe sequence, so that short texts
 * still get a full signature. The share of positions where two signatures agree estimates the
 * Jaccard similarity of the two shingle sets, and equal runs of positions are what LSH bands hash.
 *
 * Cost is O(shingles + SIGNATURE_SIZE) per article instead of O(shingles × SIGNATURE_SIZE) for
 * classic k-permutation MinHash; that is what makes 100,000 articles take seconds.
 */

/** Positions per signature (a power of two). The standard error of a Jaccard estimate is √(J(1−J)/128) ≤ 0.044. */
export const SIGNATURE_SIZE = 128;
const BIN_SHIFT = 32 - Math.log2(SIGNATURE_SIZE);

const binFilled = new Uint8Array(SIGNATURE_SIZE);

/**
 * Writes the signature of a set of shingle hashes into `out[offset .. offset + SIGNATURE_SIZE)`.
 * An empty set gives an all-zero signature (callers treat such articles as unmatchable).
 */
export function writeSignature(shingles: Uint32Array, out: Uint32Array, offset: number): void {
  binFilled.fill(0);
  out.fill(0xffffffff, offset, offset + SIGNATURE_SIZE);
  for (let i = 0; i < shingles.length; i++) {
    const h = shingles[i] ?? 0;
    const bin = h >>> BIN_SHIFT;
    binFilled[bin] = 1;
    if (h < (out[offset + bin] ?? 0)) out[offset + bin] = h;
  }
  if (shingles.length === 0) {
    out.fill(0, offset, offset + SIGNATURE_SIZE);
    return;
  }
  for (let bin = 0; bin < SIGNATURE_SIZE; bin++) {
    if (binFilled[bin]) continue;
    // The probe sequence depends only on (bin, attempt), never on the text: that keeps agreement
    // between two densified signatures an unbiased Jaccard estimate.
    for (let attempt = 1; ; attempt++) {
      const donor = mix32(Math.imul(bin + 1, 0x9e3779b1) ^ Math.imul(attempt, 0x85ebca6b)) >>> BIN_SHIFT;
      if (binFilled[donor]) {
        out[offset + bin] = out[offset + donor] ?? 0;
        break;
      }
    }
  }
}

/** Share of positions where two signatures (in `a` at `aOffset`, in `b` at `bOffset`) agree. */
export function signatureAgreement(a: Uint32Array, aOffset: number, b: Uint32Array, bOffset: number): number {
  let same = 0;
  for (let i = 0; i < SIGNATURE_SIZE; i++) if (a[aOffset + i] === b[bOffset + i]) same++;
  return same / SIGNATURE_SIZE;
}
