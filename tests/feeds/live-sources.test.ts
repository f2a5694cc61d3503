import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { liveSourcesFromConfig } from '../../src/feeds/live-sources.js';
import { createLogger } from '../../src/logger.js';

describe('liveSourcesFromConfig', () => {
  it('polls FEEDS and the feeds file, logging each bad entry with its file and line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'newsbot-live-'));
    const file = join(dir, 'feeds.yml');
    writeFileSync(
      file,
      'feeds:\n  - url: https://ok.example/rss\n    name: OK\n  - url: gopher://old.example/\n',
    );
    const lines: { level: number; msg: string }[] = [];
    const logger = createLogger(
      'info',
      new Writable({
        write(chunk, _e, done) {
          for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l));
          done();
        },
      }),
    );
    const config = loadConfig({
      FEEDS: 'https://env.example/feed,not-a-url',
      FEEDS_FILE: file,
      NEWSBOT_ADMINS: 'U0ADMIN',
      FEEDS_POLL_SECONDS: '120',
    });
    const live = await liveSourcesFromConfig({
      config,
      logger,
      sink: { add: async (a) => a.map(() => null), remove: async () => 0 },
    });
    expect((await live.poller.sources()).map((s) => [s.url, s.name, s.intervalSeconds])).toEqual([
      ['https://env.example/feed', null, 120],
      ['https://ok.example/rss', 'OK', 120],
    ]);
    expect(live.command).toMatchObject({ admins: ['U0ADMIN'], defaultIntervalSeconds: 120 });
    const warnings = lines.filter((l) => l.level === 40).map((l) => l.msg);
    expect(warnings).toEqual([
      'feed source skipped: FEEDS: entry 2: not a URL: "not-a-url"',
      `feed source skipped: ${file}:4: url: only http and https feeds are polled, not gopher:`,
    ]);
    await live.close();
  });
});
