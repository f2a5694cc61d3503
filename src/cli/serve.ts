import { Command } from 'commander';
import { commandContext, withDataOption } from './common.js';

// PLACEHOLDER: filled in by the issue that owns this command.
export function serveCommand(): Command {
  return withDataOption(new Command('serve').description('(not yet available)')).action((options) => {
    commandContext(options);
    throw new Error('serve: not yet available');
  });
}
