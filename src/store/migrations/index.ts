import type { Migration, MigrationProvider } from 'kysely';
import * as articles from './0001-articles.js';
import * as digest from './0002-digest.js';
import * as watches from './0003-watches.js';
import * as feeds from './0004-feeds.js';

/**
 * Every migration, in order. Names sort in the order they run; a new table (sources, feed state,
 * watches…) is one more file here and one more line below. Never edit a migration that shipped.
 */
const MIGRATIONS: Record<string, Migration> = {
  '0001-articles': articles,
  '0002-digest': digest,
  '0003-watches': watches,
  '0004-feeds': feeds,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
