import type { Config } from '../config.js';
import type { LoadTotals } from '../corpus/load.js';
import { InProcessDesk } from '../newsroom/desk.js';
import { Newsroom } from '../newsroom/newsroom.js';
import { WorkerDesk } from '../newsroom/worker-desk.js';
import type { RecencyOptions } from '../search/ranking.js';
import { type CommandContext, exitOnMissingFolder } from './common.js';
import { ensureStateDir } from './state-dir.js';

/** The recency preference the environment asks for; weight 0 turns it off. */
export function recencyFromConfig(config: Config): RecencyOptions | null {
  if (config.RECENCY_WEIGHT === 0) return null;
  return { weight: config.RECENCY_WEIGHT, halfLifeDays: config.RECENCY_HALF_LIFE_DAYS };
}

/**
 * Opens the newsroom in this thread for a one-shot command (the snapshot when the corpus is
 * unchanged); a missing articles folder or an unusable STATE_DIR ends the process with a message
 * naming it.
 */
export async function openInProcessDesk(
  context: CommandContext,
): Promise<{ desk: InProcessDesk; totals: LoadTotals; fromSnapshot: boolean }> {
  ensureStateDir(context.config.STATE_DIR);
  try {
    const { newsroom, totals, fromSnapshot } = await Newsroom.open({
      dataDir: context.dataDir,
      stateDir: context.config.STATE_DIR,
      logger: context.logger,
      progress: 'auto',
      recency: recencyFromConfig(context.config),
    });
    return { desk: new InProcessDesk(newsroom), totals, fromSnapshot };
  } catch (err) {
    exitOnMissingFolder(err);
  }
}

/**
 * Starts the newsroom worker for `serve`; it loads in the background (see `desk.ready`). An
 * unusable STATE_DIR ends the process at once.
 */
export function startWorkerDesk(context: CommandContext): WorkerDesk {
  ensureStateDir(context.config.STATE_DIR);
  return new WorkerDesk(
    {
      dataDir: context.dataDir,
      stateDir: context.config.STATE_DIR,
      recency: recencyFromConfig(context.config),
      logLevel: context.config.LOG_LEVEL,
    },
    context.logger,
  );
}
