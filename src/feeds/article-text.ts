import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { htmlToParagraphs, MAX_HTML_CHARS } from './html-text.js';

/** Pages larger than this are cut before parsing: the article is near the top of any real page. */
const MAX_PAGE_CHARS = 2_000_000;

/**
 * An article page's main text as paragraphs (Readability over linkedom), or null when the page
 * has no recognisable article. A `<base href>` is inserted so relative links resolve against the
 * page's own address.
 */
export function extractArticleText(html: string, pageUrl: string): string[] | null {
  const page = html.length > MAX_PAGE_CHARS ? html.slice(0, MAX_PAGE_CHARS) : html;
  const base = `<base href="${pageUrl.replace(/"/g, '&quot;')}">`;
  const withBase = /<head[^>]*>/i.test(page)
    ? page.replace(/<head[^>]*>/i, (head) => `${head}${base}`)
    : `<head>${base}</head>${page}`;
  const { document } = parseHTML(withBase);
  let article: { content?: string | null } | null;
  try {
    article = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], {
      charThreshold: 200,
    }).parse();
  } catch {
    return null;
  }
  if (!article?.content) return null;
  const paragraphs = htmlToParagraphs(article.content.slice(0, MAX_HTML_CHARS));
  return paragraphs.length > 0 ? paragraphs : null;
}
