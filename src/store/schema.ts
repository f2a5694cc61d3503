import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** A `timestamptz` column: read as a Date, written as a Date or an ISO string. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;

/**
 * The articles newsbot has seen, as far as the store needs them: enough to know when each was
 * first seen (the digest window) and whether a file changed or disappeared between starts.
 */
export interface ArticlesTable {
  id: string;
  content_hash: string;
  first_seen: Timestamp;
  updated_at: Timestamp;
  /** Set when the article left the data folder; cleared if it comes back. */
  retired_at: Timestamp | null;
}

/** One conversation (a channel, or a person's DM with the bot) that gets a daily digest. */
export interface DigestSubscriptionsTable {
  /** Channel id (C…/G…) or, for a personal digest, the person's user id (U…/W…). */
  conversation_id: string;
  kind: 'channel' | 'person';
  /** Local time of day, "HH:MM". */
  time: string;
  /** IANA zone as given and validated, e.g. "Europe/Paris" or an alias such as "US/Eastern". */
  time_zone: string;
  /** A `/news` query; "" for all news. */
  topics: string;
  enabled: boolean;
  /** Who subscribed it: a user id, or "DIGEST_CHANNELS" for the start-up setting. */
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  last_posted_at: Timestamp | null;
  last_ts: string | null;
  /** The last error Slack gave for this conversation, e.g. "not_in_channel". */
  last_error: string | null;
  last_error_at: Timestamp | null;
  /** When the current run of permanent errors began (null when the last post worked). */
  failing_since: Timestamp | null;
  /** Set when the subscription paused itself after days of permanent errors. */
  paused_at: Timestamp | null;
}

/**
 * One row per conversation and local date: the claim that makes a digest go out at most once.
 * `claimed` with a live lease = being posted; `posted` = done (with the message ts); `failed` =
 * a permanent Slack error for that day.
 */
export interface DigestLedgerTable {
  conversation_id: string;
  /** The local date of the digest in the subscription's zone, "YYYY-MM-DD". */
  local_date: string;
  status: 'claimed' | 'posted' | 'failed';
  claimed_by: string;
  lease_until: Timestamp;
  attempts: Generated<number>;
  ts: string | null;
  error: string | null;
  updated_at: Timestamp;
}

export interface Database {
  articles: ArticlesTable;
  digest_subscriptions: DigestSubscriptionsTable;
  digest_ledger: DigestLedgerTable;
}

export type Subscription = Selectable<DigestSubscriptionsTable>;
export type NewSubscription = Insertable<DigestSubscriptionsTable>;
export type LedgerRow = Selectable<DigestLedgerTable>;
