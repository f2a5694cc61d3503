import type { Kysely } from 'kysely';
import type { Database, Watch } from '../store/schema.js';

/** Saves a watch for a conversation; returns it with its id. */
export async function addWatch(
  db: Kysely<Database>,
  watch: { conversationId: string; query: string; createdBy: string },
  now: Date,
): Promise<Watch> {
  return db
    .insertInto('watches')
    .values({
      conversation_id: watch.conversationId,
      query: watch.query,
      created_by: watch.createdBy,
      created_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function watchesOf(db: Kysely<Database>, conversationId: string): Promise<Watch[]> {
  return db
    .selectFrom('watches')
    .selectAll()
    .where('conversation_id', '=', conversationId)
    .orderBy('id')
    .execute();
}

export async function allWatches(db: Kysely<Database>): Promise<Watch[]> {
  return db.selectFrom('watches').selectAll().orderBy('id').execute();
}

/** Removes one watch of this conversation (by id) or all of them; returns how many went. */
export async function removeWatches(
  db: Kysely<Database>,
  conversationId: string,
  which: number | 'all',
): Promise<number> {
  let query = db.deleteFrom('watches').where('conversation_id', '=', conversationId);
  if (which !== 'all') query = query.where('id', '=', which);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** A story posted: one more hit, and the last post. */
export async function recordPost(db: Kysely<Database>, id: number, ts: string, now: Date): Promise<void> {
  await db
    .updateTable('watches')
    .set((eb) => ({ hits: eb('hits', '+', 1), last_posted_at: now, last_ts: ts, last_error: null }))
    .where('id', '=', id)
    .execute();
}

/** Slack refused a post: kept on the watch for `watch list`. */
export async function recordError(db: Kysely<Database>, id: number, error: string, now: Date): Promise<void> {
  await db
    .updateTable('watches')
    .set({ last_error: error, last_error_at: now })
    .where('id', '=', id)
    .execute();
}
