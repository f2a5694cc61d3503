import { describe, expect, it } from 'vitest';
import { analyze, foldWord, phraseTerms, termOf, tokenize } from '../../src/search/analyzer.js';

describe('foldWord', () => {
  it('lower-cases and folds diacritics, including letters without a decomposition', () => {
    expect(foldWord('Władysław')).toBe('wladyslaw');
    expect(foldWord('Øresund')).toBe('oresund');
    expect(foldWord('Straße')).toBe('strasse');
    expect(foldWord('Café')).toBe('cafe');
    expect(foldWord('Zelenskyy’s')).toBe("zelenskyy's");
  });
});

describe('tokenize', () => {
  it('keeps offsets into the original text', () => {
    const text = 'Kosiniak-Kamysz met U.S. officials';
    const tokens = tokenize(text);
    expect(tokens.map((t) => text.slice(t.start, t.end))).toEqual([
      'Kosiniak-Kamysz',
      'met',
      'U.S',
      'officials',
    ]);
  });
});

describe('analyze', () => {
  it('treats possessives, plain forms and demonyms of a place alike', () => {
    const [ukraine] = analyze('Ukraine');
    expect(analyze("Ukraine's Ukrainian ukrainians")).toEqual([ukraine, ukraine, ukraine]);
    expect(termOf('russian')).toBe(termOf('russia'));
    expect(termOf('british')).toBe(termOf('britain'));
    expect(termOf('australians')).toBe(termOf('australia'));
  });

  it('drops stopwords', () => {
    expect(analyze('the and of which would')).toEqual([]);
    expect(termOf('the')).toBeNull();
  });

  it('keeps numbers and dotted abbreviations searchable', () => {
    expect(analyze('3.5 per cent of 1,000 U.S. voters')).toEqual([
      '3.5',
      'cent',
      '1000',
      'us',
      termOf('voters'),
    ]);
  });

  it('indexes hyphenated names whole and by their parts', () => {
    expect(analyze('Kosiniak-Kamysz')).toEqual(['kosiniak-kamysz', 'kosiniak', 'kamysz']);
    expect(termOf('Kosiniak-Kamysz'.toLowerCase())).toBe('kosiniak-kamysz');
  });

  it('stems so that inflections meet', () => {
    expect(termOf('elections')).toBe(termOf('election'));
    expect(termOf('ministers')).toBe(termOf('minister'));
  });

  it('gives one primary term per word for phrases', () => {
    expect(phraseTerms('The prime minister of Kosiniak-Kamysz')).toEqual([
      termOf('prime'),
      termOf('minister'),
      'kosiniak-kamysz',
    ]);
  });
});
