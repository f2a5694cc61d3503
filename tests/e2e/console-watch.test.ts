import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_DIR } from './app-harness.js';
import { startConsole as startConsoleProcess, useStateDir } from './child-process.js';

const stateDir = useStateDir('newsbot-console-watch-');
let dataDir = '';
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'newsbot-console-watch-data-'));
  await copyFile(join(FIXTURE_DIR, 'fixture-articles.json'), join(dataDir, 'fixture-articles.json'));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const startConsole = () => startConsoleProcess({ dataDir, stateDir: stateDir() });

/** One story as two outlets carry it (the second adds a line, so it is not an exact copy). */
const drones = (id: string, source: string, published: string, extra = '') => ({
  id,
  title: 'Russian drones cross into Poland overnight',
  published,
  source,
  url: `https://news.example.com/${id}`,
  body: `Poland scrambled jets after several drones entered its airspace overnight, officials said.\n\nThe defence ministry said debris fell near a village in the east, and no one was hurt.${extra}`,
});

describe('a watch in console mode', () => {
  it('posts a new story from a new file in the data folder, and its second outlet in the thread', async () => {
    const first = startConsole();
    try {
      // The store opens in the background: a watch typed meanwhile waits for it.
      first.send('/news watch drones poland');
      await first.waitFor('Watching drones poland in this channel (watch 1)');
      first.end();
      expect(await first.exited).toBe(0);
    } finally {
      first.end();
    }

    const now = new Date().toISOString();
    await writeFile(
      join(dataDir, 'drones.json'),
      JSON.stringify([
        drones('drones-1', 'Perth Now', now),
        drones('drones-2', 'Canberra Times', now, '\n\nNATO allies were briefed on Tuesday.'),
      ]),
    );
    const second = startConsole();
    try {
      await second.waitFor('watch: drones poland · `/news watch off 1`');
      await second.waitFor('↳ in the thread:');
      const out = second.out();
      const post = out.slice(out.indexOf('Russian drones cross into Poland overnight ('));
      expect(post).toMatch(
        /^Russian drones cross into Poland overnight \(https:\/\/news\.example\.com\/drones-\d\)/,
      );
      expect(post).toContain('\nPoland scrambled jets after several drones entered its airspace overnight');
      const thread = out.slice(out.indexOf('  ↳ in the thread:'));
      expect(thread).toMatch(
        /^ {2}↳ in the thread:\n {4}also reported by (Perth Now|Canberra Times): Russian drones/,
      );
      expect(out.split('watch: drones poland').length - 1).toBe(1); // one post, never a second
      second.end();
      expect(await second.exited).toBe(0);
    } finally {
      second.end();
    }
  }, 180_000);
});
