import { type Kysely, sql } from 'kysely';
import { claimedBy, lapsedClaim } from '../store/claims.js';
import type { Database, WatchLedgerRow } from '../store/schema.js';

export interface StoryKey {
  watchId: number;
  storyId: string;
}

/**
 * Claims a story for a watch, as the digest ledger claims a day (store/claims.ts): true when this
 * instance may post it now. A new story, or a claim whose lease ran out (its instance died before
 * Slack answered, or a passing error released it), can be taken; anything settled cannot.
 * `capped`: the story is recorded as held back by the hourly cap instead.
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
    .values({ watch_id: key.watchId, story_id: key.storyId, ...claimedBy(owner, now), status })
    .onConflict((oc) =>
      oc
        .columns(['watch_id', 'story_id'])
        .doUpdateSet((eb) => ({
          status: eb.ref('excluded.status'),
          claimed_by: eb.ref('excluded.claimed_by'),
          lease_until: eb.ref('excluded.lease_until'),
          updated_at: eb.ref('excluded.updated_at'),
        }))
        .where(lapsedClaim('watch_ledger', now)),
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

/**
 * Moves this owner's claim's lease to `until`: before a long wait on Slack (so no other instance
 * takes it meanwhile), or after a passing failure with its error (the claim lapses at the retry
 * time, when this instance, or another, may claim the story again).
 */
export async function leaseStory(
  db: Kysely<Database>,
  key: StoryKey,
  owner: string,
  until: Date,
  now: Date,
  error: string | null = null,
): Promise<void> {
  await db
    .updateTable('watch_ledger')
    .set({ lease_until: until, updated_at: now, ...(error === null ? {} : { error }) })
    .where('watch_id', '=', key.watchId)
    .where('story_id', '=', key.storyId)
    .where('claimed_by', '=', owner)
    .where('status', '=', 'claimed')
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

/** Gives an article back after a passing failure, so that its retry may announce it. */
export async function unclaimArticle(
  db: Kysely<Database>,
  watchId: number,
  articleId: string,
): Promise<void> {
  await db
    .deleteFrom('watch_articles')
    .where('watch_id', '=', watchId)
    .where('article_id', '=', articleId)
    .execute();
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
