import type { StoryResult } from '../answer-types.js';
import { type Article, publishedTime } from '../corpus/article.js';
import { leadPassage } from '../summarize/passage.js';
import type { Newsroom } from './newsroom.js';

/** What a digest is chosen from. Plain values only: this crosses to the newsroom's thread as is. */
export interface DigestQuery {
  /** A `/news` query (topics); "" for all news. */
  topics: string;
  /** Start of the window: stories with an article new since then count. */
  since: Date;
  now: Date;
  /** Stories wanted (the rest only counted). */
  size: number;
  /** When the store first saw each article first seen inside the window (epoch ms), by id. */
  firstSeen: ReadonlyMap<string, number>;
}

/** A story in a digest: a `/news` story plus what ranked it. */
export interface DigestStory extends StoryResult {
  /** Different outlets that reported it (how widely reported). */
  outlets: number;
  /** When its newest article in the window was published (or, undated, first seen), epoch ms. */
  freshAt: number;
}

export interface DigestSelection {
  topics: string;
  /** The top `size` stories, best first. */
  stories: DigestStory[];
  /** Stories in the window that matched, shown or not. */
  total: number;
}

/** Stories looked at when topics narrow the digest: four `/news` pages' worth of the best matches. */
const MAX_TOPIC_CANDIDATES = 200;
const PAGE = 50;

/**
 * When an article counts as new in the window: its publication time when it has one, else when
 * newsbot first saw it. A back catalogue loaded today (old dates, first seen today) floods nothing.
 */
function freshTime(article: Article, query: DigestQuery): number | null {
  const published = publishedTime(article);
  const at = published ?? query.firstSeen.get(article.id) ?? null;
  if (at === null || at < query.since.getTime() || at > query.now.getTime()) return null;
  return at;
}

/** Distinct outlets of a set of articles: the outlet's name, else the credit, else one per article. */
function outletNames(articles: readonly Article[]): string[] {
  const names = new Set<string>();
  for (const a of articles) names.add(a.source ?? a.credit ?? `#${a.id}`);
  return [...names];
}

/**
 * The digest: stories with an article new in the window that match the topics, ranked by how
 * widely reported (outlets), then recency, then relevance. Pure apart from reading the newsroom;
 * the newsroom's thread exposes it as one method.
 */
export function selectDigest(newsroom: Newsroom, query: DigestQuery): DigestSelection {
  const byStory = new Map<string, Article[]>();
  for (const article of newsroom.articles()) {
    const list = byStory.get(article.storyId);
    if (list) list.push(article);
    else byStory.set(article.storyId, [article]);
  }

  // Candidates: every story (no topics), or the best matches for the topics with their relevance.
  const candidates: { storyId: string; best: Article | null; score: number }[] = [];
  if (query.topics.trim() === '') {
    for (const storyId of byStory.keys()) candidates.push({ storyId, best: null, score: 0 });
  } else {
    for (let offset = 0; offset < MAX_TOPIC_CANDIDATES; offset += PAGE) {
      const page = newsroom.answer(query.topics, { offset, limit: PAGE, now: query.now });
      for (const s of page.stories) candidates.push({ storyId: s.storyId, best: s.article, score: s.score });
      if (offset + PAGE >= page.total) break;
    }
  }

  const ranked: (Omit<DigestStory, 'passage'> & { article: Article })[] = [];
  for (const { storyId, best, score } of candidates) {
    const articles = byStory.get(storyId) ?? (best ? [best] : []);
    let newest: Article | null = null;
    let freshAt = -Infinity;
    for (const a of articles) {
      const at = freshTime(a, query);
      if (at !== null && at > freshAt) {
        freshAt = at;
        newest = a;
      }
    }
    if (newest === null) continue;
    const article = best ?? newest;
    const outlets = outletNames(articles);
    const own = article.source ?? article.credit ?? `#${article.id}`;
    ranked.push({
      storyId,
      article,
      alsoReportedBy: outlets.filter((o) => o !== own && !o.startsWith('#')),
      articleIds: [article.id, ...articles.filter((a) => a.id !== article.id).map((a) => a.id)],
      score,
      outlets: outlets.length,
      freshAt,
    });
  }
  ranked.sort((a, b) => b.outlets - a.outlets || b.freshAt - a.freshAt || b.score - a.score);
  // Summaries only for the stories shown: the rest are just counted.
  const stories = ranked
    .slice(0, Math.max(0, query.size))
    .map((s) => ({ ...s, passage: leadPassage(s.article, { maxSentences: 2, maxChars: 400 }) }));
  return { topics: query.topics, stories, total: ranked.length };
}
