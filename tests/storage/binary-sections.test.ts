import { describe, expect, it } from 'vitest';
import { decodeSections, encodeSections, viewAs } from '../../src/storage/binary-sections.js';

describe('binary sections', () => {
  const original = {
    header: { name: 'test', n: 3 },
    sections: [Uint32Array.of(1, 2, 0xffffffff), Float64Array.of(0.5, Number.NaN), Uint8Array.of(7)],
  };

  it('round-trips a header and typed arrays, viewable in place', () => {
    const decoded = decodeSections(encodeSections(original));
    expect(decoded?.header).toEqual(original.header);
    expect([...viewAs(decoded?.sections[0], Uint32Array)]).toEqual([1, 2, 0xffffffff]);
    expect([...viewAs(decoded?.sections[1], Float64Array)]).toEqual([0.5, Number.NaN]);
    expect([...viewAs(decoded?.sections[2], Uint8Array)]).toEqual([7]);
  });

  it('rejects a damaged or truncated file', () => {
    const bytes = encodeSections(original);
    const flipped = Buffer.from(bytes);
    flipped[flipped.length - 12] = (flipped[flipped.length - 12] ?? 0) ^ 1;
    expect(decodeSections(flipped)).toBeNull();
    expect(decodeSections(bytes.subarray(0, bytes.length - 8))).toBeNull();
    expect(decodeSections(Buffer.from('not a snapshot at all'))).toBeNull();
  });

  it('refuses to view a section as a type it does not divide into', () => {
    expect(() => viewAs(Uint8Array.of(1, 2, 3), Uint32Array)).toThrow();
  });
});
