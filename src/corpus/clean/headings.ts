// A line "ends a sentence" when its last visible character is terminal punctuation,
// possibly followed by closing quotes or brackets: `he said."` counts.
const SENTENCE_END = /[.!?…:;,]["'”’)\]]*$/u;
const MARKDOWN_HEADING = /^#{1,6}(?:\s+(.*?))?(?:\s+#+)?\s*$/;
const MAX_HEADING_WORDS = 14;
const MAX_HEADING_CHARS = 120;

export function endsSentence(line: string): boolean {
  return SENTENCE_END.test(line);
}

/**
 * A section heading or sub-title: short, no sentence punctuation at its end, starting with a
 * capital or a digit. Headings only separate paragraphs; they are never body text.
 */
export function isHeadingLine(line: string): boolean {
  if (line.length === 0 || line.length > MAX_HEADING_CHARS || endsSentence(line)) return false;
  if (!/^[\p{Lu}\p{N}'"‘“]/u.test(line)) return false;
  return line.split(' ').length <= MAX_HEADING_WORDS;
}

/** The text of a markdown `#` heading line, or null when the line is not one. */
export function markdownHeading(line: string): string | null {
  const match = MARKDOWN_HEADING.exec(line);
  return match ? (match[1] ?? '') : null;
}
