import type { Highlight, Passage } from '../answer-types.js';
import type { Article } from '../corpus/article.js';
import { mayHoldTerms } from '../search/term-prefilter.js';
import { type BodySentence, bodySentences, isProse, type SkimmedSentence, skimBody } from './body.js';
import { pickSummarySentences } from './lead.js';

/** The query as the index understood it: analysed terms (`termOf`), and phrases as lists of such terms. */
export interface PassageQuery {
  terms: string[];
  phrases: string[][];
}

export interface PassageOptions {
  /** Longest passage, ellipses included. Default 500. */
  maxChars?: number;
  /** Most sentences shown. Default 3. */
  maxSentences?: number;
}

const DEFAULT_MAX_CHARS = 500;
const DEFAULT_MAX_SENTENCES = 3;
const ELLIPSIS = '…';
/** A term already covered by a chosen sentence still counts a little: more evidence, less news. */
const COVERED_TERM_FACTOR = 0.25;
/** A phrase found whole adds this share of its terms' weight again. */
const PHRASE_BONUS = 0.5;
/** Earlier sentences win near-ties: at most this much, fading with position. */
const POSITION_BONUS = 0.2;
/** Gains this close are a tie, won by a sentence next to one already chosen: a pair reads better than a jump. */
const NEAR_TIE = 0.15;
/** Words kept before the first match when a long sentence has to be cut on both sides. */
const CONTEXT_WORDS_BEFORE_MATCH = 4;

/**
 * The 1–3 sentences of the article that best answer the query, in article order, with the matched words
 * highlighted. Falls back to the lead summary when the query has no terms or none of them occurs in the body.
 */
export function queryPassage(article: Article, query: PassageQuery, options: PassageOptions = {}): Passage {
  const limits = resolveLimits(options);
  const wanted = new Set([...query.terms, ...query.phrases.flat()]);
  // Only sentences that may hold a wanted term are analysed word by word; the rest are counted.
  const prose = skimBody(article.paragraphs, mayHoldTerms([...wanted])).filter((s) =>
    'tokens' in s ? isProse(s) : s.prose,
  );
  const candidates = matchingSentences(prose, wanted, query.phrases);
  if (candidates.length === 0) return leadPassage(article, options);
  const chosen: BodySentence[] = [];
  const covered = new Set<string>();
  while (chosen.length < limits.maxSentences) {
    const next = bestNextSentence(candidates, prose, chosen, covered, limits);
    if (next === null) break;
    chosen.push(next.sentence);
    for (const t of next.matched) covered.add(t.term);
  }
  return assemble(chosen, prose, wanted, limits);
}

/** The lead summary of the article as a passage, without highlights. */
export function leadPassage(article: Article, options: PassageOptions = {}): Passage {
  const limits = resolveLimits(options);
  return leadOf(bodySentences(article.paragraphs).filter(isProse), limits, article.title);
}

/** A prose sentence of the article: analysed, or (holding no wanted term) only skimmed. */
type Placed = BodySentence | SkimmedSentence;

interface Limits {
  maxChars: number;
  maxSentences: number;
}

function resolveLimits(options: PassageOptions): Limits {
  return {
    maxChars: Math.max(1, options.maxChars ?? DEFAULT_MAX_CHARS),
    maxSentences: Math.max(1, options.maxSentences ?? DEFAULT_MAX_SENTENCES),
  };
}

/** The lead summary: summary sentences in pick order, keeping those that still fit the budget. */
function leadOf(prose: readonly BodySentence[], limits: Limits, title: string): Passage {
  const chosen: BodySentence[] = [];
  for (const s of pickSummarySentences(prose, limits.maxSentences * 3, title)) {
    if (chosen.length === limits.maxSentences) break;
    if (chosen.length === 0 || joinedLength([...chosen, s], prose) <= limits.maxChars) chosen.push(s);
  }
  return assemble(chosen, prose, new Set(), limits);
}

/** A sentence that contains query terms, with what it matched. */
interface Candidate {
  sentence: BodySentence;
  /** Distinct query terms in the sentence, each with its rarity in the article. */
  matched: { term: string; weight: number }[];
  /** Weight that does not depend on what is already chosen: whole phrases and position. */
  fixedBonus: number;
}

/**
 * The sentences containing any wanted term. A term weighs log(1 + sentences / sentences containing it):
 * rarity within the article, so that a word found everywhere counts for little.
 */
function matchingSentences(
  prose: readonly Placed[],
  wanted: ReadonlySet<string>,
  phrases: readonly string[][],
): Candidate[] {
  const found: { sentence: BodySentence; terms: string[] }[] = [];
  const sentenceCounts = new Map<string, number>();
  for (const sentence of prose) {
    if (!('tokens' in sentence)) continue;
    const terms = [...new Set(sentence.terms.filter((t) => wanted.has(t)))];
    if (terms.length === 0) continue;
    found.push({ sentence, terms });
    for (const t of terms) sentenceCounts.set(t, (sentenceCounts.get(t) ?? 0) + 1);
  }
  const weight = (t: string) => Math.log(1 + prose.length / (sentenceCounts.get(t) ?? prose.length));
  return found.map(({ sentence, terms }) => {
    let fixedBonus = POSITION_BONUS / (1 + sentence.position);
    for (const phrase of phrases) {
      if (phrase.length > 1 && containsRun(sentence.terms, phrase)) {
        fixedBonus += PHRASE_BONUS * phrase.reduce((sum, t) => sum + weight(t), 0);
      }
    }
    return { sentence, matched: terms.map((term) => ({ term, weight: weight(term) })), fixedBonus };
  });
}

