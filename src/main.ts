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
  .configureOutput({
    // commander says "error: unknown command 'serach'\n(Did you mean search?)": one line reads better.
    outputError: (text, write) => write(text.replace(/\n\(Did you mean (.+)\?\)/, ' (did you mean $1?)')),
  })
  .addCommand(serveCommand())
  .addCommand(askCommand())
  .addCommand(searchCommand())
  .addCommand(summarizeCommand())
  .addCommand(articlesCommand())
  .addCommand(digestCommand())
  .addCommand(checkCommand());

/**
 * `serve` is what runs without a command (`newsbot`, `newsbot --data dir`). It is not commander's
 * default command, because a default command swallows a mistyped one ("serach ukraine" would be
 * "too many arguments for 'serve'") instead of naming it.
 */
function withDefaultCommand(argv: string[]): string[] {
  const [first] = argv.slice(2);
  const programFlags = ['-h', '--help', '-V', '--version'];
  if (first === undefined || (first.startsWith('-') && !programFlags.includes(first))) {
    return [...argv.slice(0, 2), 'serve', ...argv.slice(2)];
  }
  return argv;
}

await program.parseAsync(withDefaultCommand(process.argv));
