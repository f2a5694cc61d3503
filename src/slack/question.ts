/**
 * Turning what someone typed to the bot ("@newsbot what did Albanese say?") into a search query
 * ("Albanese"). Pure functions.
 */

/** Words that make a sentence a question but say nothing about the topic. */
const QUESTION_WORDS = new Set([
  'what',
  "what's",
  'whats',
  'who',
  "who's",
  'whom',
  'whose',
  'which',
  'where',
  'when',
  'why',
  'how',
  'did',
  'does',
  'do',
  'is',
  'are',
  'was',
  'were',
  'has',
  'have',
  'say',
  'says',
  'said',
  'saying',
  'about',
  'regarding',
  'please',
  'any',
  'anything',
  'latest',
  'new',
  'happening',
  'happened',
  'going',
  'on',
  'with',
  'the',
  'me',
  'us',
]);

/** Multi-word lead-ins, removed only as a whole ("news" alone may be part of a name: Fox News). */
const QUESTION_PHRASES = [
  /\btell (?:me|us)\b/gi,
  /\b(?:any )?news (?:on|about|from|regarding)\b/gi,
  /\bwhat(?:'s| is) (?:the )?news\b/gi,
  /\b(?:can|could|would) you\b/gi,
  /\b(?:show|find|give) (?:me|us)\b/gi,
];

/**
 * Slack's markup in message and command text, read back into plain words: user mentions and
 * broadcasts disappear, `<#C1|general>` and `<https://x|label>` become their labels, and the
 * three entities Slack encodes are decoded.
 */
export function plainTextFromSlack(text: string): string {
  return text
    .replace(/<[@!][^>]*>/g, ' ')
    .replace(/<#[^|>]*\|([^>]*)>/g, '$1')
    .replace(/<([^|>]*)\|([^>]*)>/g, '$2')
    .replace(/<([^>]*)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Splits on whitespace, keeping "quoted phrases" whole. */
function tokens(text: string): string[] {
  return text.match(/"[^"]*"?|\S+/g) ?? [];
}

/**
 * The search query inside a question addressed to the bot: Slack markup removed, question words
 * and trailing punctuation dropped. Quoted phrases and filters (`since:`, `source:`, `-word`) are
 * kept as typed. An empty result means the person asked nothing searchable (answer with help).
 */
export function queryFromQuestion(text: string): string {
  let plain = plainTextFromSlack(text);
  for (const phrase of QUESTION_PHRASES) plain = plain.replace(phrase, ' ');
  const kept: string[] = [];
  for (const token of tokens(plain)) {
    if (token.startsWith('"') || token.includes(':') || token.startsWith('-')) {
      kept.push(token);
      continue;
    }
    const bare = token.replace(/’/g, "'").replace(/^[([{'"“‘]+|[)\]}?!.,;'"”’]+$/g, '');
    if (bare !== '' && !QUESTION_WORDS.has(bare.toLowerCase())) kept.push(bare);
  }
  return kept.join(' ');
}

/** True when the text asks for help rather than for news. */
export function isHelpRequest(query: string): boolean {
  return /^\s*(?:help|\?|)\s*$/i.test(query);
}
