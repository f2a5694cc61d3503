import { Command } from 'commander';
import { commandContext, withDataOption } from './common.js';

// PLACEHOLDER: filled in by the issue that owns this command.
export function askCommand(): Command {
  return withDataOption(new Command('ask').description('(not yet available)')).action((options) => {
    commandContext(options);
    throw new Error('ask: not yet available');
  });
}
