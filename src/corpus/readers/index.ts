import { extname } from 'node:path';
import { BINARY_FILE, decodeBytes, LATIN1_FALLBACK, looksBinary } from './decode.js';
import { parseJson } from './json.js';
import { parseJsonLines } from './jsonl.js';
import { parseMarkdown } from './markdown.js';
import type { ReaderResult } from './record.js';
import { parseRawText } from './text.js';

export type { ParsedRecord, ReaderResult } from './record.js';

/** Reads one decoded file; `file` is its path relative to the data folder. */
export type Reader = (file: string, text: string) => ReaderResult;

/** File extensions newsbot reads, and how. Anything else in the data folder is ignored. */
export const READERS: Readonly<Record<string, Reader>> = {
  '.txt': parseRawText,
  '.md': parseMarkdown,
  '.markdown': parseMarkdown,
  '.json': parseJson,
  '.jsonl': parseJsonLines,
  '.ndjson': parseJsonLines,
};

export function readerFor(file: string): Reader | undefined {
  return READERS[extname(file).toLowerCase()];
}

/** True for JSON Lines files, which the loader streams line by line instead of reading whole. */
export function isJsonLines(file: string): boolean {
  return readerFor(file) === parseJsonLines;
}

export const EMPTY_FILE = 'empty file: nothing to read';

/** Decodes and parses one file of any supported kind. */
export function parseFileRecords(file: string, bytes: Uint8Array): ReaderResult {
  const reader = readerFor(file);
  if (!reader) return { records: [], problems: [{ file, line: null, reason: 'not a supported file type' }] };
  if (looksBinary(bytes)) return { records: [], problems: [{ file, line: null, reason: BINARY_FILE }] };
  const { text, latin1Line } = decodeBytes(bytes);
  const problems = latin1Line === null ? [] : [{ file, line: latin1Line, reason: LATIN1_FALLBACK }];
  if (text.trim() === '')
    return { records: [], problems: [...problems, { file, line: null, reason: EMPTY_FILE }] };
  const result = reader(file, text);
  return { records: result.records, problems: [...problems, ...result.problems] };
}
