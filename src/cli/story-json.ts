import type { StoryResult } from '../answer-types.js';

/** One story in the CLI's `--json` output (`ask`, `digest`): the fields scripts rely on. */
export interface StoryJson {
  title: string;
  url: string | null;
  source: string | null;
  published: string | null;
  passage: string;
  alsoReportedBy: string[];
  articleIds: string[];
}

export function storyJson(s: StoryResult): StoryJson {
  return {
    title: s.article.title,
    url: s.article.url,
    source: s.article.source,
    published: s.article.published,
    passage: s.passage.text,
    alsoReportedBy: s.alsoReportedBy,
    articleIds: s.articleIds,
  };
}