/**
 * Greedy coverage: the sentence adding most query weight not yet covered that still fits the budget,
 * a sentence next to one already chosen winning ties; null when none is left.
 */
function bestNextSentence(
  candidates: readonly Candidate[],
  prose: readonly Placed[],
  chosen: readonly BodySentence[],
  covered: ReadonlySet<string>,
  limits: Limits,
): Candidate | null {
  let best: Candidate | null = null;
  let bestGain = 0;
  let bestAdjacent = false;
  for (const candidate of candidates) {
    const s = candidate.sentence;
    if (chosen.includes(s)) continue;
    let gain = candidate.fixedBonus;
    for (const m of candidate.matched)
      gain += covered.has(m.term) ? m.weight * COVERED_TERM_FACTOR : m.weight;
    if (chosen.length > 0 && joinedLength([...chosen, s], prose) > limits.maxChars) continue;
    const adjacent = chosen.some((c) => Math.abs(c.position - s.position) === 1);
    const nearTie = best !== null && Math.abs(gain - bestGain) <= NEAR_TIE;
    if (nearTie && adjacent !== bestAdjacent ? adjacent : gain > bestGain) {
      best = candidate;
      bestGain = gain;
      bestAdjacent = adjacent;
    }
  }
  return best;
}

function containsRun(terms: readonly string[], run: readonly string[]): boolean {
  outer: for (let i = 0; i + run.length <= terms.length; i++) {
    for (let j = 0; j < run.length; j++) if (terms[i + j] !== run[j]) continue outer;
    return true;
  }
  return false;
}

/** "… " before a sentence that does not directly follow the previous one shown (or opens mid-article). */
function separatorBefore(
  s: BodySentence,
  previous: BodySentence | undefined,
  firstProse: Placed | undefined,
) {
  if (previous === undefined) return s === firstProse ? '' : `${ELLIPSIS} `;
  return s.position === previous.position + 1 ? ' ' : ` ${ELLIPSIS} `;
}

function joinedLength(sentences: readonly BodySentence[], prose: readonly Placed[]): number {
  const ordered = [...sentences].sort((a, b) => a.position - b.position);
  let length = 0;
  ordered.forEach((s, i) => {
    length += separatorBefore(s, ordered[i - 1], prose[0]).length + s.text.length;
  });
  return length;
}

/** The chosen sentences in article order, joined with "…" where text was skipped, with highlights. */
function assemble(
  chosen: readonly BodySentence[],
  prose: readonly Placed[],
  wanted: ReadonlySet<string>,
  limits: Limits,
): Passage {
  const ordered = [...chosen].sort((a, b) => a.position - b.position);
  const first = ordered[0];
  if (first === undefined) return { text: '', highlights: [] };
  if (ordered.length === 1 && joinedLength(ordered, prose) > limits.maxChars) {
    return trimmedSentence(first, separatorBefore(first, undefined, prose[0]), wanted, limits.maxChars);
  }
  let text = '';
  const highlights: Highlight[] = [];
  ordered.forEach((s, i) => {
    text += separatorBefore(s, ordered[i - 1], prose[0]);
    for (const t of s.tokens) {
      if (t.term !== null && wanted.has(t.term))
        highlights.push({ start: text.length + t.start, end: text.length + t.end });
    }
    text += s.text;
  });
  return { text, highlights };
}

/**
 * A single sentence too long for the budget, cut at word boundaries with "…": from its start when the
 * first match fits, otherwise from a few words before the first match.
 */
function trimmedSentence(
  s: BodySentence,
  prefix: string,
  wanted: ReadonlySet<string>,
  maxChars: number,
): Passage {
  const firstMatch = s.tokens.findIndex((t) => t.term !== null && wanted.has(t.term));
  const matchToken = s.tokens[firstMatch];
  let from = 0;
  let lead = prefix;
  if (matchToken !== undefined && prefix.length + matchToken.end + ELLIPSIS.length > maxChars) {
    from = s.tokens[Math.max(0, firstMatch - CONTEXT_WORDS_BEFORE_MATCH)]?.start ?? 0;
    lead = `${ELLIPSIS} `;
  }
  const room = maxChars - lead.length - ELLIPSIS.length;
  let to = from;
  for (const t of s.tokens) {
    if (t.start < from) continue;
    if (t.end - from > room) break;
    to = t.end;
  }
  // A single word longer than the whole budget cannot be kept whole; cutting it is the only way to fit.
  if (to === from) to = from + Math.max(0, room);
  const body = s.text.slice(from, to).replace(/[\s,;:–—-]+$/u, '');
  const highlights: Highlight[] = [];
  for (const t of s.tokens) {
    if (t.start >= from && t.end <= from + body.length && t.term !== null && wanted.has(t.term)) {
      highlights.push({ start: lead.length + t.start - from, end: lead.length + t.end - from });
    }
  }
  return { text: `${lead}${body}${ELLIPSIS}`, highlights };
}
