import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURE_DIR } from './app-harness.js';

const ROOT = join(import.meta.dirname, '../..');

/** A real `newsbot serve` in its own process (the `newsbot` bin), its JSON log lines collected. */
export interface ServeProcess {
  child: ChildProcess;
  /** Every log line so far, parsed. */
  lines: () => Record<string, unknown>[];
  stderr: () => string;
  /** The first log line whose msg matches, waiting for it. */
  waitForLog: (pattern: RegExp, timeoutMs?: number) => Promise<Record<string, unknown>>;
  /** Resolves with the exit code (or signal name) once the process has ended. */
  exited: Promise<number | string>;
  cleanup: () => Promise<void>;
}

/**
 * Starts `newsbot serve` with `env`. Its STATE_DIR is a fresh temporary folder, removed by
 * `cleanup`, unless `env.STATE_DIR` names one (a restart on the same folder): that one is kept.
 */
export async function startServe(env: Record<string, string>): Promise<ServeProcess> {
  const ownStateDir = env.STATE_DIR === undefined;
  const stateDir = env.STATE_DIR ?? (await mkdtemp(join(tmpdir(), 'newsbot-serve-')));
  const child = spawn(process.execPath, ['bin/newsbot.js', 'serve'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      ARTICLES_DIR: FIXTURE_DIR,
      STATE_DIR: stateDir,
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  const listeners = new Set<() => void>();
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
    for (const listener of listeners) listener();
  });
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? -1));
  });
  const lines = () =>
    stderr
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  const waitForLog = (pattern: RegExp, timeoutMs = 30_000) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const check = () => {
        const line = lines().find((l) => pattern.test(String(l.msg)));
        if (line === undefined) return;
        listeners.delete(check);
        clearTimeout(timer);
        resolve(line);
      };
      const timer = setTimeout(() => {
        listeners.delete(check);
        reject(new Error(`no log line matching ${pattern} within ${timeoutMs} ms; stderr:\n${stderr}`));
      }, timeoutMs);
      listeners.add(check);
      void exited.then(() => {
        if (!listeners.has(check)) return;
        listeners.delete(check);
        clearTimeout(timer);
        reject(new Error(`newsbot exited before logging ${pattern}; stderr:\n${stderr}`));
      });
      check();
    });
  return {
    child,
    lines,
    stderr: () => stderr,
    waitForLog,
    exited,
    cleanup: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
      if (ownStateDir) await rm(stateDir, { recursive: true, force: true });
    },
  };
}

/**
 * Polls `GET {base}/readyz` until it answers 200 (the newsroom may still be loading its articles,
 * the embedded store opening). A probe cut off while PGlite starts in the main thread (it holds
 * the event loop for seconds, and an idle keep-alive connection is reset after it) is retried, as
 * an orchestrator's probe would be.
 */
export async function untilReady(base: string, timeoutMs = 30_000): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  let last: Record<string, unknown> = {};
  while (Date.now() < deadline) {
    const res = await fetch(`${base}/readyz`).catch((err: unknown) => {
      last = { error: String((err as Error).cause ?? err) };
      return null;
    });
    if (res !== null) last = (await res.json()) as Record<string, unknown>;
    if (res?.status === 200) return last;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`not ready within ${timeoutMs} ms: ${JSON.stringify(last)}`);
}
