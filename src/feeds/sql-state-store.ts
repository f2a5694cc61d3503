import { type Kysely, type Selectable, sql } from 'kysely';
import { ArticleSchema, type ParsedArticle } from '../corpus/article.js';
import type { Database, FeedItemsTable } from '../store/schema.js';
import type { Store } from '../store/store.js';
import type { FeedSource } from './sources.js';
import {
  digestFirstSeen,
  type FeedArticlePage,
  type FeedCursor,
  type FeedItemRecord,
  type FeedState,
  type FeedStateStore,
} from './state-store.js';

/** Rows per statement: well under PostgreSQL's 65,535 bind parameters. */
const CHUNK = 500;
/**
 * A write older than this (by the database's clock) has committed: a reader's cursor may pass it.
 * Newer rows are read again next time (and skipped if unchanged), so a slow commit is never missed.
 */
const SETTLE_SECONDS = 30;

const StoredArticle = ArticleSchema.omit({ storyId: true });

function* chunks<T>(items: readonly T[]): Generator<T[]> {
  for (let i = 0; i < items.length; i += CHUNK) yield items.slice(i, i + CHUNK);
}

const date = (value: Date | string | null): Date | null => (value === null ? null : new Date(value));

/**
 * The feed state over the store (PGlite, or PostgreSQL shared by several instances): sources added
 * at run time, each feed's polling state, its items with the articles they became (so a restart
 * restores them without refetching), leases, and a write-ordered read of the articles for the other
 * instances. `owner` names this instance's writes.
 */
export class SqlFeedStateStore implements FeedStateStore {
  readonly #store: Pick<Store, 'use'>;
  readonly #owner: string;

  constructor(store: Pick<Store, 'use'>, owner: string) {
    this.#store = store;
    this.#owner = owner;
  }

