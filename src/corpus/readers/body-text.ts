import { parseBody } from '../clean/body.js';
import { normalizedLines } from '../clean/normalize.js';

/** Paragraphs of a record's body text: the same cleaning as raw text files, minus the header. */
export function bodyParagraphs(text: string): string[] {
  return parseBody(normalizedLines(text)).paragraphs;
}
