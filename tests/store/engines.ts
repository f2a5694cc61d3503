import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { migrate, openDatabase } from '../../src/store/open.js';
import type { Database } from '../../src/store/schema.js';

/** A real PostgreSQL for the second half of the contract suite (set by .ci/run), or undefined. */
export const POSTGRES_URL = process.env.DATABASE_URL || undefined;

let warned = false;
/** Says once, visibly, that the PostgreSQL half is not running. */
export function noticeSkippedPostgres(): void {
  if (POSTGRES_URL || warned) return;
  warned = true;
  process.stderr.write(
    '\n⚠ DATABASE_URL is not set: the PostgreSQL half of the store tests is SKIPPED (.ci/run runs it).\n\n',
  );
}

const TABLES = ['articles', 'digest_subscriptions', 'digest_ledger'];

// One PGlite per test worker (a fresh one takes seconds to start): kept on globalThis so every
// test file the worker runs reuses it; tests truncate its tables instead of reopening it.
const shared = globalThis as { newsbotTestPglite?: Promise<PGlite> };

export function sharedPglite(): Promise<PGlite> {
  shared.newsbotTestPglite ??= (async () => {
    const pglite = await PGlite.create();
    const { db } = await openDatabase({ engine: 'pglite-instance', pglite });
    await migrate(db);
    return pglite;
  })();
  return shared.newsbotTestPglite;
}

/** A database of its own on the test PostgreSQL server, dropped at the end. */
export async function scratchPostgres(url: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `newsbot_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

export interface EngineUnderTest {
  name: 'pglite' | 'postgres';
  /** Skipped (with a notice) when there is no PostgreSQL to test against. */
  skip: boolean;
}

export const ENGINES: EngineUnderTest[] = [
  { name: 'pglite', skip: false },
  { name: 'postgres', skip: POSTGRES_URL === undefined },
];

/**
 * Hooks for a describe block on one engine: a migrated database for the block (PGlite shared per
 * worker; a scratch database on PostgreSQL), emptied before each test. Returns a getter.
 */
export function useEngine(engine: EngineUnderTest): { db: () => Kysely<Database>; url: () => string | null } {
  let db: Kysely<Database> | undefined;
  let close: () => Promise<void> = async () => undefined;
  let scratchUrl: string | null = null;
  beforeAll(async () => {
    if (engine.skip) return;
    if (engine.name === 'pglite') {
      const opened = await openDatabase({ engine: 'pglite-instance', pglite: await sharedPglite() });
      db = opened.db;
      return;
    }
    const scratch = await scratchPostgres(POSTGRES_URL as string);
    scratchUrl = scratch.url;
    const opened = await openDatabase({ engine: 'postgres', url: scratch.url });
    db = opened.db;
    close = async () => {
      await opened.close();
      await scratch.drop();
    };
  }, 60_000);
  beforeEach(async () => {
    if (db) await sql`truncate ${sql.join(TABLES.map((t) => sql.table(t)))}`.execute(db);
  });
  afterAll(async () => {
    await close();
  });
  return {
    db: () => {
      if (!db) throw new Error('engine not open');
      return db;
    },
    url: () => scratchUrl,
  };
}
