import { parseBody } from './body.js';
import { chromeRule } from './chrome.js';
import { matchHeader, type StoryHeader, TAIL_STORY_HEADERS } from './headers.js';

/** Another outlet's story listed under an article by an aggregator. */
export interface TailStory {
  header: StoryHeader;
  paragraphs: string[];
  credit: string | null;
  /** Index (into the lines given) of the story's first header line. */
  start: number;
}

/**
 * Finds the stories an aggregator lists after an article ("Related Articles"): each starts with
 * a header of one of the TAIL_STORY_HEADERS shapes, right after a blank line or chrome, and runs
 * until the next one. Chrome and anything before the first story header are dropped.
 */
export function parseTailStories(lines: readonly string[], start: number): TailStory[] {
  const starts: { index: number; header: StoryHeader }[] = [];
  let atBlockStart = true;
  for (let i = start; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line === '' || chromeRule(line)) {
      atBlockStart = true;
      continue;
    }
    const header = atBlockStart ? matchHeader(lines, i, TAIL_STORY_HEADERS) : null;
    if (header) {
      starts.push({ index: i, header });
      i += header.lines - 1;
    }
    atBlockStart = false;
  }
  return starts.map(({ index, header }, n) => {
    const next = starts[n + 1]?.index ?? lines.length;
    const body = parseBody(lines.slice(index + header.lines, next));
    return { header, paragraphs: body.paragraphs, credit: body.credit, start: index };
  });
}
