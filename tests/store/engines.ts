import { createHash, randomBytes } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { cp, mkdtemp, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { migrationProvider } from '../../src/store/migrations/index.js';
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

const TABLES = [
  'articles',
  'digest_subscriptions',
  'digest_ledger',
  'watch_articles',
  'watch_ledger',
  'watches',
  'feed_sources',
  'feed_states',
  'feed_items',
  'feed_leases',
];

// One PGlite per test worker (a fresh one takes seconds to start): kept on globalThis so every
// test file the worker runs reuses it; tests truncate its tables instead of reopening it.
const shared = globalThis as { newsbotTestPglite?: Promise<PGlite> };

export function sharedPglite(): Promise<PGlite> {
  shared.newsbotTestPglite ??= (async () => {
    // Opening a copy of a migrated cluster takes a fraction of making a fresh one.
    await removeStaleCopies();
    const copy = await mkdtemp(join(tmpdir(), COPY_PREFIX));
    process.once('exit', () => rmSync(copy, { recursive: true, force: true }));
    await cp(await migratedTemplate(), copy, { recursive: true });
    const pglite = new PGlite(copy);
    await pglite.waitReady;
    const { db } = await openDatabase({ engine: 'pglite-instance', pglite });
    await migrate(db);
    return pglite;
  })();
  return shared.newsbotTestPglite;
}

const COPY_PREFIX = 'newsbot-test-pglite-copy-';

/** Copies left by workers that were killed rather than exited (older than a day). */
async function removeStaleCopies(): Promise<void> {
  const dayAgo = Date.now() - 24 * 3600_000;
  for (const name of await readdir(tmpdir())) {
    if (!name.startsWith(COPY_PREFIX)) continue;
    const path = join(tmpdir(), name);
    const info = await stat(path).catch(() => null);
    if (info && info.mtimeMs < dayAgo) await rm(path, { recursive: true, force: true });
  }
}

/**
 * A migrated PGlite cluster in the system's temp folder, made once and kept between runs (named
 * after the PGlite version and the migrations, so a new one is made when either changes).
 * Made aside and renamed into place, so parallel workers never see half of one.
 */
async function migratedTemplate(): Promise<string> {
  const migrations = Object.keys(await migrationProvider.getMigrations()).join('+');
  // package.json pins PGlite exactly, so its entry names the version.
  const version = String(
    JSON.parse(await readFile('package.json', 'utf8')).dependencies['@electric-sql/pglite'],
  );
  const key = createHash('sha256').update(`${version} ${migrations}`).digest('hex').slice(0, 12);
  const dir = join(tmpdir(), `newsbot-test-pglite-template-${key}`);
  if (existsSync(join(dir, 'PG_VERSION'))) return dir;
  const building = `${dir}.build-${process.pid}-${randomBytes(3).toString('hex')}`;
  const fresh = new PGlite(building);
  await fresh.waitReady;
  const { db } = await openDatabase({ engine: 'pglite-instance', pglite: fresh });
  await migrate(db);
  await fresh.close();
  await rename(building, dir).catch(() => rm(building, { recursive: true, force: true }));
  return dir;
}

/**
 * A STATE_DIR whose embedded database is a copy of the migrated template: a command started on it
 * opens PGlite in a few seconds instead of making a cluster first.
 */
export async function seededStateDir(stateDir: string): Promise<string> {
  await cp(await migratedTemplate(), join(stateDir, 'db'), { recursive: true });
  return stateDir;
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
