import { terminalText } from '../terminal-text.js';

/** Something wrong with one file or record: reported, then loading goes on. */
export interface Problem {
  /** The file as the user would open it (the data folder joined with its relative path). */
  file: string;
  /** 1-based line the problem starts on, or null when it concerns the whole file. */
  line: number | null;
  reason: string;
}

/**
 * One line, compiler style: `data/x.jsonl:12: reason` (no `:line` when the line is unknown). File
 * names and reasons can quote bytes from the files: controls are dropped so the line prints safely.
 */
export function formatProblem(p: Problem): string {
  const line = p.line === null ? `${p.file}: ${p.reason}` : `${p.file}:${p.line}: ${p.reason}`;
  return terminalText(line).replace(/\n/g, ' ');
}
