import { readRecord, syntaxProblem } from './json.js';
import type { ReaderResult } from './record.js';

/**
 * Reads a JSON Lines file one line at a time, so that a large file never has to be in memory
 * whole. Each non-blank line is a record; its number (`#N`) counts non-blank lines.
 */
export class JsonLinesReader {
  #line = 0;
  #records = 0;

  constructor(readonly file: string) {}

  /** Number of records (non-blank lines) seen so far. */
  get records(): number {
    return this.#records;
  }

  /** Reads the next line of the file (without its line ending). */
  push(text: string): ReaderResult {
    this.#line++;
    const line = this.#line;
    if (text.trim() === '') return { records: [], problems: [] };
    this.#records++;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      return { records: [], problems: [syntaxProblem(this.file, text, error, line)] };
    }
    const origin = `${this.file}#${this.#records}`;
    return readRecord(value, {
      file: this.file,
      origin,
      line,
      lineOf: () => line,
      label: `record #${this.#records}`,
    });
  }
}

/** A whole .jsonl text at once (for tests and small files). */
export function parseJsonLines(file: string, text: string): ReaderResult {
  const reader = new JsonLinesReader(file);
  const result: ReaderResult = { records: [], problems: [] };
  for (const line of text.split('\n')) {
    const one = reader.push(line.endsWith('\r') ? line.slice(0, -1) : line);
    result.records.push(...one.records);
    result.problems.push(...one.problems);
  }
  return result;
}
