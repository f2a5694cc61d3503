/**
 * Page furniture that aggregators and news sites put around an article. A line matching one
 * of these patterns (case-insensitive, whole line) is never article text. Rules that mark the
 * footer (`endsStory`) also end the article: what follows is comments, hashtags or other
 * outlets' stories. A new site's chrome is one more line here.
 */
export interface ChromeRule {
  pattern: RegExp;
  endsStory: boolean;
}

export const CHROME_RULES: readonly ChromeRule[] = [
  // Daily8 and similar aggregator footers
  { pattern: /^hashtags$/i, endsStory: true },
  { pattern: /^try our ai features$/i, endsStory: true },
  { pattern: /^explore what .{1,40} can do for you:?$/i, endsStory: true },
  { pattern: /^comments(?: \(\d+\))?$/i, endsStory: true },
  { pattern: /^no comments yet\.*$/i, endsStory: true },
  { pattern: /^related (?:articles|stories|news|content)$/i, endsStory: true },
  {
    pattern: /^(?:you might also like|recommended for you|more stories|most read|trending now)$/i,
    endsStory: true,
  },
  // Furniture inside an article body
  { pattern: /^advertisement$/i, endsStory: false },
  {
    pattern: /^(?:share|share this(?: article| story)?|share on (?:facebook|twitter|x|linkedin))$/i,
    endsStory: false,
  },
  { pattern: /^(?:sign up|subscribe)\b.{0,60}\bnewsletters?\b.*$/i, endsStory: false },
  { pattern: /^(?:loading|loading\.\.\.|read more|continue reading|skip to content)$/i, endsStory: false },
];

export function chromeRule(line: string): ChromeRule | undefined {
  return CHROME_RULES.find((rule) => rule.pattern.test(line));
}
