import { describe, expect, it } from 'vitest';
import { decodeBytes } from '../../../src/corpus/readers/decode.js';

describe('decodeBytes', () => {
  it('reads UTF-8 and drops the BOM', () => {
    expect(decodeBytes(Buffer.from('\uFEFFcafé', 'utf8'))).toEqual({ text: 'café', latin1Line: null });
  });

  it('falls back to Latin-1 and names the line of the first bad byte', () => {
    const bytes = Buffer.concat([Buffer.from('ok\nstill ok\ncaf'), Buffer.from([0xe9]), Buffer.from('\n')]);
    expect(decodeBytes(bytes)).toEqual({ text: 'ok\nstill ok\ncafé\n', latin1Line: 3 });
  });
});
