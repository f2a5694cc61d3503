import { Command } from 'commander';
import { commandContext, withDataOption } from './common.js';

// PLACEHOLDER: filled in by the issue that owns this command.
export function summarizeCommand(): Command {
  return withDataOption(new Command('summarize').description('(not yet available)')).action((options) => {
    commandContext(options);
    throw new Error('summarize: not yet available');
  });
}
