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
  /** The feed a feed article came from; null for a data-folder file (the folder sync skips feed rows). */
  feed_url: ColumnType<string | null, string | null | undefined, string | null>;
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

/** A saved `/news` query whose new stories are posted to a conversation as they break. */
export interface WatchesTable {
  id: Generated<number>;
  /** Channel id, or the person's user id for a watch set in a DM with the bot. */
  conversation_id: string;
  query: string;
  created_by: string;
  created_at: Timestamp;
  /** Stories posted so far. */
  hits: Generated<number>;
  last_posted_at: Timestamp | null;
  last_ts: string | null;
  last_error: string | null;
  last_error_at: Timestamp | null;
}

/**
 * One row per watch and story: `claimed` with a live lease = being posted; `posted` = done (ts of
 * the post, whose thread takes the story's later outlets); `failed` = Slack refused it; `capped` =
 * past the hourly cap, counted in a summary post (`summary` names it once posted).
 * Summary posts themselves are rows whose story_id is `summary:<ISO time>`.
 */
export interface WatchLedgerTable {
  watch_id: number;
  story_id: string;
  status: 'claimed' | 'posted' | 'failed' | 'capped';
  claimed_by: string;
  lease_until: Timestamp;
  ts: string | null;
  error: string | null;
  summary: string | null;
  updated_at: Timestamp;
}

/** Articles already announced by a watch (the post, or a reply in its thread): never twice. */
export interface WatchArticlesTable {
  watch_id: number;
  article_id: string;
  story_id: string;
  at: Generated<Date>;
}

/** A feed source added at run time (`/news sources add`), beyond FEEDS and the feeds file. */
export interface FeedSourcesTable {
  url: string;
  name: string | null;
  interval_seconds: number;
  added_at: Generated<Date>;
}

/** What newsbot remembers about one feed between polls (see feeds/state-store.ts). */
export interface FeedStatesTable {
  url: string;
  etag: string | null;
  last_modified: string | null;
  feed_title: string | null;
  last_success_at: Timestamp | null;
  last_error_at: Timestamp | null;
  last_error: string | null;
  failures: number;
  next_poll_at: Timestamp | null;
}

/**
 * One item a feed carried, keyed by feed and item key, with the article it became (JSON) so that a
 * restart restores it without refetching. `seq` grows with every write: other instances read the
 * rows after the last one they saw. A retired row keeps its key (article null) for a while, so
 * that the other instances see the article go.
 */
export interface FeedItemsTable {
  feed_url: string;
  key: string;
  article_id: string;
  content_hash: string;
  raw_digest: string;
  published: string | null;
  first_seen_at: Timestamp;
  new_at: Timestamp | null;
  article: unknown;
  seq: Generated<number>;
  changed_at: Generated<Date>;
  written_by: string;
  retired_at: Timestamp | null;
}

/** Who polls a feed right now: one instance at a time, until `lease_until`. */
export interface FeedLeasesTable {
  feed_url: string;
  owner: string;
  lease_until: Timestamp;
}

export interface Database {
  articles: ArticlesTable;
  digest_subscriptions: DigestSubscriptionsTable;
  digest_ledger: DigestLedgerTable;
  watches: WatchesTable;
  watch_ledger: WatchLedgerTable;
  watch_articles: WatchArticlesTable;
  feed_sources: FeedSourcesTable;
  feed_states: FeedStatesTable;
  feed_items: FeedItemsTable;
  feed_leases: FeedLeasesTable;
}

export type Watch = Selectable<WatchesTable>;
export type WatchLedgerRow = Selectable<WatchLedgerTable>;

export type Subscription = Selectable<DigestSubscriptionsTable>;
export type NewSubscription = Insertable<DigestSubscriptionsTable>;
export type LedgerRow = Selectable<DigestLedgerTable>;
