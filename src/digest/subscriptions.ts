import { type Kysely, sql } from 'kysely';
import type { Database, Subscription } from '../store/schema.js';

/** After this long failing with a permanent Slack error, a subscription pauses itself. */
export const PAUSE_AFTER_MS = 3 * 24 * 3600_000;

/** Slack errors that will not go away by retrying: recorded, shown by status, counted towards the pause. */
export const PERMANENT_ERRORS = new Set([
  'not_in_channel',
  'channel_not_found',
  'is_archived',
  'account_inactive',
]);

export interface SubscribeRequest {
  conversationId: string;
  kind: 'channel' | 'person';
  time: string;
  timeZone: string;
  by: string;
  now: Date;
}

/**
 * `digest on`: subscribes, or changes the time and zone of a subscription and resumes it (a paused
 * or switched-off one included). Topics stay as they were. Who set it up changes only when it was off.
 */
export async function subscribe(db: Kysely<Database>, req: SubscribeRequest): Promise<Subscription> {
  return db
    .insertInto('digest_subscriptions')
    .values({
      conversation_id: req.conversationId,
      kind: req.kind,
      time: req.time,
      time_zone: req.timeZone,
      topics: '',
      enabled: true,
      created_by: req.by,
      created_at: req.now,
      updated_at: req.now,
    })
    .onConflict((oc) =>
      oc.column('conversation_id').doUpdateSet((eb) => ({
        time: eb.ref('excluded.time'),
        time_zone: eb.ref('excluded.time_zone'),
        enabled: true,
        paused_at: null,
        failing_since: null,
        updated_at: eb.ref('excluded.updated_at'),
        created_by: sql<string>`case when digest_subscriptions.enabled then digest_subscriptions.created_by else excluded.created_by end`,
        created_at: sql<Date>`case when digest_subscriptions.enabled then digest_subscriptions.created_at else excluded.created_at end`,
      })),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** `digest off`: false when there was nothing on. The row stays, so status can still tell the story. */
export async function unsubscribe(db: Kysely<Database>, conversationId: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('digest_subscriptions')
    .set({ enabled: false, updated_at: now })
    .where('conversation_id', '=', conversationId)
    .where('enabled', '=', true)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** `digest topics <query>`: false when the conversation has no digest on. */
export async function setTopics(
  db: Kysely<Database>,
  conversationId: string,
  topics: string,
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('digest_subscriptions')
    .set({ topics, updated_at: now })
    .where('conversation_id', '=', conversationId)
    .where('enabled', '=', true)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function findSubscription(
  db: Kysely<Database>,
  conversationId: string,
): Promise<Subscription | undefined> {
  return db
    .selectFrom('digest_subscriptions')
    .selectAll()
    .where('conversation_id', '=', conversationId)
    .executeTakeFirst();
}

/** Subscriptions that should post: on and not paused. */
export async function activeSubscriptions(db: Kysely<Database>): Promise<Subscription[]> {
  return db
    .selectFrom('digest_subscriptions')
    .selectAll()
    .where('enabled', '=', true)
    .where('paused_at', 'is', null)
    .execute();
}

/**
 * `DIGEST_CHANNELS` at start: each listed channel is subscribed with the defaults unless it has a
 * row already (so what people changed in Slack, off included, is kept). Returns the ones added.
 */
export async function seedChannels(
  db: Kysely<Database>,
  channelIds: readonly string[],
  defaults: { time: string; timeZone: string },
  now: Date,
): Promise<string[]> {
  if (channelIds.length === 0) return [];
  const rows = await db
    .insertInto('digest_subscriptions')
    .values(
      channelIds.map((id) => ({
        conversation_id: id,
        kind: 'channel' as const,
        time: defaults.time,
        time_zone: defaults.timeZone,
        topics: '',
        enabled: true,
        created_by: 'DIGEST_CHANNELS',
        created_at: now,
        updated_at: now,
      })),
    )
    .onConflict((oc) => oc.column('conversation_id').doNothing())
    .returning('conversation_id')
    .execute();
  return rows.map((r) => r.conversation_id);
}

export async function recordPosted(
  db: Kysely<Database>,
  conversationId: string,
  ts: string,
  now: Date,
): Promise<void> {
  await db
    .updateTable('digest_subscriptions')
    .set({ last_posted_at: now, last_ts: ts, failing_since: null })
    .where('conversation_id', '=', conversationId)
    .execute();
}

/**
 * Records a Slack error on the subscription. A permanent one starts (or continues) a failing
 * run; three days into it the subscription pauses itself. Returns whether it is paused now.
 */
export async function recordFailure(
  db: Kysely<Database>,
  conversationId: string,
  error: string,
  now: Date,
): Promise<{ paused: boolean }> {
  const permanent = PERMANENT_ERRORS.has(error);
  const current = await findSubscription(db, conversationId);
  if (current === undefined) return { paused: false };
  const failingSince = permanent ? (current.failing_since ?? now) : current.failing_since;
  const pause =
    permanent &&
    current.paused_at === null &&
    now.getTime() - new Date(failingSince ?? now).getTime() >= PAUSE_AFTER_MS;
  await db
    .updateTable('digest_subscriptions')
    .set({
      last_error: error,
      last_error_at: now,
      failing_since: failingSince,
      ...(pause ? { paused_at: now } : {}),
    })
    .where('conversation_id', '=', conversationId)
    .execute();
  return { paused: pause || current.paused_at !== null };
}
