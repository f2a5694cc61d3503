import { Command } from 'commander';
import { type Article, wordCount } from '../corpus/article.js';
import { loadArticles } from '../corpus/load.js';
import { StoryGrouper } from '../corpus/stories.js';
import { terminalText } from '../terminal-text.js';
import { commandContext, exitOnMissingFolder, withDataOption } from './common.js';

/** One line of `articles --json`: the article's metadata, with paragraphs and words as counts. */
export interface ArticleLine {
  id: string;
  title: string;
  published: string | null;
  source: string | null;
  url: string | null;
  credit: string | null;
  origin: string;
  paragraphs: number;
  words: number;
  storyId: string;
}

export function articleLine(article: Article): ArticleLine {
  const { id, title, published, source, url, credit, origin, storyId } = article;
  return {
    id,
    title,
    published,
    source,
    url,
    credit,
    origin,
    paragraphs: article.paragraphs.length,
    words: wordCount(article),
    storyId,
  };
}

/** The readable listing: the title, then source · date · origin · story. */
export function articleListing(article: Article): string {
  const details = [
    article.source ?? 'unknown source',
    article.published ?? 'undated',
    article.origin,
    `story ${article.storyId}`,
  ];
  // Titles and names come from the files: printed without the controls a terminal would obey.
  const line = (text: string): string => terminalText(text).replace(/[\n\t]+/g, ' ');
  return `${line(article.title)}\n  ${line(details.join(' · '))}\n`;
}

export function articlesCommand(): Command {
  return withDataOption(
    new Command('articles')
      .description('list the articles read from the data folder, with their story groups')
      .option('--json', 'print one JSON object per line per article'),
  ).action(async (options: { data?: string; json?: boolean }) => {
    const { logger, dataDir } = commandContext(options);
    // `| head` closes stdout early: that is the reader's choice, not an error.
    process.stdout.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(0);
      throw err;
    });
    const render = options.json
      ? (a: Article) => `${JSON.stringify(articleLine(a))}\n`
      : (a: Article) => articleListing(a);
    const grouper = new StoryGrouper();
    try {
      await loadArticles(
        dataDir,
        (parsed) => {
          const article = grouper.admit(parsed);
          if (article !== null) process.stdout.write(render(article));
          return article;
        },
        { logger },
      );
    } catch (err) {
      exitOnMissingFolder(err);
    }
  });
}
