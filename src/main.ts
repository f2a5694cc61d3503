#!/usr/bin/env node
import { Command } from 'commander';
import { articlesCommand } from './cli/articles.js';
import { askCommand } from './cli/ask.js';
import { checkCommand } from './cli/check.js';
import { ingestCommand } from './cli/ingest.js';
import { searchCommand } from './cli/search.js';
import { serveCommand } from './cli/serve.js';
import { sourcesCommand } from './cli/sources.js';
import { summarizeCommand } from './cli/summarize.js';

const program = new Command('newsbot')
  .description('A Slack bot that answers /news with summarised passages from a full-text index of news.')
  .showHelpAfterError()
  .addCommand(serveCommand(), { isDefault: true })
  .addCommand(askCommand())
  .addCommand(searchCommand())
  .addCommand(summarizeCommand())
  .addCommand(articlesCommand())
  .addCommand(checkCommand())
  .addCommand(sourcesCommand())
  .addCommand(ingestCommand());

await program.parseAsync(process.argv);
