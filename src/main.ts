#!/usr/bin/env node
import { Command } from 'commander';
import { articlesCommand } from './cli/articles.js';
import { askCommand } from './cli/ask.js';
import { checkCommand } from './cli/check.js';
import { digestCommand } from './cli/digest.js';
import { searchCommand } from './cli/search.js';
import { serveCommand } from './cli/serve.js';
import { summarizeCommand } from './cli/summarize.js';

const program = new Command('newsbot')
  .description('A Slack bot that answers /news with summarised passages from a full-text index of news.')
  .showHelpAfterError()
  .addCommand(serveCommand(), { isDefault: true })
  .addCommand(askCommand())
  .addCommand(searchCommand())
  .addCommand(summarizeCommand())
  .addCommand(articlesCommand())
  .addCommand(digestCommand())
  .addCommand(checkCommand());

await program.parseAsync(process.argv);
