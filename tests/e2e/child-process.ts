import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';

/** A fresh temporary STATE_DIR for the file's tests, removed after them; read it inside tests. */
export function useStateDir(prefix: string): () => string {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), prefix));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  return () => dir;
}

/** Everything the child has written so far on stdout and stderr (spawned with piped output). */
export function captureOutput(child: ChildProcess): { out: () => string; err: () => string } {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d) => {
    stdout += String(d);
  });
  child.stderr?.on('data', (d) => {
    stderr += String(d);
  });
  return { out: () => stdout, err: () => stderr };
}

/**
 * `serve` in console mode on `dataDir` (no Slack credentials, no DATABASE_URL: the embedded store in
 * `stateDir`), with a pipe we keep writing to, so a test can wait between lines.
 */
export function startConsole(options: { dataDir: string; stateDir: string; env?: Record<string, string> }) {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('SLACK_') && k !== 'DATABASE_URL'),
  );
  const child = spawn('npx', ['tsx', 'src/main.ts', 'serve', '--data', options.dataDir], {
    env: { ...env, STATE_DIR: options.stateDir, LOG_LEVEL: 'warn', NO_COLOR: '1', ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const output = captureOutput(child);
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  return {
    send: (line: string) => child.stdin?.write(`${line}\n`),
    end: () => child.stdin?.end(),
    ...output,
    exited,
    /** Resolves with where stdout (from `from` on) first contains `text`. */
    async waitFor(text: string | RegExp, from = 0, timeoutMs = 60_000): Promise<number> {
      const started = Date.now();
      for (;;) {
        const rest = output.out().slice(from);
        const at = typeof text === 'string' ? rest.indexOf(text) : rest.search(text);
        if (at >= 0) return from + at;
        if (Date.now() - started > timeoutMs)
          throw new Error(`console: no "${text}" in:\n${output.out()}\n${output.err()}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
}
