import { Command } from 'commander';
import { type LoadTotals, loadArticles } from '../corpus/load.js';
import { formatProblem } from '../corpus/problems.js';
import { StoryGrouper } from '../corpus/stories.js';
import { commandContext, exitOnMissingFolder, withDataOption } from './common.js';

/** What `check` prints: one line per problem, then a one-line summary. */
export function checkReport(totals: LoadTotals): string {
  const counts = `${totals.files} files, ${totals.articles} articles, ${totals.stories} stories`;
  if (totals.problems.length === 0) return `no problems: ${counts}\n`;
  const lines = totals.problems.map(formatProblem);
  const noun = totals.problems.length === 1 ? 'problem' : 'problems';
  return `${lines.join('\n')}\n${totals.problems.length} ${noun} (${counts} loaded)\n`;
}

export function checkCommand(): Command {
  return withDataOption(
    new Command('check').description(
      'read the data folder and list every problem (file:line: reason); exits 1 when there are any',
    ),
  ).action(async (options: { data?: string }) => {
    const { logger, dataDir } = commandContext(options);
    const grouper = new StoryGrouper();
    let totals: LoadTotals;
    try {
      totals = await loadArticles(dataDir, (parsed) => grouper.admit(parsed), { logger, logProblems: false });
    } catch (err) {
      exitOnMissingFolder(err);
    }
    process.stdout.write(checkReport(totals));
    process.exitCode = totals.problems.length > 0 ? 1 : 0;
  });
}
