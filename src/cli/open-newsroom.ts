import { CorpusFolderError } from '../corpus/load.js';
import { Newsroom } from '../newsroom.js';
import type { CommandContext } from './common.js';

/**
 * Opens the newsroom for a one-shot command (snapshot when the corpus is unchanged), without a
 * progress bar on stdout-heavy commands; a missing articles folder ends the process with its name.
 */
export async function openNewsroom(context: CommandContext): Promise<Newsroom> {
  try {
    const { newsroom } = await Newsroom.open({
      dataDir: context.dataDir,
      stateDir: context.config.STATE_DIR,
      logger: context.logger,
      progress: 'auto',
    });
    return newsroom;
  } catch (err) {
    if (err instanceof CorpusFolderError) {
      process.stderr.write(`newsbot: ${err.message} (set --data or ARTICLES_DIR)\n`);
      process.exit(1);
    }
    throw err;
  }
}
