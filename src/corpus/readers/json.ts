import type { Problem } from '../problems.js';
import { bodyParagraphs } from './body-text.js';
import { arrayElementOffsets, fieldLine, jsonErrorOffset, lineAt, linesAt } from './json-locate.js';
import { ArticleRecordSchema, describeIssues, finishRecord, type ReaderResult } from './record.js';

/** Where one record sits in its file, and how to point at one of its fields. */
interface RecordPlace {
  file: string;
  origin: string;
  line: number;
  lineOf: (field: string) => number;
  /** "record #3" in multi-record files, "record" otherwise. */
  label: string;
}

/** Validates one decoded JSON value as an article record and finishes it. */
export function readRecord(value: unknown, place: RecordPlace): ReaderResult {
  const parsed = ArticleRecordSchema.safeParse(value);
  if (!parsed.success) {
    const reason = `${place.label} skipped: ${describeIssues(parsed.error)}`;
    const field = parsed.error.issues[0]?.path[0];
    const line = typeof field === 'string' ? place.lineOf(field) : place.line;
    return { records: [], problems: [{ file: place.file, line, reason }] };
  }
  const { body, text, ...fields } = parsed.data;
  const { record, problems } = finishRecord({
    ...place,
    fields,
    paragraphs: bodyParagraphs(body ?? text ?? ''),
  });
  return { records: [record], problems };
}

export function syntaxProblem(file: string, text: string, error: unknown, firstLine = 1): Problem {
  const offset = Math.max(0, jsonErrorOffset(text));
  const column = offset - text.lastIndexOf('\n', offset - 1);
  const message = error instanceof Error ? error.message : String(error);
  return {
    file,
    line: firstLine + lineAt(text, offset) - 1,
    reason: `JSON syntax error at column ${column}: ${message}`,
  };
}

/** A .json file: one article object, or an array of them (records `#1`, `#2`, …). */
export function parseJson(file: string, text: string): ReaderResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { records: [], problems: [syntaxProblem(file, text, error)] };
  }
  if (!Array.isArray(data)) {
    const line = lineAt(text, text.search(/\S/));
    const lineOf = (field: string): number => fieldLine(text, 0, text.length, field) ?? line;
    return readRecord(data, { file, origin: file, line, lineOf, label: 'record' });
  }
  const offsets = arrayElementOffsets(text);
  const lines = linesAt(text, offsets);
  const result: ReaderResult = { records: [], problems: [] };
  data.forEach((value: unknown, i) => {
    const start = offsets[i] ?? 0;
    const end = offsets[i + 1] ?? text.length;
    const line = lines[i] ?? 1;
    const lineOf = (field: string): number => fieldLine(text, start, end, field) ?? line;
    const one = readRecord(value, {
      file,
      origin: `${file}#${i + 1}`,
      line,
      lineOf,
      label: `record #${i + 1}`,
    });
    result.records.push(...one.records);
    result.problems.push(...one.problems);
  });
  return result;
}
