import { Command } from 'commander';
import { commandContext, withDataOption } from './common.js';

// PLACEHOLDER: filled in by the issue that owns this command.
export function articlesCommand(): Command {
  return withDataOption(new Command('articles').description('(not yet available)')).action((options) => {
    commandContext(options);
    throw new Error('articles: not yet available');
  });
}