  #use<T>(fn: (db: Kysely<Database>) => Promise<T>): Promise<T> {
    return this.#store.use(fn);
  }

  async addedSources(): Promise<FeedSource[]> {
    const rows = await this.#use((db) =>
      db.selectFrom('feed_sources').selectAll().orderBy('added_at').orderBy('url').execute(),
    );
    return rows.map((r) => ({
      url: r.url,
      name: r.name,
      intervalSeconds: r.interval_seconds,
      from: 'added',
    }));
  }

  async addSource(source: FeedSource): Promise<void> {
    await this.#use((db) =>
      db
        .insertInto('feed_sources')
        .values({ url: source.url, name: source.name, interval_seconds: source.intervalSeconds })
        .onConflict((oc) =>
          oc.column('url').doUpdateSet({ name: source.name, interval_seconds: source.intervalSeconds }),
        )
        .execute(),
    );
  }

  async removeSource(url: string): Promise<boolean> {
    const result = await this.#use((db) =>
      db.deleteFrom('feed_sources').where('url', '=', url).executeTakeFirst(),
    );
    return Number(result.numDeletedRows) > 0;
  }

  async state(url: string): Promise<FeedState | null> {
    const row = await this.#use((db) =>
      db.selectFrom('feed_states').selectAll().where('url', '=', url).executeTakeFirst(),
    );
    if (row === undefined) return null;
    return {
      url: row.url,
      etag: row.etag,
      lastModified: row.last_modified,
      feedTitle: row.feed_title,
      lastSuccessAt: date(row.last_success_at),
      lastErrorAt: date(row.last_error_at),
      lastError: row.last_error,
      failures: row.failures,
      nextPollAt: date(row.next_poll_at),
    };
  }

  async saveState(state: FeedState): Promise<void> {
    const values = {
      etag: state.etag,
      last_modified: state.lastModified,
      feed_title: state.feedTitle,
      last_success_at: state.lastSuccessAt,
      last_error_at: state.lastErrorAt,
      last_error: state.lastError,
      failures: state.failures,
      next_poll_at: state.nextPollAt,
    };
    await this.#use((db) =>
      db
        .insertInto('feed_states')
        .values({ url: state.url, ...values })
        .onConflict((oc) => oc.column('url').doUpdateSet(values))
        .execute(),
    );
  }

  async items(feedUrl: string): Promise<Map<string, FeedItemRecord>> {
    const rows = await this.#use((db) =>
      db
        .selectFrom('feed_items')
        .select(RECORD_COLUMNS)
        .where('feed_url', '=', feedUrl)
        .where('retired_at', 'is', null)
        .execute(),
    );
    return new Map(rows.map((r) => [r.key, toRecord(r)]));
  }

  async putItems(records: readonly FeedItemRecord[], articles: readonly ParsedArticle[] = []): Promise<void> {
    if (records.length === 0) return;
    const byId = new Map(articles.map((a) => [a.id, a]));
    // One row per item and per article in a statement (ON CONFLICT cannot touch a row twice): the last wins.
    const unique = [...new Map(records.map((r) => [`${r.feedUrl}\u0000${r.key}`, r])).values()];
    for (const batch of chunks(unique)) {
      const items = batch.map((r) => {
        const article = byId.get(r.articleId);
        return {
          feed_url: r.feedUrl,
          key: r.key,
          article_id: r.articleId,
          content_hash: r.contentHash,
          raw_digest: r.rawDigest,
          published: r.published,
          first_seen_at: r.firstSeenAt,
          new_at: r.newAt,
          article: article === undefined ? null : sql`${JSON.stringify(article)}::jsonb`,
          written_by: this.#owner,
          retired_at: null,
        };
      });
      const firstSeen = [...new Map(batch.map((r) => [r.articleId, r])).values()].map((r) => ({
        id: r.articleId,
        content_hash: r.contentHash,
        first_seen: digestFirstSeen(r),
        updated_at: new Date(),
        feed_url: r.feedUrl,
      }));
      // Items and their first_seen together: a reader never sees one without the other.
      await this.#use((db) =>
        db.transaction().execute(async (trx) => {
          await trx
            .insertInto('feed_items')
            .values(items)
            .onConflict((oc) =>
              oc.columns(['feed_url', 'key']).doUpdateSet((eb) => ({
                article_id: eb.ref('excluded.article_id'),
                content_hash: eb.ref('excluded.content_hash'),
                raw_digest: eb.ref('excluded.raw_digest'),
                published: eb.ref('excluded.published'),
                new_at: eb.ref('excluded.new_at'),
                // An item written without its article (re-dated, same text) keeps the stored one.
                article: sql`coalesce(excluded.article, feed_items.article)`,
                written_by: eb.ref('excluded.written_by'),
                retired_at: null,
                seq: sql`nextval('feed_items_seq')`,
                changed_at: sql`now()`,
              })),
            )
            .execute();
          await trx
            .insertInto('articles')
            .values(firstSeen)
            .onConflict((oc) =>
              oc.column('id').doUpdateSet((eb) => ({
                content_hash: eb.ref('excluded.content_hash'),
                updated_at: eb.ref('excluded.updated_at'),
                feed_url: eb.ref('excluded.feed_url'),
                retired_at: null,
              })),
            )
            .execute();
        }),
      );
    }
  }

  async deleteItems(feedUrl: string, keys: readonly string[]): Promise<void> {
    for (const batch of chunks(keys)) await this.#retire(feedUrl, batch);
  }

  /** Retires live items of a feed (those keys, or all): article dropped, first_seen row deleted. */
  async #retire(feedUrl: string, keys: readonly string[] | null): Promise<void> {
    await this.#use((db) =>
      db.transaction().execute(async (trx) => {
        const retired = await trx
          .updateTable('feed_items')
          .set({
            retired_at: sql`now()`,
            article: null,
            written_by: this.#owner,
            seq: sql`nextval('feed_items_seq')`,
            changed_at: sql`now()`,
          })
          .where('feed_url', '=', feedUrl)
          .where('retired_at', 'is', null)
          .$if(keys !== null, (q) => q.where('key', 'in', keys as string[]))
          .returning('article_id')
          .execute();
        const ids = retired.map((r) => r.article_id);
        for (const batch of chunks(ids)) await trx.deleteFrom('articles').where('id', 'in', batch).execute();
      }),
    );
  }

  async itemsOlderThan(cutoff: Date): Promise<FeedItemRecord[]> {
    // published is the feed's ISO date text; a date-only value sorts before any time that day.
    const rows = await this.#use((db) =>
      db
        .selectFrom('feed_items')
        .select(RECORD_COLUMNS)
        .where('retired_at', 'is', null)
        .where((eb) =>
          eb.or([
            eb('published', '<', cutoff.toISOString()),
            eb.and([eb('published', 'is', null), eb('first_seen_at', '<', cutoff)]),
          ]),
        )
        .execute(),
    );
    return rows.map(toRecord);
  }

  async itemCounts(feedUrl: string, since: Date): Promise<{ total: number; recent: number }> {
    const row = await this.#use((db) =>
      db
        .selectFrom('feed_items')
        .select((eb) => [
          eb.fn.countAll<number>().as('total'),
          eb.fn.countAll<number>().filterWhere('new_at', '>=', since).as('recent'),
        ])
        .where('feed_url', '=', feedUrl)
        .where('retired_at', 'is', null)
        .executeTakeFirstOrThrow(),
    );
    return { total: Number(row.total), recent: Number(row.recent) };
  }

  async forgetFeed(feedUrl: string): Promise<void> {
    await this.#use((db) => db.deleteFrom('feed_states').where('url', '=', feedUrl).execute());
    await this.#use((db) => db.deleteFrom('feed_leases').where('feed_url', '=', feedUrl).execute());
    await this.#retire(feedUrl, null);
  }

  async readArticleChanges(
    after: FeedCursor | null,
    onPage: (page: FeedArticlePage) => Promise<void>,
    options: { skipOwn?: boolean; pageSize?: number } = {},
  ): Promise<FeedCursor | null> {
    const pageSize = options.pageSize ?? 1000;
    const skipOwn = options.skipOwn ?? false;
    let position = after ?? 0;
    let cursor = after ?? 0;
    let settledSoFar = true;
    for (;;) {
      const rows = await this.#use((db) =>
        db
          .selectFrom('feed_items')
          .select((eb) => [
            'article_id',
            'content_hash',
            'seq',
            'retired_at',
            // This instance's own writes are in its index already: their text is not read again.
            skipOwn
              ? eb
                  .case()
                  .when('written_by', '=', this.#owner)
                  .then(sql<unknown>`null`)
                  .else(eb.ref('article'))
                  .end()
                  .as('article')
              : 'article',
            eb('written_by', '=', this.#owner).as('own'),
            sql<boolean>`changed_at <= now() - make_interval(secs => ${SETTLE_SECONDS})`.as('settled'),
          ])
          .where('seq', '>', position)
          .$if(after === null, (q) => q.where('retired_at', 'is', null))
          .orderBy('seq')
          .limit(pageSize)
          .execute(),
      );
      if (rows.length === 0) break;
      const page: FeedArticlePage = { articles: [], retired: [], unreadable: [] };
      for (const row of rows) {
        position = Number(row.seq);
        if (settledSoFar && row.settled) cursor = position;
        else settledSoFar = false;
        if (skipOwn && row.own) continue;
        if (row.retired_at !== null) {
          page.retired.push(row.article_id);
          continue;
        }
        const parsed = StoredArticle.safeParse(row.article);
        if (parsed.success) page.articles.push({ article: parsed.data, contentHash: row.content_hash });
        else page.unreadable.push(row.article_id);
      }
      await onPage(page);
      if (rows.length < pageSize) break;
    }
    return cursor;
  }

  async purgeRetired(before: Date): Promise<number> {
    const result = await this.#use((db) =>
      db.deleteFrom('feed_items').where('retired_at', '<', before).executeTakeFirst(),
    );
    return Number(result.numDeletedRows);
  }

  async tryLease(feedUrl: string, owner: string, until: Date, now: Date): Promise<boolean> {
    const row = await this.#use((db) =>
      db
        .insertInto('feed_leases')
        .values({ feed_url: feedUrl, owner, lease_until: until })
        .onConflict((oc) =>
          oc
            .column('feed_url')
            .doUpdateSet((eb) => ({
              owner: eb.ref('excluded.owner'),
              lease_until: eb.ref('excluded.lease_until'),
            }))
            // Taken over only when the holder's lease has run out; renewed by its own holder.
            .where((eb) =>
              eb.or([eb('feed_leases.owner', '=', owner), eb('feed_leases.lease_until', '<=', now)]),
            ),
        )
        .returning('feed_url')
        .executeTakeFirst(),
    );
    return row !== undefined;
  }

  async releaseLease(feedUrl: string, owner: string): Promise<void> {
    await this.#use((db) =>
      db.deleteFrom('feed_leases').where('feed_url', '=', feedUrl).where('owner', '=', owner).execute(),
    );
  }
}

const RECORD_COLUMNS = [
  'feed_url',
  'key',
  'article_id',
  'content_hash',
  'raw_digest',
  'published',
  'first_seen_at',
  'new_at',
] as const;

function toRecord(row: Pick<Selectable<FeedItemsTable>, (typeof RECORD_COLUMNS)[number]>): FeedItemRecord {
  return {
    feedUrl: row.feed_url,
    key: row.key,
    articleId: row.article_id,
    contentHash: row.content_hash,
    rawDigest: row.raw_digest,
    published: row.published,
    firstSeenAt: new Date(row.first_seen_at),
    newAt: date(row.new_at),
  };
}
