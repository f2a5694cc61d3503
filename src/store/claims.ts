import { type RawBuilder, sql } from 'kysely';

/**
 * The claim pattern of the posting ledgers (digest days, watch stories): a row per thing to post,
 * inserted as `claimed` by one instance with a lease, or taken over — in the same statement, so two
 * instances get one winner — only while it is still a claim whose lease ran out (its instance died
 * or gave up). A settled row (posted, failed...) is never taken.
 */

/** How long a claim holds before another instance may take it over (renewed while waiting on Slack). */
export const LEASE_MS = 5 * 60_000;

type LedgerTable = 'digest_ledger' | 'watch_ledger';

/** A new claim's owner, lease and time. */
export function claimedBy(owner: string, now: Date, leaseMs = LEASE_MS) {
  return {
    status: 'claimed' as const,
    claimed_by: owner,
    lease_until: new Date(now.getTime() + leaseMs),
    updated_at: now,
  };
}

/** The condition under which an existing row may be claimed again: a claim whose lease ran out. */
export function lapsedClaim(table: LedgerTable, now: Date): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(`${table}.status`)} = 'claimed' and ${sql.ref(`${table}.lease_until`)} < ${now}`;
}
