import { parseBody } from '../clean/body.js';
import { ARTICLE_HEADERS, matchHeader, type StoryHeader } from '../clean/headers.js';
import { normalizedLines } from '../clean/normalize.js';
import { titleFromSlug } from '../clean/slug-title.js';
import { parseTailStories } from '../clean/tail.js';
import { finishRecord, type ParsedRecord, type ReaderResult } from './record.js';

/**
 * A raw text article as scraped: a header (title, or date and URL slug, see ARTICLE_HEADERS),
 * the body, perhaps a wire credit, then perhaps an aggregator's chrome and other outlets'
 * stories, each of which becomes an article of its own (`#2`, `#3`, …; the main one is `#1`).
 */
export function parseRawText(file: string, text: string): ReaderResult {
  const lines = normalizedLines(text);
  const first = lines.findIndex((line) => line !== '');
  const header = first === -1 ? null : matchHeader(lines, first, ARTICLE_HEADERS);
  if (header === null) {
    const reason = 'no title: expected a title line, or a date and a URL slug, first';
    return { records: [], problems: [{ file, line: first + 1 || null, reason }] };
  }
  const body = parseBody(lines, first + header.lines);
  const tail = parseTailStories(lines, body.end);
  const stories = [{ header, paragraphs: body.paragraphs, credit: body.credit, start: first }, ...tail];
  const result: ReaderResult = { records: [], problems: [] };
  stories.forEach((story, i) => {
    const origin = stories.length > 1 ? `${file}#${i + 1}` : file;
    const { record, problems } = storyRecord(file, origin, story.start + 1, story.header, story);
    result.records.push(record);
    result.problems.push(...problems);
  });
  return result;
}

function storyRecord(
  file: string,
  origin: string,
  line: number,
  header: StoryHeader,
  story: { paragraphs: string[]; credit: string | null },
): { record: ParsedRecord; problems: ReaderResult['problems'] } {
  const title = header.title ?? titleFromSlug(header.slug ?? '', story.paragraphs);
  return finishRecord({
    file,
    origin,
    line,
    lineOf: () => line,
    fields: {
      title,
      published: header.published,
      url: header.url,
      source: header.source,
      credit: story.credit,
    },
    paragraphs: story.paragraphs,
  });
}
