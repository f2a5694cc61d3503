import { parseDocument } from 'yaml';
import { parseBody } from '../clean/body.js';
import { markdownHeading } from '../clean/headings.js';
import { normalizeLine } from '../clean/normalize.js';
import { describeIssues, FrontMatterSchema, finishRecord, type ReaderResult } from './record.js';

const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;

// Inline Markdown reduced to its text, in this order (images before links).
const INLINE_MARKUP: readonly [RegExp, string][] = [
  [/!\[[^\]]*\]\([^)]*\)/g, ''], // images
  [/\[([^\]]+)\]\([^)]*\)/g, '$1'], // links
  [/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, '$2'], // strong
  [/(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])/g, '$1'], // emphasis
  [/`([^`]+)`/g, '$1'], // code
  [/^>\s?/, ''], // block quote
  [/^(?:-{3,}|\*{3,}|_{3,})$/, ''], // rule: a paragraph break
];

function plainMarkdownLine(line: string): string {
  let text = line;
  for (const [pattern, replacement] of INLINE_MARKUP) text = text.replace(pattern, replacement);
  return normalizeLine(text);
}

/** A Markdown article: YAML front matter (`id`, `title`, `url`, `published`, `source`, `credit`), then the body. */
export function parseMarkdown(file: string, text: string): ReaderResult {
  const front = FRONT_MATTER.exec(text);
  const yamlText = front?.[1] ?? '';
  const document = parseDocument(yamlText);
  const yamlError = document.errors[0];
  if (yamlError) {
    const line = 1 + (yamlError.linePos?.[0].line ?? 1);
    const reason = `front matter is not valid YAML: ${yamlError.message.split('\n')[0]}`;
    return { records: [], problems: [{ file, line, reason }] };
  }
  const lineOf = (field: string): number => {
    const index = yamlText.split('\n').findIndex((line) => line.startsWith(`${field}:`));
    return index === -1 ? 1 : index + 2;
  };
  const data: unknown = document.toJS() ?? {};
  const parsed = FrontMatterSchema.safeParse(data);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path[0];
    const reason = `front matter skipped: ${describeIssues(parsed.error)}`;
    return { records: [], problems: [{ file, line: typeof field === 'string' ? lineOf(field) : 1, reason }] };
  }

  const lines = text
    .slice(front?.[0].length ?? 0)
    .split(/\r?\n/)
    .map(plainMarkdownLine);
  const headingIndex = lines.findIndex((line) => markdownHeading(line) !== null);
  const title =
    parsed.data.title ?? (headingIndex === -1 ? null : markdownHeading(lines[headingIndex] ?? ''));
  if (!title) {
    const reason = 'no title: the front matter has no "title" and the text no # heading';
    return { records: [], problems: [{ file, line: 1, reason }] };
  }
  const { record, problems } = finishRecord({
    file,
    origin: file,
    line: 1,
    lineOf,
    fields: { ...parsed.data, title },
    paragraphs: parseBody(lines).paragraphs,
  });
  return { records: [record], problems };
}
