import { type Article, publishedTime } from '../corpus/article.js';
import { outletNames } from '../corpus/outlet.js';
import { DocTable, Interner } from './doc-table.js';
import { FIELDS } from './index-fields.js';
import { sourceKey } from './query.js';

/**
 * The document registry: which articles are live, the document number of each (numbers only grow,
 * so a replaced article gets a new one), their stories and outlets as small integers, and the
 * per-document arrays the scorer reads (`table`). It knows nothing of terms: postings.ts does.
 */
export class Documents {
  readonly table = new DocTable(FIELDS.length);
  /** Interned outlet keys (see query.ts `sourceKey`): what `source:` filters compare. */
  readonly sources = new Interner();
  /** Interned story ids. */
  readonly stories = new Interner();
  /** The number the next added article gets. */
  nextDoc = 0;
  readonly #articles = new Map<string, Article>();
  readonly #docOf = new Map<string, number>();
  /** Outlet names as written → their number in `sources` (few outlets, many articles: each is keyed once). */
  readonly #sourceIds = new Map<string, number>();
  /** Story number → document numbers of its live articles, in the order they were added. */
  readonly #members: number[][] = [];
  /** Article ids newest first (undated last), rebuilt on demand after a change. */
  #newest: string[] | null = null;

  get size(): number {
    return this.#articles.size;
  }

  has(id: string): boolean {
    return this.#articles.has(id);
  }

  article(id: string): Article | undefined {
    return this.#articles.get(id);
  }

  articles(): IterableIterator<Article> {
    return this.#articles.values();
  }

  ids(): IterableIterator<string> {
    return this.#articles.keys();
  }

  docOf(id: string): number | undefined {
    return this.#docOf.get(id);
  }

  /** The live article with this document number. */
  articleAt(doc: number): Article | undefined {
    const id = this.table.ids[doc];
    return id === undefined ? undefined : this.#articles.get(id);
  }

  /** Document numbers of the live articles of a story (by story number). */
  members(story: number): readonly number[] {
    return this.#members[story] ?? [];
  }

  /** Ids of the live articles of a story, in the order they were added. */
  storyArticles(storyId: string): string[] {
    const story = this.stories.find(storyId);
    const members = story === undefined ? [] : (this.#members[story] ?? []);
    return members.map((doc) => this.table.ids[doc] ?? '').filter(Boolean);
  }

  /** Records an article, whose postings are already stored, under document number `doc`. */
  register(article: Article, doc: number): void {
    const table = this.table;
    table.ensure(doc);
    table.ids[doc] = article.id;
    table.published[doc] = publishedTime(article) ?? Number.NaN;
    table.source[doc] = this.#sourceNumber(outletNames(article));
    const story = this.stories.idOf(article.storyId);
    table.story[doc] = story;
    const members = this.#members[story];
    if (members) members.push(doc);
    else this.#members[story] = [doc];
    this.#articles.set(article.id, article);
    this.#docOf.set(article.id, doc);
    this.#newest = null;
  }

  /** Forgets an article; returns its document number (undefined if it was not live). */
  unregister(id: string): number | undefined {
    const doc = this.#docOf.get(id);
    if (doc === undefined) return undefined;
    this.#articles.delete(id);
    this.#docOf.delete(id);
    this.table.ids[doc] = undefined;
    const story = this.table.story[doc] ?? 0;
    this.#members[story] = (this.#members[story] ?? []).filter((m) => m !== doc);
    this.#newest = null;
    return doc;
  }

  /** Article ids newest first; undated articles last. */
  newestFirst(): readonly string[] {
    if (this.#newest === null) {
      // Undated articles sort as the oldest possible (a finite floor keeps the comparison a number).
      const dated = [...this.#articles.keys()].map((id) => {
        const time = this.table.published[this.#docOf.get(id) ?? -1] ?? Number.NaN;
        return { id, time: Number.isNaN(time) ? -8.64e15 : time };
      });
      this.#newest = dated.sort((a, b) => b.time - a.time).map((d) => d.id);
    }
    return this.#newest;
  }

  /**
   * The interned outlet key of an article's outlet names (its outlet and its credit's, see
   * corpus/outlet.ts). Each name gives its words, kept apart by a separator no filter holds, so
   * `source:abc` finds "ABC/wires" but no filter spans two names.
   */
  #sourceNumber(names: readonly string[]): number {
    const written = names.join('\u0000');
    let id = this.#sourceIds.get(written);
    if (id === undefined) {
      id = this.sources.idOf(names.map(sourceKey).join(' \u0001 '));
      this.#sourceIds.set(written, id);
    }
    return id;
  }
}
