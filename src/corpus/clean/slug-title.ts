// A slug often ends with a numeric or hexadecimal article id ("…-talks-1234567"): not part of the title.
const TRAILING_ID = /-(?:\d{5,}|(?=[a-z]*\d)[0-9a-f]{8,})$/;

/**
 * A readable title from a URL slug: words separated by spaces, the first capitalised, and
 * every word the body writes capitalised in mid-sentence (names: "Ukraine", "Trump") restored.
 */
export function titleFromSlug(slug: string, paragraphs: readonly string[]): string {
  const forms = capitalisedForms(paragraphs);
  const words = slug
    .replace(TRAILING_ID, '')
    .split('-')
    .filter(Boolean)
    .map((word) => forms.get(word) ?? word);
  const title = words.join(' ');
  return title.charAt(0).toUpperCase() + title.slice(1);
}

/** lower-case word → the capitalised form the body mostly uses for it away from sentence starts. */
function capitalisedForms(paragraphs: readonly string[]): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  for (const paragraph of paragraphs) {
    const tokens = paragraph.split(' ');
    tokens.forEach((token, i) => {
      const previous = tokens[i - 1];
      if (previous === undefined || /[.!?:]["'”’]?$/.test(previous)) return; // sentence start
      const word = token.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '').replace(/['’]s$/, '');
      if (!word) return;
      const lower = word.toLowerCase();
      const forms = counts.get(lower) ?? new Map<string, number>();
      forms.set(word, (forms.get(word) ?? 0) + 1);
      counts.set(lower, forms);
    });
  }
  const result = new Map<string, string>();
  for (const [lower, forms] of counts) {
    let best = lower;
    let bestCount = forms.get(lower) ?? 0;
    for (const [form, count] of forms) {
      if (form !== lower && count > bestCount) {
        best = form;
        bestCount = count;
      }
    }
    if (best !== lower) result.set(lower, best);
  }
  return result;
}
