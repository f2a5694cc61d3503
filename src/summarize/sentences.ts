import {
  INNER_ABBREVIATIONS,
  NAME_TITLES,
  NUMBER_PREFIXES,
  SENTENCE_STARTERS,
  TIME_ABBREVIATIONS,
  TIME_CONTINUATIONS,
} from './abbreviations.js';

/** One sentence of a text: `text === input.slice(start, end)`, without surrounding whitespace. */
export interface Sentence {
  text: string;
  start: number;
  end: number;
}

// Terminal punctuation, then any closing quotes or brackets, then the whitespace that must follow.
const BOUNDARY_CANDIDATE = /[.!?…]+["'”’»)\]]*(?=\s|$)/gu;
// A blank line always ends a sentence, punctuation or not (headings, list items).
const PARAGRAPH_BREAK = /\n[ \t\r\f\v]*\n\s*/g;
// The word a full stop closes, dots included ("U.S", "a.m"); abbreviations are short, so look back a little.
const WORD_BEFORE_STOP = /[\p{L}\p{N}'’.-]*$/u;
const LOOK_BACK = 24;
// Sticky patterns read what follows a candidate boundary in place, without copying the rest of the text.
const ONLY_SPACE_LEFT = /\s*$/y;
const LOWER_CASE_NEXT = /\s*["'“‘«([]*\p{Ll}/uy;
const SENTENCE_OPENING_NEXT = /\s*["'“‘«([]*[\p{Lu}\p{N}£$€¥¿¡]/uy;
const NEXT_WORD = /\s*["'“‘«([]*([\p{L}\p{N}']*)/uy;
const SINGLE_STOP = /^\.["'”’»)\]]*$/u;
const DOTTED_ACRONYM = /^\p{L}{1,3}(?:\.\p{L}{1,3})+$/u;
const INITIAL = /^\p{Lu}$/u;

/** Split news text into sentences, knowing its abbreviations, initials, decimals, quotes and ellipses. */
export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  let blockStart = 0;
  for (const gap of text.matchAll(PARAGRAPH_BREAK)) {
    splitBlock(text, blockStart, gap.index, sentences);
    blockStart = gap.index + gap[0].length;
  }
  splitBlock(text, blockStart, text.length, sentences);
  return sentences;
}

function splitBlock(text: string, from: number, to: number, out: Sentence[]): void {
  const block = text.slice(from, to);
  let sentenceStart = 0;
  for (const m of block.matchAll(BOUNDARY_CANDIDATE)) {
    const end = m.index + m[0].length;
    if (endsSentence(block, m.index, m[0], end)) {
      pushTrimmed(text, from + sentenceStart, from + end, out);
      sentenceStart = end;
    }
  }
  pushTrimmed(text, from + sentenceStart, to, out);
}

/** Whether the punctuation run `mark` at `at` (ending at `end`) closes a sentence. */
function endsSentence(block: string, at: number, mark: string, end: number): boolean {
  if (matchesAt(ONLY_SPACE_LEFT, block, end)) return true;
  // A lower-case continuation ("e.g. this", "Yahoo! said", "… and then") never starts a sentence.
  if (matchesAt(LOWER_CASE_NEXT, block, end)) return false;
  if (!matchesAt(SENTENCE_OPENING_NEXT, block, end)) return false;
  // Only a single full stop can belong to an abbreviation; "?", "!" and ellipses end the sentence.
  if (!SINGLE_STOP.test(mark)) return true;
  const before = block.slice(Math.max(0, at - LOOK_BACK), at);
  const word = (WORD_BEFORE_STOP.exec(before)?.[0] ?? '').replace(/^[.\-']+/, '');
  if (word.length === 0) return true;
  const key = word.toLowerCase().replace(/’/g, "'");
  NEXT_WORD.lastIndex = end;
  const nextWord = (NEXT_WORD.exec(block)?.[1] ?? '').toLowerCase();
  if (NAME_TITLES.has(key)) return false;
  if (NUMBER_PREFIXES.has(key)) return !/^\p{N}/u.test(nextWord);
  if (TIME_ABBREVIATIONS.has(key)) return !TIME_CONTINUATIONS.has(nextWord);
  if (INNER_ABBREVIATIONS.has(key) || DOTTED_ACRONYM.test(word) || INITIAL.test(word)) {
    return SENTENCE_STARTERS.has(nextWord);
  }
  return true;
}

function matchesAt(sticky: RegExp, text: string, at: number): boolean {
  sticky.lastIndex = at;
  return sticky.test(text);
}

function pushTrimmed(text: string, start: number, end: number, out: Sentence[]): void {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text.charAt(s))) s++;
  while (e > s && /\s/.test(text.charAt(e - 1))) e--;
  if (e > s) out.push({ text: text.slice(s, e), start: s, end: e });
}
