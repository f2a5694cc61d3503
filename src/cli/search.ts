import { Command } from 'commander';
import { commandContext, withDataOption } from './common.js';

// PLACEHOLDER: filled in by the issue that owns this command.
export function searchCommand(): Command {
  return withDataOption(new Command('search').description('(not yet available)')).action((options) => {
    commandContext(options);
    throw new Error('search: not yet available');
  });
}
