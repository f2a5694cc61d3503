import { forEachWordIn, termsOfRaw } from '../search/analyzer.js';
import { type Sentence, splitSentences } from './sentences.js';

/** A word of a sentence: offsets into `BodySentence.text`, and its index term (null for a stopword). */
export interface SentenceToken {
  start: number;
  end: number;
  term: string | null;
}

/** A sentence of an article body, with its place in the article and its index terms. */
export interface BodySentence {
  /** The sentence with runs of whitespace collapsed to one space. */
  text: string;
  /** Position among all body sentences, chrome included, so that adjacent positions are adjacent text. */
  position: number;
  tokens: SentenceToken[];
  /** Index terms in order, stopwords dropped. */
  terms: string[];
  /** Headings, credits and other chrome: never shown as a sentence. */
  chrome: boolean;
}

const TERMINAL = /[.!?…]["'”’»)\]]*$/u;
const MIN_UNPUNCTUATED_WORDS = 6;
// Wire and photo credits: "ABC/wires", "Reuters/AP", "(AAP)", "Photo: Getty Images".
const CREDIT = /^\(?\s*(?:[\p{L}.&' ]{1,30}\/[\p{L}.&' /]{1,30}|AAP|AP|AFP|Reuters|PA)\s*\)?\.?$/u;
const MEDIA_CREDIT = /^(?:photo|picture|image|video|credit|source)s?\s*[:/]/iu;

/** Whether a "sentence" is a heading, credit or other line that is not prose. */
export function isChrome(text: string, wordCount: number): boolean {
  if (CREDIT.test(text) || MEDIA_CREDIT.test(text)) return true;
  return !TERMINAL.test(text) && wordCount < MIN_UNPUNCTUATED_WORDS;
}

/** Sentences worth showing or summarising: not chrome, and with at least one index term. */
export function isProse(sentence: BodySentence): boolean {
  return !sentence.chrome && sentence.terms.length > 0;
}

/** All sentences of the paragraphs, in article order, each analysed once. */
export function bodySentences(paragraphs: readonly string[]): BodySentence[] {
  return skimBody(paragraphs, () => true) as BodySentence[];
}

/** A sentence read only far enough to know where it is and whether it is prose (see isProse). */
export interface SkimmedSentence {
  text: string;
  position: number;
  prose: boolean;
}

/**
 * All sentences of the paragraphs, in article order: those `analyse` accepts analysed as by
 * bodySentences, the others only skimmed, which costs far less: a passage needs the words of only
 * the sentences that may hold its query's terms.
 */
export function skimBody(
  paragraphs: readonly string[],
  analyse: (text: string) => boolean,
): (BodySentence | SkimmedSentence)[] {
  // One pass over the whole body: blank lines keep paragraphs apart as sentence boundaries.
  const body = paragraphs.map((p) => p.replace(/\s+/g, ' ').trim()).join('\n\n');
  const termCache = new Map<string, string | null>();
  const termOfWord = (raw: string): string | null => {
    let term = termCache.get(raw);
    if (term === undefined) {
      term = termsOfRaw(raw)[0] ?? null;
      termCache.set(raw, term);
    }
    return term;
  };
  const out: (BodySentence | SkimmedSentence)[] = [];
  // Sentences end before whitespace and start after it, so no word crosses a sentence's edges.
  for (const s of splitSentences(body)) {
    if (!analyse(s.text)) {
      out.push({ text: s.text, position: out.length, prose: skimmedProse(body, s) });
      continue;
    }
    const tokens: SentenceToken[] = [];
    const terms: string[] = [];
    forEachWordIn(body, s.start, s.end, (raw, start) => {
      const term = termOfWord(raw);
      tokens.push({ start: start - s.start, end: start - s.start + raw.length, term });
      if (term !== null) terms.push(term);
      return true;
    });
    out.push({ text: s.text, position: out.length, tokens, terms, chrome: isChrome(s.text, tokens.length) });
  }
  return out;
}

/** Whether a sentence is prose, reading no more of its words than that takes. */
function skimmedProse(body: string, s: Sentence): boolean {
  // Only a sentence without closing punctuation is told apart by its number of words.
  let words = TERMINAL.test(s.text) ? MIN_UNPUNCTUATED_WORDS : 0;
  if (words === 0) {
    forEachWordIn(body, s.start, s.end, () => {
      words++;
      return true;
    });
  }
  if (isChrome(s.text, words)) return false;
  let hasTerm = false;
  forEachWordIn(body, s.start, s.end, (raw) => {
    hasTerm = termsOfRaw(raw)[0] !== undefined;
    return !hasTerm;
  });
  return hasTerm;
}
