import { type Kysely, sql } from 'kysely';

/**
 * Topic watches, the ledger that posts each story once per watch (unique on watch and story), and
 * the articles already announced in a watch's threads.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('watches')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('conversation_id', 'text', (c) => c.notNull())
    .addColumn('query', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('hits', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_posted_at', 'timestamptz')
    .addColumn('last_ts', 'text')
    .addColumn('last_error', 'text')
    .addColumn('last_error_at', 'timestamptz')
    .execute();
  await db.schema
    .createTable('watch_ledger')
    .addColumn('watch_id', 'integer', (c) => c.notNull().references('watches.id').onDelete('cascade'))
    .addColumn('story_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('claimed', 'posted', 'failed', 'capped')`),
    )
    .addColumn('claimed_by', 'text', (c) => c.notNull())
    .addColumn('lease_until', 'timestamptz', (c) => c.notNull())
    .addColumn('ts', 'text')
    .addColumn('error', 'text')
    /** For a capped story: the summary post that counted it, once there is one. */
    .addColumn('summary', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('watch_ledger_pkey', ['watch_id', 'story_id'])
    .execute();
  await db.schema
    .createTable('watch_articles')
    .addColumn('watch_id', 'integer', (c) => c.notNull().references('watches.id').onDelete('cascade'))
    .addColumn('article_id', 'text', (c) => c.notNull())
    .addColumn('story_id', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('watch_articles_pkey', ['watch_id', 'article_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('watch_articles').execute();
  await db.schema.dropTable('watch_ledger').execute();
  await db.schema.dropTable('watches').execute();
}
