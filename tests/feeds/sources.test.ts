import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { loadSources, parseFeedsFile } from '../../src/feeds/sources.js';

const FILE = 'data/feeds.yml';

describe('parseFeedsFile', () => {
  it('reads a feeds: list of URLs and mappings with name and interval', () => {
    const text = [
      'feeds:',
      '  - https://a.example/rss',
      '  - url: https://b.example/atom.xml',
      '    name: Bravo News',
      '    interval: 15m',
      '  - { url: "http://c.example/feed.json", interval: 120 }',
    ].join('\n');
    expect(parseFeedsFile(FILE, text, 900)).toEqual({
      sources: [
        { url: 'https://a.example/rss', name: null, intervalSeconds: 900, from: 'file' },
        { url: 'https://b.example/atom.xml', name: 'Bravo News', intervalSeconds: 900, from: 'file' },
        { url: 'http://c.example/feed.json', name: null, intervalSeconds: 120, from: 'file' },
      ],
      problems: [],
    });
  });

  it('accepts a bare list too', () => {
    expect(parseFeedsFile(FILE, '- https://a.example/rss\n', 60).sources).toHaveLength(1);
  });

  it('names the file and line of each bad entry, and keeps the good ones', () => {
    const text = [
      'feeds:',
      '  - url: ftp://files.example/feed', // 2
      '  - url: https://ok.example/rss', // 3
      '  - url: https://fast.example/rss', // 4
      '    interval: 5', // 5
      '  - name: No URL', // 6
      '  - url: https://x.example/rss', // 7
      '    colour: blue', // 8
      '  - url: https://ok.example/rss', // 9
      '  - url: https://user:pw@private.example/rss', // 10
      '  - url: https://slow.example/rss', // 11
      '    interval: often', // 12
    ].join('\n');
    const { sources, problems } = parseFeedsFile(FILE, text, 900);
    expect(sources.map((s) => s.url)).toEqual(['https://ok.example/rss']);
    expect(problems).toEqual([
      { file: FILE, line: 2, reason: 'url: only http and https feeds are polled, not ftp:' },
      { file: FILE, line: 4, reason: 'interval: interval must be at least 10 seconds (got 5)' },
      { file: FILE, line: 6, reason: 'url: url is required' },
      { file: FILE, line: 7, reason: 'unknown key "colour" (expected url, name, interval)' },
      { file: FILE, line: 9, reason: 'https://ok.example/rss is listed twice; the first entry is used' },
      {
        file: FILE,
        line: 10,
        reason: 'url: a feed URL must not carry a user name or password (no credentials are sent)',
      },
      {
        file: FILE,
        line: 11,
        reason: 'interval: interval must be seconds or a duration such as 90s, 15m, 1h (got "often")',
      },
    ]);
  });

  it('reports YAML syntax errors with their line', () => {
    const { sources, problems } = parseFeedsFile(FILE, 'feeds:\n  - url: "https://a.example\n  - b\n', 900);
    expect(sources).toEqual([]);
    expect(problems[0]).toMatchObject({ file: FILE, reason: expect.stringMatching(/^YAML syntax: /) });
    expect(problems[0]?.line).toBeGreaterThan(1);
  });

  it('says what shape it expected', () => {
    expect(parseFeedsFile(FILE, 'feeds: https://a.example/rss\n', 900).problems).toEqual([
      { file: FILE, line: 1, reason: 'expected a list of feeds (or feeds: followed by a list)' },
    ]);
  });
});

describe('loadSources', () => {
  it('joins FEEDS and the file, FEEDS first, and reports a bad FEEDS entry by position', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'newsbot-sources-'));
    const file = join(dir, 'feeds.yml');
    writeFileSync(file, '- url: https://b.example/rss\n  name: Bravo\n- https://a.example/rss\n');
    const { sources, problems } = await loadSources({
      env: ['https://a.example/rss', 'not a url'],
      file,
      defaultIntervalSeconds: 300,
    });
    expect(sources).toEqual([
      { url: 'https://a.example/rss', name: null, intervalSeconds: 300, from: 'env' },
      { url: 'https://b.example/rss', name: 'Bravo', intervalSeconds: 300, from: 'file' },
    ]);
    expect(problems).toEqual([
      { file: 'FEEDS', line: null, reason: 'entry 2: not a URL: "not a url"' },
      {
        file: 'FEEDS',
        line: null,
        reason: 'https://a.example/rss is also in FEEDS; the FEEDS entry is used',
      },
    ]);
  });

  it('treats a missing feeds file as no feeds', async () => {
    const result = await loadSources({
      env: [],
      file: '/nonexistent/feeds.yml',
      defaultIntervalSeconds: 900,
    });
    expect(result).toEqual({ sources: [], problems: [] });
  });
});

describe('feed settings in the environment', () => {
  it('has defaults', () => {
    expect(loadConfig({})).toMatchObject({
      FEEDS: [],
      FEEDS_FILE: 'data/feeds.yml',
      FEEDS_POLL_SECONDS: 900,
      FEEDS_TIMEOUT_SECONDS: 10,
      FEEDS_MAX_BYTES: 5 * 1024 * 1024,
      FEEDS_ALLOW_PRIVATE: false,
      FETCH_ARTICLE_TEXT: false,
      RETENTION_DAYS: 90,
      NEWSBOT_ADMINS: [],
    });
  });

  it('reads lists and flags', () => {
    const config = loadConfig({
      FEEDS: 'https://a.example/rss, https://b.example/atom,',
      FEEDS_ALLOW_PRIVATE: 'true',
      NEWSBOT_ADMINS: 'U012AB,W0CD',
      FEEDS_POLL_SECONDS: '60',
    });
    expect(config).toMatchObject({
      FEEDS: ['https://a.example/rss', 'https://b.example/atom'],
      FEEDS_ALLOW_PRIVATE: true,
      NEWSBOT_ADMINS: ['U012AB', 'W0CD'],
      FEEDS_POLL_SECONDS: 60,
    });
  });

  it('names the variable when a value is wrong', () => {
    const messageOf = (env: Record<string, string>) => {
      try {
        loadConfig(env);
      } catch (err) {
        if (err instanceof ConfigError) return err.message;
      }
      return '';
    };
    expect(messageOf({ FEEDS_POLL_SECONDS: '5' })).toContain(
      'FEEDS_POLL_SECONDS: must be at least 10 (seconds)',
    );
    expect(messageOf({ FEEDS_ALLOW_PRIVATE: 'maybe' })).toContain(
      'FEEDS_ALLOW_PRIVATE: must be true or false',
    );
    expect(messageOf({ NEWSBOT_ADMINS: 'alice' })).toContain('NEWSBOT_ADMINS');
  });
});
