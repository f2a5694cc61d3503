import { chromeRule } from './chrome.js';
import { creditLine, splitTrailingCredit } from './credits.js';
import { endsSentence, isHeadingLine, markdownHeading } from './headings.js';

export interface StoryBody {
  paragraphs: string[];
  credit: string | null;
  /** Index (into the lines given) where the story ended: chrome or another outlet's stories follow. */
  end: number;
}

/**
 * Turns normalised body lines into paragraphs.
 *
 * - A blank-line-separated block is one paragraph, its lines joined with spaces, unless most
 *   of its lines end a sentence: then the text puts one paragraph per line, and each line is one.
 * - Headings (a short unpunctuated line standing alone, or a markdown `#` line) only break paragraphs.
 * - Chrome lines are dropped; a footer chrome line or a wire credit (a line of its own, or
 *   "… the end. with Reuters" at the end of a line) ends the story.
 */
export function parseBody(lines: readonly string[], start = 0): StoryBody {
  const paragraphs: string[] = [];
  let credit: string | null = null;
  let block: string[] = [];
  const flush = (): void => {
    paragraphs.push(...blockParagraphs(block));
    block = [];
  };
  let end = lines.length;
  for (let i = start; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const chrome = line === '' ? undefined : chromeRule(line);
    const lineCredit = line === '' ? null : creditLine(line);
    if (chrome?.endsStory || lineCredit !== null) {
      credit = lineCredit;
      end = lineCredit !== null ? i + 1 : i;
      break;
    }
    if (chrome) continue;
    const trailing = line === '' ? null : splitTrailingCredit(line);
    if (trailing) {
      block.push(trailing.text);
      credit = trailing.credit;
      end = i + 1;
      break;
    }
    if (line === '' || markdownHeading(line) !== null) flush();
    else block.push(line);
  }
  flush();
  return { paragraphs, credit, end };
}

function blockParagraphs(block: readonly string[]): string[] {
  if (block.length === 1) return isHeadingLine(block[0] ?? '') ? [] : [...block];
  if (!isOneParagraphPerLine(block)) return block.length ? [block.join(' ')] : [];
  return block.filter((line) => !isHeadingLine(line));
}

function isOneParagraphPerLine(block: readonly string[]): boolean {
  if (block.length < 2) return false;
  const ended = block.slice(0, -1).filter(endsSentence).length;
  return ended * 2 >= block.length - 1;
}
