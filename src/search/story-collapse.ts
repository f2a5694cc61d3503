import { grow } from './doc-table.js';
import type { Documents } from './documents.js';
import type { StoryHit } from './ranking.js';
import { topK } from './top-k.js';

/**
 * One result per story: a story scores as its best matching article, and lists its matching
 * articles best first. Per-story scratch arrays are reused from search to search.
 */
export class StoryCollapser {
  readonly #documents: Documents;
  #epoch = 0;
  #kept = new Uint32Array(0);
  #storyStamp = new Uint32Array(0);
  #storyScore = new Float64Array(0);
  #storyBest = new Int32Array(0);

  constructor(documents: Documents) {
    this.#documents = documents;
  }

  /** The page [offset, offset + limit) of the best stories among the kept documents, and how many stories there are. */
  collapse(
    kept: readonly number[],
    score: Float64Array,
    page: { offset: number; limit: number },
  ): { total: number; stories: StoryHit[] } {
    const epoch = this.#prepare();
    const { story } = this.#documents.table;
    const storyStamp = this.#storyStamp;
    const storyScore = this.#storyScore;
    const storyBest = this.#storyBest;
    const stories: number[] = [];
    for (const doc of kept) {
      this.#kept[doc] = epoch;
      const s = story[doc] ?? 0;
      const docScore = score[doc] ?? 0;
      if (storyStamp[s] !== epoch) {
        storyStamp[s] = epoch;
        storyScore[s] = docScore;
        storyBest[s] = doc;
        stories.push(s);
      } else if (docScore > (storyScore[s] ?? 0)) {
        storyScore[s] = docScore;
        storyBest[s] = doc;
      }
    }
    const top = topK(stories, page.offset + page.limit, (s) => storyScore[s] ?? 0);
    return {
      total: stories.length,
      stories: top.slice(page.offset).map((s) => this.#storyHit(s, epoch, score)),
    };
  }

  #prepare(): number {
    const capacity = this.#documents.table.capacity;
    if (this.#kept.length < capacity) this.#kept = grow(this.#kept, capacity);
    const storyCount = this.#documents.stories.size;
    if (this.#storyStamp.length < storyCount) {
      const stories = Math.max(1024, storyCount * 2);
      this.#storyStamp = grow(this.#storyStamp, stories);
      this.#storyScore = grow(this.#storyScore, stories);
      this.#storyBest = grow(this.#storyBest, stories);
    }
    return ++this.#epoch;
  }

  #storyHit(story: number, epoch: number, score: Float64Array): StoryHit {
    const documents = this.#documents;
    const matched = documents.members(story).filter((doc) => this.#kept[doc] === epoch);
    matched.sort((a, b) => (score[b] ?? 0) - (score[a] ?? 0));
    return {
      storyId: documents.stories.values[story] ?? '',
      articleIds: matched.map((doc) => documents.table.ids[doc] ?? ''),
      score: this.#storyScore[story] ?? 0,
    };
  }
}
