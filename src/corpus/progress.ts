import { SingleBar } from 'cli-progress';
import type { Logger } from '../logger.js';

/** How loading shows progress: a bar on a terminal, a log line every few seconds otherwise. */
export type ProgressMode = 'auto' | 'bar' | 'log' | 'off';

export interface LoadProgress {
  update(files: number, articles: number): void;
  stop(): void;
}

const LOG_EVERY_MS = 2000;

export function createProgress(mode: ProgressMode, totalFiles: number, logger: Logger): LoadProgress {
  const chosen = mode === 'auto' ? (process.stderr.isTTY ? 'bar' : 'log') : mode;
  const started = Date.now();
  const rate = (articles: number): number =>
    Math.round(articles / Math.max(0.001, (Date.now() - started) / 1000));
  if (chosen === 'bar') {
    const bar = new SingleBar({
      format: 'loading |{bar}| {value}/{total} files | {articles} articles | {rate} articles/s',
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: true,
    });
    bar.start(totalFiles, 0, { articles: 0, rate: 0 });
    return {
      update: (files, articles) => bar.update(files, { articles, rate: rate(articles) }),
      stop: () => bar.stop(),
    };
  }
  if (chosen === 'log') {
    let lastLog = started;
    return {
      update: (files, articles) => {
        const now = Date.now();
        if (now - lastLog < LOG_EVERY_MS) return;
        lastLog = now;
        logger.info({ files, totalFiles, articles, rate: rate(articles) }, 'loading articles');
      },
      stop: () => {},
    };
  }
  return { update: () => {}, stop: () => {} };
}
