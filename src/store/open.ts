import { access, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, Migrator, PostgresDialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import { type DirectoryLock, lockStateDir } from './lock.js';
import { migrationProvider } from './migrations/index.js';
import type { Database } from './schema.js';

// pg returns int8 (bigint, count(*)) as strings; PGlite returns numbers. Make both numbers:
// every bigint newsbot stores is a count or a millisecond time, far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export type Engine = 'pglite' | 'postgres';

export interface OpenedDatabase {
  db: Kysely<Database>;
  engine: Engine;
  /** Where the data lives, for logs: the PGlite folder, or the PostgreSQL host and database. */
  location: string;
  close(): Promise<void>;
}

export type DatabaseTarget =
  | { engine: 'postgres'; url: string; poolSize?: number }
  /** `lock`: STATE_DIR's lock when the caller took it already (to fail fast at start). */
  | { engine: 'pglite'; stateDir: string; lock?: DirectoryLock }
  /** An already open PGlite (tests share one per worker); closing it is the caller's job. */
  | { engine: 'pglite-instance'; pglite: PGlite };

/** The engine the settings ask for: PostgreSQL when DATABASE_URL is set, else PGlite under STATE_DIR/db. */
export function databaseTarget(settings: { DATABASE_URL?: string; STATE_DIR: string }): DatabaseTarget {
  return settings.DATABASE_URL
    ? { engine: 'postgres', url: settings.DATABASE_URL }
    : { engine: 'pglite', stateDir: settings.STATE_DIR };
}

/** "postgres://u:secret@host:5432/db" → "host:5432/db": never the password. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname}`;
  } catch {
    return 'DATABASE_URL';
  }
}

/** Opens the database (taking STATE_DIR's lock for PGlite) and brings its schema up to date. */
export async function openDatabase(target: DatabaseTarget): Promise<OpenedDatabase> {
  const opened = await connect(target);
  try {
    await migrate(opened.db);
  } catch (err) {
    await opened.close().catch(() => undefined);
    throw err;
  }
  return opened;
}

async function connect(target: DatabaseTarget): Promise<OpenedDatabase> {
  if (target.engine === 'postgres') {
    const pool = new pg.Pool({ connectionString: target.url, max: target.poolSize ?? 10 });
    // An idle client that loses its server emits 'error'; without a listener that would end the process.
    pool.on('error', () => undefined);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, engine: 'postgres', location: describeUrl(target.url), close: () => db.destroy() };
  }
  if (target.engine === 'pglite-instance') {
    const db = new Kysely<Database>({ dialect: new PGliteDialect(target.pglite) });
    return { db, engine: 'pglite', location: 'memory', close: async () => undefined };
  }
  const lock: DirectoryLock = target.lock ?? (await lockStateDir(target.stateDir));
  const dataDir = join(target.stateDir, 'db');
  let pglite: PGlite;
  try {
    await ensureCluster(target.stateDir, dataDir);
    pglite = new PGlite(dataDir);
    await pglite.waitReady;
  } catch (err) {
    await lock.release();
    throw err;
  }
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    engine: 'pglite',
    location: dataDir,
    close: async () => {
      await db.destroy().catch(() => undefined);
      await pglite.close().catch(() => undefined);
      await lock.release();
    },
  };
}

/**
 * A fresh PGlite cluster is made in a temporary folder and renamed into place once complete:
 * a process stopped during those seconds (Ctrl-C, end of console input) leaves no half-made
 * database behind, only a temporary folder removed on the next start.
 */
async function ensureCluster(stateDir: string, dataDir: string): Promise<void> {
  for (const name of await readdir(stateDir)) {
    if (name.startsWith('db.init-')) await rm(join(stateDir, name), { recursive: true, force: true });
  }
  const complete = await access(join(dataDir, 'PG_VERSION')).then(
    () => true,
    () => false,
  );
  if (complete) return;
  await rm(dataDir, { recursive: true, force: true });
  const temporary = join(stateDir, `db.init-${process.pid}`);
  const fresh = new PGlite(temporary);
  await fresh.waitReady;
  await fresh.close();
  await rename(temporary, dataDir);
}

/** Runs the migrations not yet applied; on PostgreSQL, Kysely's advisory lock lets one instance do it. */
export async function migrate(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
