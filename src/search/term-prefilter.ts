import { termOf } from './analyzer.js';
import { DEMONYMS } from './demonyms.js';

/**
 * Beyond printable ASCII and General Punctuation (curly quotes, dashes, ellipses), folding may change
 * a word's first letters.
 */
const BEYOND_ASCII = /[^\n -~\u2000-\u206F]/;

/**
 * A test that rules out, with one pattern match, texts holding no word whose primary index term (as
 * `termOf` gives it) is one of `terms`; a text it passes may or may not hold one. Unlike the proximity
 * scanner it never misses: in ASCII text a word's primary term begins with the word's first two
 * letters (lower-cased, with the apostrophes, commas and dots that analysis drops or turns into a
 * hyphen in between) or with a demonym's, since stemming changes only endings; text with other
 * letters always passes.
 */
export function mayHoldTerms(terms: readonly string[]): (text: string) => boolean {
  const needles = new Set(terms.map(beginningOf));
  for (const [demonym, place] of demonymPlaces()) {
    if (terms.some((t) => t === place || t.startsWith(`${place}-`))) needles.add(beginningOf(demonym));
  }
  if (needles.size === 0) return () => false;
  const pattern = new RegExp([...needles].join('|'), 'i');
  return (text) => BEYOND_ASCII.test(text) || pattern.test(text);
}

let placeOfDemonym: [string, string][] | null = null;

/** Each demonym with the index term of its place ("dutch", "netherland"), worked out once. */
function demonymPlaces(): readonly [string, string][] {
  if (placeOfDemonym === null) {
    placeOfDemonym = [];
    for (const demonym of DEMONYMS.keys()) {
      const place = termOf(demonym);
      if (place !== null) placeOfDemonym.push([demonym, place]);
    }
  }
  return placeOfDemonym;
}

/** A pattern for how a word with this primary term begins as written. */
function beginningOf(term: string): string {
  const [first = '', second] = term;
  if (second === undefined) return escapeRegExp(first);
  // "U.S" is "us", "1,000" is "1000", "O'Neill" is "oneil"; "e.mail" is the compound "e-mail".
  const next = second === '-' ? "['’,]*[.-]" : `['’,.]*${escapeRegExp(second)}`;
  return `${escapeRegExp(first)}${next}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
