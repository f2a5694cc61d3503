import type { Command } from 'commander';
import { type Config, ConfigError, loadConfig } from '../config.js';
import { createLogger, type Logger } from '../logger.js';
import { CorpusFolderError } from '../storage/corpus-walk.js';

/** Adds the options every command shares. */
export function withDataOption(command: Command): Command {
  return command.option('--data <dir>', 'folder of articles to read, recursively (env ARTICLES_DIR)');
}

export interface CommandContext {
  config: Config;
  logger: Logger;
  /** The articles folder: --data, else ARTICLES_DIR, else data/articles. */
  dataDir: string;
}

/** Reads the environment once per command; a wrong setting ends the process with a clear message. */
export function commandContext(options: { data?: string }): CommandContext {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`newsbot: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger(config.LOG_LEVEL);
  return { config, logger, dataDir: options.data ?? config.ARTICLES_DIR };
}

/** Ends the process with one line on standard error, no stack trace. */
export function fail(message: string): never {
  process.stderr.write(`newsbot: ${message}\n`);
  process.exit(1);
}

/** The one line every command gives for a missing or wrong data folder: what, and how to point elsewhere. */
export function missingFolderMessage(message: string): string {
  return `${message} (set --data or ARTICLES_DIR)`;
}

/**
 * Every command's answer to a missing or wrong data folder: that line, exit code 1. Any other
 * error is not ours to explain and is thrown on.
 */
export function exitOnMissingFolder(err: unknown): never {
  if (!(err instanceof CorpusFolderError)) throw err;
  fail(missingFolderMessage(err.message));
}
