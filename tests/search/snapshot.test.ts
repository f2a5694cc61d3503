import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Article } from '../../src/corpus/article.js';
import { StoryGrouper } from '../../src/corpus/stories.js';
import { NewsIndex } from '../../src/search/news-index.js';
import { parseQuery } from '../../src/search/query.js';
import { loadSnapshot, saveSnapshot } from '../../src/search/snapshot.js';

const NOW = new Date('2025-09-10T00:00:00.000Z');
const totals = { files: 1, ignored: 0, articles: 2, skipped: 0, stories: 2, seconds: 0.1, problems: [] };

function article(id: string, title: string, text: string): Article {
  return {
    id,
    title,
    paragraphs: [text],
    published: '2025-09-01',
    source: 'Daily Planet',
    url: null,
    credit: null,
    origin: `x.jsonl#${id}`,
    storyId: id,
  };
}

describe('index snapshots', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'newsbot-snapshot-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('round-trips articles and index: the restored index answers exactly as the original', async () => {
    const articles = [
      article('a', 'Wind farm approved offshore', 'The offshore wind farm will power homes.'),
      article('b', 'Ferry fares rise', 'Ferry fares rise again, the third time this year.'),
    ];
    const index = new NewsIndex();
    for (const a of articles) index.add(a);
    index.add(article('c', 'Temporary item', 'Removed before saving.'));
    index.remove('c');
    await saveSnapshot(dir, {
      fingerprint: 'f1',
      totals,
      articles: index.articles(),
      index: index.toSnapshot(),
      stories: new StoryGrouper().toSections(),
    });

    const loaded = await loadSnapshot(dir, 'f1');
    expect(loaded?.articles.map((a) => a.id)).toEqual(['a', 'b']);
    const restored = loaded && NewsIndex.fromSnapshot(loaded.index, loaded.articles);
    expect(restored?.size).toBe(2);
    for (const q of ['wind farm', 'ferry fares', '"offshore wind"', 'temporary']) {
      const query = parseQuery(q, NOW);
      const page = { offset: 0, limit: 5 };
      expect(restored?.search(query, NOW.getTime(), page)).toEqual(index.search(query, NOW.getTime(), page));
    }
    expect(await loadSnapshot(dir, 'another fingerprint')).toBeNull();
  });

  it('refuses a snapshot whose index, story grouping or articles file was damaged', async () => {
    const index = new NewsIndex();
    index.add(article('a', 'Wind farm approved offshore', 'The offshore wind farm will power homes.'));
    index.add(article('b', 'Ferry fares rise', 'Ferry fares rise again, the third time this year.'));
    const save = () =>
      saveSnapshot(dir, {
        fingerprint: 'f1',
        totals,
        articles: index.articles(),
        index: index.toSnapshot(),
        stories: new StoryGrouper().toSections(),
      });
    for (const file of ['index.bin', 'stories.bin', 'articles.jsonl']) {
      await save();
      expect(await loadSnapshot(dir, 'f1')).not.toBeNull();
      const path = join(dir, 'snapshot', file);
      const bytes = await readFile(path);
      // One changed letter deep inside: still well-formed, but not what was saved.
      const at = bytes.length - 20;
      bytes[at] = (bytes[at] ?? 0) === 0x61 ? 0x62 : 0x61;
      await writeFile(path, bytes);
      expect(await loadSnapshot(dir, 'f1')).toBeNull();
    }
  });
});
