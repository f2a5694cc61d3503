import type { Kysely } from 'kysely';
import { claimedBy, LEASE_MS, lapsedClaim } from '../store/claims.js';
import type { Database, LedgerRow } from '../store/schema.js';

export interface LedgerKey {
  conversationId: string;
  localDate: string;
}

/**
 * Claims the day's digest for a conversation: true when this instance may post it now. A new day,
 * or a claim whose lease ran out (its instance crashed or gave up), can be taken; a posted or
 * failed day, or a live claim, cannot, unless `force` (the CLI's `--post --force`). See
 * store/claims.ts.
 */
export async function claim(
  db: Kysely<Database>,
  key: LedgerKey,
  owner: string,
  now: Date,
  options: { force?: boolean; leaseMs?: number } = {},
): Promise<boolean> {
  const rows = await db
    .insertInto('digest_ledger')
    .values({
      conversation_id: key.conversationId,
      local_date: key.localDate,
      ...claimedBy(owner, now, options.leaseMs),
    })
    .onConflict((oc) => {
      const update = oc.columns(['conversation_id', 'local_date']).doUpdateSet((eb) => ({
        status: 'claimed' as const,
        claimed_by: eb.ref('excluded.claimed_by'),
        lease_until: eb.ref('excluded.lease_until'),
        attempts: eb('digest_ledger.attempts', '+', 1),
        error: null,
        updated_at: eb.ref('excluded.updated_at'),
      }));
      if (options.force) return update;
      return update.where(lapsedClaim('digest_ledger', now));
    })
    .returning('claimed_by')
    .execute();
  return rows.length === 1;
}

/** An update of this day's row, only while `owner` holds the claim (a lapsed claim taken over is not ours). */
function ownClaim(db: Kysely<Database>, key: LedgerKey, owner: string) {
  return db
    .updateTable('digest_ledger')
    .where('conversation_id', '=', key.conversationId)
    .where('local_date', '=', key.localDate)
    .where('claimed_by', '=', owner);
}

/** Extends this owner's claim (before a long wait, e.g. Slack's Retry-After). */
export async function renew(
  db: Kysely<Database>,
  key: LedgerKey,
  owner: string,
  now: Date,
  leaseMs = LEASE_MS,
): Promise<boolean> {
  const result = await ownClaim(db, key, owner)
    .set({ lease_until: new Date(now.getTime() + leaseMs), updated_at: now })
    .where('status', '=', 'claimed')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Done: posted with this ts (null: nothing to post that day, DIGEST_EMPTY=skip). */
export async function complete(
  db: Kysely<Database>,
  key: LedgerKey,
  owner: string,
  ts: string | null,
  now: Date,
): Promise<void> {
  await ownClaim(db, key, owner).set({ status: 'posted', ts, updated_at: now }).execute();
}

/** A permanent error for the day: not tried again until tomorrow. */
export async function fail(
  db: Kysely<Database>,
  key: LedgerKey,
  owner: string,
  error: string,
  now: Date,
): Promise<void> {
  await ownClaim(db, key, owner).set({ status: 'failed', error, updated_at: now }).execute();
}

/** A passing failure: the claim lapses at `retryAt`, when any instance may try again. */
export async function release(
  db: Kysely<Database>,
  key: LedgerKey,
  owner: string,
  error: string,
  retryAt: Date,
  now: Date,
): Promise<void> {
  await ownClaim(db, key, owner)
    .set({ lease_until: retryAt, error, updated_at: now })
    .where('status', '=', 'claimed')
    .execute();
}

export async function ledgerRow(db: Kysely<Database>, key: LedgerKey): Promise<LedgerRow | undefined> {
  return db
    .selectFrom('digest_ledger')
    .selectAll()
    .where('conversation_id', '=', key.conversationId)
    .where('local_date', '=', key.localDate)
    .executeTakeFirst();
}

/** Days already settled (posted or failed) for these conversations on these dates. */
export async function settledDays(db: Kysely<Database>, localDates: readonly string[]): Promise<Set<string>> {
  if (localDates.length === 0) return new Set();
  const rows = await db
    .selectFrom('digest_ledger')
    .select(['conversation_id', 'local_date'])
    .where('local_date', 'in', [...new Set(localDates)])
    .where('status', '!=', 'claimed')
    .execute();
  return new Set(rows.map((r) => `${r.conversation_id} ${r.local_date}`));
}
