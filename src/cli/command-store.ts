import type { Config } from '../config.js';
import { openStore } from '../digest/start.js';
import type { Logger } from '../logger.js';
import { StoreLockedError } from '../store/lock.js';
import type { Store } from '../store/store.js';

/** How long a command waits for the store to open (a first PGlite start takes seconds). */
const OPEN_WAIT_MS = 60_000;

/**
 * The open store for a one-shot command, or null when another newsbot holds the embedded store
 * (PGlite allows one process per STATE_DIR) or the database does not open in time: the reason and
 * `without` (what the command does instead) go to standard error, and the command goes on.
 */
export async function openCommandStore(
  config: Config,
  logger: Logger,
  without: string,
): Promise<Store | null> {
  const goOn = (reason: string) => {
    process.stderr.write(`newsbot: ${reason}\nnewsbot: going on without the store: ${without}\n`);
    return null;
  };
  let store: Store;
  try {
    store = await openStore(config, logger.child({}, { level: 'warn' }));
  } catch (err) {
    if (!(err instanceof StoreLockedError)) throw err;
    return goOn(err.message);
  }
  let timer: NodeJS.Timeout | undefined;
  const opened = await Promise.race([
    store.ready().then(() => true),
    new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), OPEN_WAIT_MS);
    }),
  ]);
  clearTimeout(timer);
  if (opened) return store;
  await store.close();
  return goOn(`the store did not open within ${OPEN_WAIT_MS / 1000} s`);
}
