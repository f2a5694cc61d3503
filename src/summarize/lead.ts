import { analyze } from '../search/analyzer.js';
import { type BodySentence, bodySentences, isProse } from './body.js';

/**
 * How much each feature counts. Tuned on the odd-numbered BBC files (`npm run eval:summary -- --split odd`):
 * centrality carries most of the signal; the position prior is kept so that a digest still reads like news.
 */
const WEIGHTS = {
  /** Earlier sentences first: 1 / sqrt(1 + rank). */
  position: 0.5,
  /** Similarity of the sentence to the whole article (TF-IDF cosine, IDF over the article's sentences). */
  centrality: 3,
  /** Share of the title's terms the sentence contains. */
  title: 1,
  /** Informative sentences of reasonable length: words / 25, capped at 1. */
  length: 1.5,
  /** Sentences opening with a quotation carry reaction more than facts. */
  quote: 0.3,
  /** Maximal marginal relevance: penalty for similarity to a sentence already chosen. */
  redundancy: 0.25,
} as const;

const FULL_LENGTH_WORDS = 25;
/** Cosine above which a sentence restates one already chosen: taken only when nothing else is left. */
const RESTATEMENT_SIMILARITY = 0.8;

type TermVector = Map<string, number>;

/** The best `n` sentences of an article to summarise it, in article order; fewer when it has fewer. */
export function leadSummary(paragraphs: string[], n: number, options: { title?: string } = {}): string[] {
  const prose = bodySentences(paragraphs).filter(isProse);
  return pickSummarySentences(prose, n, options.title)
    .sort((a, b) => a.position - b.position)
    .map((s) => s.text);
}

/** Up to `n` of the sentences, best first (pick order, not article order). */
export function pickSummarySentences(
  sentences: readonly BodySentence[],
  n: number,
  title?: string,
): BodySentence[] {
  if (sentences.length === 0 || n <= 0) return [];
  const idf = inverseSentenceFrequency(sentences);
  const vectors = sentences.map((s) => unitVector(s.terms, idf));
  const centroid = unitVector(
    sentences.flatMap((s) => s.terms),
    idf,
  );
  const titleTerms = new Set(title ? analyze(title) : []);
  const merit = sentences.map((s, rank) => {
    const vector = vectors[rank] as TermVector;
    return (
      WEIGHTS.position / Math.sqrt(1 + rank) +
      WEIGHTS.centrality * dot(vector, centroid) +
      WEIGHTS.title * titleCoverage(vector, titleTerms) +
      WEIGHTS.length * Math.min(1, s.tokens.length / FULL_LENGTH_WORDS) -
      (/^["“‘']/.test(s.text) ? WEIGHTS.quote : 0)
    );
  });
  return selectWithMmr(merit, vectors, Math.min(n, sentences.length)).map(
    (i) => sentences[i] as BodySentence,
  );
}

/** Greedy maximal-marginal-relevance selection; ties go to the earlier sentence. */
function selectWithMmr(merit: readonly number[], vectors: readonly TermVector[], n: number): number[] {
  const chosen: number[] = [];
  const maxSimilarity = merit.map(() => 0);
  while (chosen.length < n) {
    let best = -1;
    let bestScore = Number.NEGATIVE_INFINITY;
    let bestRestates = true;
    for (let i = 0; i < merit.length; i++) {
      if (chosen.includes(i)) continue;
      const similarity = maxSimilarity[i] as number;
      const restates = similarity >= RESTATEMENT_SIMILARITY;
      const score = (merit[i] as number) - WEIGHTS.redundancy * similarity;
      if (restates === bestRestates ? score > bestScore : bestRestates) {
        best = i;
        bestScore = score;
        bestRestates = restates;
      }
    }
    chosen.push(best);
    const picked = vectors[best] as TermVector;
    vectors.forEach((v, i) => {
      maxSimilarity[i] = Math.max(maxSimilarity[i] as number, dot(v, picked));
    });
  }
  return chosen;
}

function inverseSentenceFrequency(sentences: readonly BodySentence[]): Map<string, number> {
  const df = new Map<string, number>();
  for (const s of sentences) for (const t of new Set(s.terms)) df.set(t, (df.get(t) ?? 0) + 1);
  const idf = new Map<string, number>();
  for (const [t, f] of df) idf.set(t, Math.log(1 + sentences.length / f));
  return idf;
}

/** TF-IDF vector scaled to length 1, so that a dot product is a cosine. */
function unitVector(terms: readonly string[], idf: Map<string, number>): TermVector {
  const v: TermVector = new Map();
  for (const t of terms) v.set(t, (v.get(t) ?? 0) + (idf.get(t) ?? 0));
  let norm = 0;
  for (const x of v.values()) norm += x * x;
  if (norm > 0) for (const [t, x] of v) v.set(t, x / Math.sqrt(norm));
  return v;
}

function dot(a: TermVector, b: TermVector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let sum = 0;
  for (const [t, x] of small) sum += x * (large.get(t) ?? 0);
  return sum;
}

function titleCoverage(vector: TermVector, titleTerms: ReadonlySet<string>): number {
  if (titleTerms.size === 0) return 0;
  let hits = 0;
  for (const t of titleTerms) if (vector.has(t)) hits++;
  return hits / titleTerms.size;
}
