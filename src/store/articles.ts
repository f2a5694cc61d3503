import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ParsedArticle } from '../corpus/article.js';
import type { Database } from './schema.js';

/** One loaded article as the store tracks it. */
export interface ArticleFingerprint {
  id: string;
  hash: string;
}

export interface SyncTotals {
  added: number;
  updated: number;
  retired: number;
  /** Retired earlier and back in the folder now: `first_seen` is kept, so they are not "new". */
  restored: number;
  unchanged: number;
}

/**
 * `first_seen` of a back catalogue: the articles found on the very first start were there before
 * newsbot kept track, so none of them is new (an undated file would otherwise count as today's).
 */
export const BEFORE_TRACKING = new Date(0);

/** Rows per statement: well under PostgreSQL's 65,535 bind parameters. */
const CHUNK = 1000;

/** A hash of what a reader sees of the article: a changed file changes it, a re-read does not. */
export function contentHash(
  article: Pick<ParsedArticle, 'title' | 'paragraphs' | 'published' | 'source' | 'url'>,
): string {
  const hash = createHash('sha256');
  for (const part of [article.title, article.published ?? '', article.source ?? '', article.url ?? ''])
    hash.update(`${part}\u0000`);
  for (const p of article.paragraphs) hash.update(`${p}\u0000`);
  return hash.digest('hex').slice(0, 32);
}

export function fingerprints(articles: Iterable<ParsedArticle>): ArticleFingerprint[] {
  return [...articles].map((a) => ({ id: a.id, hash: contentHash(a) }));
}

function* chunks<T>(items: readonly T[]): Generator<T[]> {
  for (let i = 0; i < items.length; i += CHUNK) yield items.slice(i, i + CHUNK);
}

/**
 * Brings the store in line with the articles the newsroom loaded at start: new ids are added with
 * `first_seen = now`, changed ones get their new hash (first_seen kept), ids no longer loaded are
 * retired. Safe to run on every start and by several instances at once.
 */
export async function syncArticles(
  db: Kysely<Database>,
  loaded: readonly ArticleFingerprint[],
  now: Date,
  options: {
    firstSyncIsBackCatalogue?: boolean;
    /** Filled with the ids this sync added, unless the store knew no article yet (a first start). */
    newIds?: string[];
  } = {},
): Promise<SyncTotals> {
  const known = new Map<string, { hash: string; retired: boolean }>();
  // Feed articles have rows here too (their first_seen); they come and go with their feeds, not the folder.
  const rows = await db
    .selectFrom('articles')
    .select(['id', 'content_hash', 'retired_at'])
    .where('feed_url', 'is', null)
    .execute();
  for (const row of rows) {
    known.set(row.id, { hash: row.content_hash, retired: row.retired_at !== null });
  }
  const totals: SyncTotals = { added: 0, updated: 0, retired: 0, restored: 0, unchanged: 0 };
  const fresh: ArticleFingerprint[] = [];
  const changed: ArticleFingerprint[] = [];
  const loadedIds = new Set<string>();
  for (const entry of loaded) {
    if (loadedIds.has(entry.id)) continue;
    loadedIds.add(entry.id);
    const row = known.get(entry.id);
    if (row === undefined) fresh.push(entry);
    else if (row.hash !== entry.hash || row.retired) {
      changed.push(entry);
      if (row.retired) totals.restored++;
      else totals.updated++;
    } else totals.unchanged++;
  }
  const gone = [...known].filter(([id, row]) => !row.retired && !loadedIds.has(id)).map(([id]) => id);

  const firstSeen = options.firstSyncIsBackCatalogue && known.size === 0 ? BEFORE_TRACKING : now;
  for (const batch of chunks(fresh)) {
    const rows = batch.map((a) => ({
      id: a.id,
      content_hash: a.hash,
      first_seen: firstSeen,
      updated_at: now,
    }));
    // Another instance may have added the same id a moment ago: theirs stands.
    const inserted = await db
      .insertInto('articles')
      .values(rows)
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .execute();
    totals.added += inserted.length;
    // On a first start every file is new to the store: a back catalogue, not news.
    if (options.newIds && known.size > 0) options.newIds.push(...inserted.map((r) => r.id));
  }
  for (const batch of chunks(changed)) {
    const rows = batch.map((a) => ({ id: a.id, content_hash: a.hash, first_seen: now, updated_at: now }));
    await db
      .insertInto('articles')
      .values(rows)
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          content_hash: eb.ref('excluded.content_hash'),
          updated_at: eb.ref('excluded.updated_at'),
          retired_at: null,
        })),
      )
      .execute();
  }
  for (const batch of chunks(gone)) {
    const result = await db
      .updateTable('articles')
      .set({ retired_at: now, updated_at: now })
      .where('id', 'in', batch)
      .where('retired_at', 'is', null)
      .executeTakeFirst();
    totals.retired += Number(result.numUpdatedRows);
  }
  return totals;
}

/** When each live article first seen at or after `since` was first seen (epoch ms), by id. */
export async function firstSeenSince(db: Kysely<Database>, since: Date): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('articles')
    .select(['id', 'first_seen'])
    .where('first_seen', '>=', since)
    .where('retired_at', 'is', null)
    .execute();
  return new Map(rows.map((r) => [r.id, new Date(r.first_seen).getTime()]));
}

/** Live and retired article counts, for `status` and health. */
export async function articleCounts(db: Kysely<Database>): Promise<{ live: number; retired: number }> {
  const row = await db
    .selectFrom('articles')
    .select((eb) => [
      eb.fn.countAll<number>().filterWhere('retired_at', 'is', null).as('live'),
      eb.fn.countAll<number>().filterWhere('retired_at', 'is not', null).as('retired'),
    ])
    .executeTakeFirstOrThrow();
  return { live: row.live, retired: row.retired };
}
