import { type Kysely, sql } from 'kysely';
import { LEASE_MS } from '../digest/ledger.js';
import type { Database, WatchLedgerRow } from '../store/schema.js';

export interface StoryKey {
  watchId: number;
  storyId: string;
}

/**
 * Claims a story for a watch, as the digest ledger claims a day: true when this instance may post
 * it now. A new story, or a claim whose lease ran out (its instance died before Slack answered),
 * can be taken; anything settled cannot. One statement, so two instances get one winner.
 */
export async function claimStory(
  db: Kysely<Database>,
  key: StoryKey,
  owner: string,
  now: Date,
  status: 'claimed' | 'capped' = 'claimed',
): Promise<boolean> {
  const rows = await db
    .insertInto('watch_ledger')
    .values({
      watch_id: key.watchId,
      story_id: key.storyId,
      status,
      claimed_by: owner,
      lease_until: new Date(now.getTime() + LEASE_MS),
      updated_at: now,
    })
    .onConflict((oc) =>
      oc
        .columns(['watch_id', 'story_id'])
        .doUpdateSet((eb) => ({
          status: eb.ref('excluded.status'),
          claimed_by: eb.ref('excluded.claimed_by'),
          lease_until: eb.ref('excluded.lease_until'),
          updated_at: eb.ref('excluded.updated_at'),
        }))
        .where((eb) =>
          eb.and([eb('watch_ledger.status', '=', 'claimed'), eb('watch_ledger.lease_until', '<', now)]),
        ),
    )
    .returning('claimed_by')
    .execute();
  return rows.length === 1;
}

/** Posted (ts) or refused by Slack (error): settled either way, never posted again. */
export async function settleStory(
  db: Kysely<Database>,
  key: StoryKey,
  owner: string,
  outcome: { ts: string } | { error: string },
  now: Date,
): Promise<void> {
  await db
    .updateTable('watch_ledger')
    .set(
      'ts' in outcome
        ? { status: 'posted', ts: outcome.ts, updated_at: now }
        : { status: 'failed', error: outcome.error, updated_at: now },
    )
    .where('watch_id', '=', key.watchId)
    .where('story_id', '=', key.storyId)
    .where('claimed_by', '=', owner)
    .execute();
}

export async function storyRow(db: Kysely<Database>, key: StoryKey): Promise<WatchLedgerRow | undefined> {
  return db
    .selectFrom('watch_ledger')
    .selectAll()
    .where('watch_id', '=', key.watchId)
    .where('story_id', '=', key.storyId)
    .executeTakeFirst();
}

/** Stories this watch posted (or is posting) since `since`: what the hourly cap counts. */
export async function postsSince(db: Kysely<Database>, watchId: number, since: Date): Promise<number> {
  const row = await db
    .selectFrom('watch_ledger')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('watch_id', '=', watchId)
    .where('status', 'in', ['claimed', 'posted'])
    .where('story_id', 'not like', 'summary:%')
    .where('updated_at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Watches with capped stories not yet summarised: how many, and since when. */
export async function pendingSummaries(
  db: Kysely<Database>,
): Promise<Array<{ watchId: number; count: number; since: Date }>> {
  const rows = await db
    .selectFrom('watch_ledger')
    .select((eb) => ['watch_id', eb.fn.countAll<number>().as('n'), eb.fn.min<Date>('updated_at').as('since')])
    .where('status', '=', 'capped')
    .where('summary', 'is', null)
    .groupBy('watch_id')
    .execute();
  return rows.map((r) => ({ watchId: r.watch_id, count: Number(r.n), since: new Date(r.since) }));
}

/** Marks the capped stories up to `until` as counted by this summary. */
export async function markSummarised(
  db: Kysely<Database>,
  watchId: number,
  summary: string,
  until: Date,
): Promise<void> {
  await db
    .updateTable('watch_ledger')
    .set({ summary })
    .where('watch_id', '=', watchId)
    .where('status', '=', 'capped')
    .where('summary', 'is', null)
    .where('updated_at', '<=', until)
    .execute();
}

/**
 * Takes an article for a watch's announcements (its post or a thread reply): true the first time
 * only, on every instance. An updated article keeps its id, so it is never announced again.
 */
export async function claimArticle(
  db: Kysely<Database>,
  watchId: number,
  articleId: string,
  storyId: string,
): Promise<boolean> {
  const rows = await db
    .insertInto('watch_articles')
    .values({ watch_id: watchId, article_id: articleId, story_id: storyId })
    .onConflict((oc) => oc.columns(['watch_id', 'article_id']).doNothing())
    .returning('article_id')
    .execute();
  return rows.length === 1;
}

/** Outlets already announced for a story of a watch (post and replies). */
export async function announcedCount(
  db: Kysely<Database>,
  watchId: number,
  storyId: string,
): Promise<number> {
  const row = await db
    .selectFrom('watch_articles')
    .select(sql<number>`count(*)`.as('n'))
    .where('watch_id', '=', watchId)
    .where('story_id', '=', storyId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
