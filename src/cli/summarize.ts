import { readFileSync } from 'node:fs';
import { Command, InvalidArgumentError } from 'commander';
import { parseFile } from '../corpus/load.js';
import { formatProblem } from '../corpus/problems.js';
import { parseQuery } from '../search/query.js';
import { leadSummary } from '../summarize/lead.js';
import { queryPassage } from '../summarize/passage.js';
import { splitSentences } from '../summarize/sentences.js';
import { terminalText } from '../terminal-text.js';

export interface FileSummary {
  file: string;
  sentences: string[];
  /** Why the file gave no summary (unreadable, no article in it). */
  error?: string;
}

/**
 * Summarises the first article of a file: its lead summary, or the passage that best answers
 * `query`, as a list of sentences.
 */
export function summarizeFile(file: string, sentences: number, query?: string): FileSummary {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    return { file, sentences: [], error: `cannot read: ${(err as NodeJS.ErrnoException).code ?? err}` };
  }
  const { articles, problems } = parseFile(file, bytes);
  const article = articles[0];
  if (article === undefined) {
    const reason = problems.length > 0 ? problems.map(formatProblem).join('; ') : 'no article found';
    return { file, sentences: [], error: reason };
  }
  if (query === undefined) {
    return { file, sentences: leadSummary(article.paragraphs, sentences, { title: article.title }) };
  }
  const { terms, phrases } = parseQuery(query, new Date());
  const passage = queryPassage(
    { ...article, storyId: article.id },
    { terms, phrases },
    { maxSentences: sentences },
  );
  // The passage marks skipped text with "…"; the pieces between are runs of adjacent sentences.
  const pieces = passage.text.split(/\s*…\s*/).filter((p) => p.length > 0);
  return { file, sentences: pieces.flatMap((p) => splitSentences(p).map((s) => s.text)) };
}

/** The readable form: the file, then a bullet per sentence (or the reason there is none). */
function summaryText(summary: FileSummary): string {
  if (summary.error !== undefined) return `${summary.file}: ${summary.error}\n`;
  return `${summary.file}\n${summary.sentences.map((s) => `  • ${s}`).join('\n')}\n`;
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 50) throw new InvalidArgumentError('expected a whole number 1–50');
  return n;
}

export function summarizeCommand(): Command {
  return new Command('summarize')
    .description(
      'summarise article files: the lead summary, or the passage answering --query; one line per file',
    )
    .argument(
      '<file...>',
      'article files (.txt, .md, .json, .jsonl); the first article of each is summarised',
    )
    .option('--json', 'print one JSON object per file: {"file","sentences":[...]}')
    .option('--sentences <n>', 'sentences per summary', positiveInt, 3)
    .option('--query <q>', 'summarise for this query (query-focused passage) instead of the lead')
    .action((files: string[], options: { json?: boolean; sentences: number; query?: string }) => {
      let failed = false;
      for (const file of files) {
        const summary = summarizeFile(file, options.sentences, options.query);
        if (summary.error !== undefined) failed = true;
        if (options.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
        else process.stdout.write(terminalText(summaryText(summary)));
      }
      process.exitCode = failed ? 1 : 0;
    });
}
