import { forEachWordAt, termsOfRaw } from '../search/analyzer.js';
import { splitSentences } from './sentences.js';

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

/** All sentences of the paragraphs, in article order, each analysed once. */
export function bodySentences(paragraphs: readonly string[]): BodySentence[] {
  // One pass over the whole body: blank lines keep paragraphs apart as sentence boundaries.
  const body = paragraphs.map((p) => p.replace(/\s+/g, ' ').trim()).join('\n\n');
  // Words as written with their offsets: each distinct spelling is analysed once (no folding per word).
  const starts: number[] = [];
  const ends: number[] = [];
  const wordTerms: (string | null)[] = [];
  const termCache = new Map<string, string | null>();
  forEachWordAt(body, (raw, start) => {
    let term = termCache.get(raw);
    if (term === undefined) {
      term = termsOfRaw(raw)[0] ?? null;
      termCache.set(raw, term);
    }
    starts.push(start);
    ends.push(start + raw.length);
    wordTerms.push(term);
  });
  const out: BodySentence[] = [];
  let w = 0;
  for (const s of splitSentences(body)) {
    while (w < starts.length && (starts[w] as number) < s.start) w++;
    const tokens: SentenceToken[] = [];
    const terms: string[] = [];
    for (; w < starts.length && (ends[w] as number) <= s.end; w++) {
      const term = wordTerms[w] ?? null;
      tokens.push({ start: (starts[w] as number) - s.start, end: (ends[w] as number) - s.start, term });
      if (term !== null) terms.push(term);
    }
    out.push({ text: s.text, position: out.length, tokens, terms, chrome: isChrome(s.text, tokens.length) });
  }
  return out;
}
