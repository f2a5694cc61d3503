import { type Kysely, sql } from 'kysely';

/**
 * Live feeds: run-time sources, each feed's polling state, the items it carried (with the article
 * each became, so a restart brings feed articles back without refetching), and the leases that let
 * one instance at a time poll a feed. `articles.feed_url` marks a feed article's first_seen row, so
 * that the data-folder sync leaves it alone.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('articles').addColumn('feed_url', 'text').execute();
  await db.schema
    .createTable('feed_sources')
    .addColumn('url', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text')
    .addColumn('interval_seconds', 'integer', (c) => c.notNull())
    .addColumn('added_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('feed_states')
    .addColumn('url', 'text', (c) => c.primaryKey())
    .addColumn('etag', 'text')
    .addColumn('last_modified', 'text')
    .addColumn('feed_title', 'text')
    .addColumn('last_success_at', 'timestamptz')
    .addColumn('last_error_at', 'timestamptz')
    .addColumn('last_error', 'text')
    .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_poll_at', 'timestamptz')
    .execute();
  // Every write to an item takes the next number: other instances read what changed after theirs.
  await sql`create sequence feed_items_seq`.execute(db);
  await db.schema
    .createTable('feed_items')
    .addColumn('feed_url', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('article_id', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('raw_digest', 'text', (c) => c.notNull())
    .addColumn('published', 'text')
    .addColumn('first_seen_at', 'timestamptz', (c) => c.notNull())
    .addColumn('new_at', 'timestamptz')
    /** The article as indexed (JSON); null once retired. */
    .addColumn('article', 'jsonb')
    .addColumn('seq', 'bigint', (c) => c.notNull().defaultTo(sql`nextval('feed_items_seq')`))
    .addColumn('changed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('written_by', 'text', (c) => c.notNull())
    /** Set when retention or a removed feed retired the item: kept a while so other instances see it go. */
    .addColumn('retired_at', 'timestamptz')
    .addPrimaryKeyConstraint('feed_items_pkey', ['feed_url', 'key'])
    .execute();
  await db.schema.createIndex('feed_items_seq_idx').on('feed_items').column('seq').execute();
  await db.schema.createIndex('feed_items_article_idx').on('feed_items').column('article_id').execute();
  await db.schema
    .createTable('feed_leases')
    .addColumn('feed_url', 'text', (c) => c.primaryKey())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('lease_until', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('feed_leases').execute();
  await db.schema.dropTable('feed_items').execute();
  await sql`drop sequence feed_items_seq`.execute(db);
  await db.schema.dropTable('feed_states').execute();
  await db.schema.dropTable('feed_sources').execute();
  await db.schema.alterTable('articles').dropColumn('feed_url').execute();
}
