import { Command } from 'commander';
import { commandContext, withDataOption } from './common.js';

// PLACEHOLDER: filled in by the issue that owns this command.
export function checkCommand(): Command {
  return withDataOption(new Command('check').description('(not yet available)')).action((options) => {
    commandContext(options);
    throw new Error('check: not yet available');
  });
}
