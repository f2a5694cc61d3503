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
  /\bwhat(?:'s| is) (?:the )?news(?: (?:on|about|from|regarding))?\b/gi,
  /\b(?:show|find|get)(?= (?:the )?(?:latest )?(?:news|stories|articles)\b)/gi,
  /\btell (?:me|us)\b/gi,
  /\b(?:any )?news (?:on|about|from|regarding)\b/gi,
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

/** Question words that also begin names when capitalised before another name: New York, The Hague. */
const NAME_STARTERS = new Set(['new', 'the']);

const isCapitalised = (word: string): boolean => /^\p{Lu}/u.test(word);
/** Typed in capitals: "US", "UK", "EU", "U.S." (two letters or more). */
const isAbbreviation = (word: string): boolean =>
  /^(?:\p{Lu}\.?){2,}$/u.test(word) && /\p{Lu}.*\p{Lu}/u.test(word);

/** The word without surrounding brackets, quotes and end punctuation ("U.S." keeps its dots). */
function bareWord(token: string): string {
  const word = token.replace(/’/g, "'").replace(/^[([{'"“‘]+|[)\]}?!,;:'"”’]+$/g, '');
  return /^(?:\p{Lu}\.){2,}$/u.test(word) ? word : word.replace(/\.+$/, '');
}

/**
 * Whether a question word was typed as (part of) a name and so is a topic word: an abbreviation in
 * capitals ("US"), or "New"/"the" right before a capitalised word ("New Zealand", "the Fed").
 * Capitals carry no meaning in a question typed all in capitals.
 */
function typedAsName(word: string, next: string | undefined, casedText: boolean): boolean {
  if (!casedText) return false;
  if (isAbbreviation(word)) return true;
  const lower = word.toLowerCase();
  if (!NAME_STARTERS.has(lower) || next === undefined || !isCapitalised(next)) return false;
  const nextLower = next.toLowerCase();
  if (QUESTION_WORDS.has(nextLower) && !NAME_STARTERS.has(nextLower) && !isAbbreviation(next)) return false;
  return lower === 'the' || isCapitalised(word);
}

/**
 * The search query inside a question addressed to the bot: Slack markup removed, question words
 * and trailing punctuation dropped. Names and abbreviations as typed ("US", "New Zealand",
 * "the Fed") are topic words, never question words. Quoted phrases and filters (`since:`,
 * `source:`, `-word`) are kept as typed. An empty result means the person asked nothing
 * searchable (answer with help).
 */
export function queryFromQuestion(text: string): string {
  let plain = plainTextFromSlack(text).replace(/’/g, "'");
  for (const phrase of QUESTION_PHRASES) plain = plain.replace(phrase, ' ');
  const casedText = /\p{Ll}/u.test(plain);
  const words = tokens(plain).map((token) =>
    token.startsWith('"') || token.includes(':') || token.startsWith('-')
      ? { token, bare: null }
      : { token, bare: bareWord(token) },
  );
  const kept: string[] = [];
  words.forEach(({ token, bare }, i) => {
    if (bare === null) kept.push(token);
    else if (
      bare !== '' &&
      (!QUESTION_WORDS.has(bare.toLowerCase()) ||
        typedAsName(bare, words[i + 1]?.bare ?? undefined, casedText))
    )
      kept.push(bare);
  });
  return kept.join(' ');
}
