const BOLD = ['\u001b[1m', '\u001b[22m'] as const;
const GREY = ['\u001b[90m', '\u001b[39m'] as const;

export interface BannerFacts {
  articles: number;
  stories: number;
  color: boolean;
}

const EXAMPLES: [string, string][] = [
  ['/news ukraine', 'the top stories on a topic'],
  ['@newsbot what did Albanese say?', 'a question, as in a channel'],
  ['help', 'what newsbot can do, and the latest headlines'],
  ['/news digest preview', 'the daily digest as it would be posted now'],
  ['quit', 'leave (Ctrl-D works too)'],
];

/** What a newcomer sees first: what is loaded, where they are, and what to type. */
export function consoleBanner({ articles, stories, color }: BannerFacts): string {
  const bold = (s: string) => (color ? `${BOLD[0]}${s}${BOLD[1]}` : s);
  const grey = (s: string) => (color ? `${GREY[0]}${s}${GREY[1]}` : s);
  const width = Math.max(...EXAMPLES.map(([example]) => example.length));
  const count = (n: number, one: string, many: string) =>
    `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
  return [
    `${bold('newsbot')} · console mode`,
    `${count(articles, 'article', 'articles')} in ${count(stories, 'story', 'stories')} are ready. No Slack credentials are set, so`,
    'you talk to the bot right here, through the same code that answers in Slack.',
    '',
    'Try:',
    ...EXAMPLES.map(([example, what]) => `  ${bold(example.padEnd(width))}  ${grey(what)}`),
    '',
    grey('To connect to Slack, see "Connect to Slack" in the README.'),
    '',
  ].join('\n');
}
