import { describe, expect, it } from 'vitest';
import { FIXTURE_DIR } from './app-harness.js';
import { startConsole as startConsoleProcess, useStateDir } from './child-process.js';

const stateDir = useStateDir('newsbot-console-digest-');

const startConsole = () =>
  startConsoleProcess({ dataDir: FIXTURE_DIR, stateDir: stateDir(), env: { DIGEST_TZ: 'Europe/Paris' } });

describe('console mode with the digest', () => {
  it('answers /news before the embedded store has opened, then manages the digest in it', async () => {
    const bot = startConsole();
    try {
      bot.send('/news bushfire');
      await bot.waitFor('Top stories for bushfire');
      // The store opens in the background: ask until it answers.
      let mark = bot.out().length;
      for (;;) {
        bot.send('/news digest status');
        const at = await bot.waitFor(/No daily digest|cannot be reached/, mark);
        const ready = bot.out().slice(at).startsWith('No daily digest');
        mark = at + 10;
        if (ready) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      // /news was answered before the store was up (it never waits for it).
      expect(bot.out().indexOf('Top stories for bushfire')).toBeLessThan(
        bot.out().indexOf('No daily digest'),
      );

      bot.send('/news digest on 07:45');
      await bot.waitFor('Daily digest on in this channel at 07:45 (Europe/Paris)', mark);
      bot.send('/news digest topics bushfire');
      await bot.waitFor('Digest topics set to bushfire', mark);
      bot.send('/news digest status');
      await bot.waitFor('Topics: bushfire', mark);
      bot.send('/news digest preview');
      await bot.waitFor('Preview of the digest if it were posted now', mark);
      bot.send('/news digest off');
      await bot.waitFor('Daily digest turned off in this channel.', mark);
      bot.end();
      expect(await bot.exited).toBe(0);
    } finally {
      bot.end();
    }
  }, 120_000);

  it('keeps its settings across a restart on the same STATE_DIR, and a second instance is refused', async () => {
    const first = startConsole();
    try {
      let mark = 0;
      for (;;) {
        first.send('/news digest on 06:00 UTC');
        const at = await first.waitFor(/Daily digest on in this channel|cannot be reached/, mark);
        mark = at + 10;
        if (first.out().slice(at).startsWith('Daily digest on')) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      const second = startConsole();
      expect(await second.exited).toBe(1);
      expect(second.err()).toContain(`STATE_DIR (${stateDir()})`);
      expect(second.err()).toContain('DATABASE_URL');
      first.end();
      expect(await first.exited).toBe(0);

      const again = startConsole();
      let seen = 0;
      for (;;) {
        again.send('/news digest status');
        const at = await again.waitFor(/Daily digest in this channel|cannot be reached/, seen);
        seen = at + 10;
        if (again.out().slice(at).startsWith('Daily digest in')) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      await again.waitFor('Time: 06:00 (UTC)', seen - 10);
      again.end();
      expect(await again.exited).toBe(0);
    } finally {
      first.end();
    }
  }, 180_000);
});
