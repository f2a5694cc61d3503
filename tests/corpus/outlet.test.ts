import { describe, expect, it } from 'vitest';
import { creditOutlet, outletNames, outletOf } from '../../src/corpus/outlet.js';

const article = (source: string | null, credit: string | null, url: string | null = null) => ({
  source,
  credit,
  url,
});

describe('outletOf', () => {
  it('prefers the outlet, then the credit, then the link host, else nothing', () => {
    expect(outletOf(article('Perth Now', 'Reuters'))).toEqual({ name: 'Perth Now', from: 'source' });
    expect(outletOf(article(null, 'ABC/wires'))).toEqual({ name: 'ABC', from: 'credit' });
    expect(outletOf(article(null, null, 'https://www.abc.net.au/news/x'))).toEqual({
      name: 'abc.net.au',
      from: 'link',
    });
    expect(outletOf(article(null, null))).toBeNull();
    expect(outletOf(article(null, 'wires'))).toBeNull();
  });
});

describe('creditOutlet', () => {
  it.each([
    ['ABC/wires', 'ABC'],
    ['AAP', 'AAP'],
    ['Reuters, AFP', 'Reuters'],
    ['wires / AAP', 'AAP'],
    ['AAP with staff writers', 'AAP'],
    ['Staff writers', null],
  ])('%s → %s', (credit, outlet) => {
    expect(creditOutlet(credit)).toBe(outlet);
  });
});

describe('outletNames', () => {
  it('gives what a source: filter matches: the outlet and the credit, once each', () => {
    expect(outletNames(article('Perth Now', 'Reuters'))).toEqual(['Perth Now', 'Reuters']);
    expect(outletNames(article(null, 'ABC/wires'))).toEqual(['ABC']);
    expect(outletNames(article('AAP', 'AAP'))).toEqual(['AAP']);
  });
});
