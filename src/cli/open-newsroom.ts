import type { Config } from '../config.js';
import type { LoadTotals } from '../corpus/load.js';
import { Newsroom } from '../newsroom.js';
import type { RecencyOptions } from '../search/ranking.js';
import { type CommandContext, exitOnMissingFolder } from './common.js';

/** The recency preference the environment asks for; weight 0 turns it off. */
export function recencyFromConfig(config: Config): RecencyOptions | null {
  if (config.RECENCY_WEIGHT === 0) return null;
  return { weight: config.RECENCY_WEIGHT, halfLifeDays: config.RECENCY_HALF_LIFE_DAYS };
}

/**
 * Opens the newsroom for a command (the snapshot when the corpus is unchanged); a missing articles
 * folder ends the process with a message naming it.
 */
export async function openNewsroom(
  context: CommandContext,
): Promise<{ newsroom: Newsroom; totals: LoadTotals; fromSnapshot: boolean }> {
  try {
    return await Newsroom.open({
      dataDir: context.dataDir,
      stateDir: context.config.STATE_DIR,
      logger: context.logger,
      progress: 'auto',
      recency: recencyFromConfig(context.config),
    });
  } catch (err) {
    exitOnMissingFolder(err);
  }
}
