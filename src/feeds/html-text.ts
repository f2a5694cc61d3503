import { compile } from 'html-to-text';

/**
 * html-to-text writes to console.warn (outside our logs) when its input passes its limit, so
 * input is cut to this many characters first; a feed item's text never needs more.
 */
export const MAX_HTML_CHARS = 200_000;

const toText = compile({
  wordwrap: false,
  preserveNewlines: false,
  limits: { maxInputLength: MAX_HTML_CHARS + 1000 },
  selectors: [
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
    { selector: 'script', format: 'skip' },
    { selector: 'style', format: 'skip' },
    { selector: 'noscript', format: 'skip' },
    { selector: 'iframe', format: 'skip' },
    { selector: 'form', format: 'skip' },
    { selector: 'button', format: 'skip' },
    { selector: 'svg', format: 'skip' },
    { selector: 'figcaption', format: 'skip' },
    { selector: 'h1', options: { uppercase: false } },
    { selector: 'h2', options: { uppercase: false } },
    { selector: 'h3', options: { uppercase: false } },
    { selector: 'h4', options: { uppercase: false } },
    { selector: 'h5', options: { uppercase: false } },
    { selector: 'h6', options: { uppercase: false } },
    { selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false } },
    { selector: 'ul', options: { itemPrefix: '• ' } },
  ],
});

/** Folds whitespace (non-breaking spaces too) into single spaces. */
function squash(text: string): string {
  return text.replace(/[\s\u00a0]+/g, ' ').trim();
}

/**
 * HTML (a feed item's description or content) → paragraphs of clean text: tags gone, scripts and
 * styles dropped, entities decoded exactly once.
 */
export function htmlToParagraphs(html: string): string[] {
  const text = toText(html.length > MAX_HTML_CHARS ? html.slice(0, MAX_HTML_CHARS) : html);
  return text
    .split(/\n\s*\n/)
    .map(squash)
    .filter((p) => p !== '');
}

/** HTML that should be one line (a title) → that line of text. */
export function htmlToLine(html: string): string {
  return squash(htmlToParagraphs(html).join(' '));
}
