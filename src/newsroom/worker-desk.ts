import { Worker } from 'node:worker_threads';
import type { Answer, StoryResult } from '../answer-types.js';
import type { Article, ParsedArticle } from '../corpus/article.js';
import type { Logger } from '../logger.js';
import type { ArticleFingerprint } from '../store/articles.js';
import {
  type DeskMethod,
  type DeskState,
  type DeskStats,
  type NewsDesk,
  NewsroomLoadingError,
  NewsroomRestartingError,
} from './desk.js';
import type { DigestQuery, DigestSelection } from './digest-selection.js';
import type { AnswerOptions, DocumentFrequencies } from './newsroom.js';
import { addedFromWire, type FromWorker, type ToWorker, type WorkerSettings } from './protocol.js';

const WORKER_ENTRY = new URL('./worker-entry.mjs', import.meta.url);
/** Pause before starting a worker again when the previous one died before it was ready. */
const RETRY_DELAY_MS = 1000;

/** The articles could not be loaded at all (e.g. the articles folder is missing). */
export class NewsroomLoadFailedError extends Error {
  override name = 'NewsroomLoadFailedError';
  constructor(
    message: string,
    /** The name of the worker's error, e.g. `CorpusFolderError` for a missing articles folder. */
    readonly reason = 'Error',
  ) {
    super(message);
  }
}

interface PendingCall {
  resolve: (value: unknown) => void;
  reject: (err: Error) => void;
}

/**
 * The desk of `serve`: the newsroom runs in a worker thread, so searching, summarising and
 * indexing never hold up the thread that reads Slack's requests. While the worker loads, calls
 * are refused at once with {@link NewsroomLoadingError} (and `stats` says how far it got). If the
 * worker dies, the calls in flight are refused with {@link NewsroomRestartingError}, the death is
 * logged, and a new worker loads the newsroom again (from the snapshot when the folder has not
 * changed); the process goes on.
 */
export class WorkerDesk implements NewsDesk {
  readonly #settings: WorkerSettings;
  readonly #log: Logger;
  /** For the worker's own lines, which carry their own component. */
  readonly #workerLog: Logger;
  #worker: Worker | null = null;
  #state: DeskState = 'loading';
  #progress = { loaded: 0, total: 0 };
  #counts = { articles: 0, stories: 0 };
  #pending = new Map<number, PendingCall>();
  #nextId = 0;
  #closed = false;
  #everReady = false;
  readonly #onRestarted: Array<() => void> = [];
  #resolveReady!: () => void;
  #rejectReady!: (err: Error) => void;
  /**
   * Settles once: when the first load is done, or when it failed (missing folder, unreadable
   * snapshot and folder). Later restarts do not change it.
   */
  readonly ready: Promise<void>;

  constructor(settings: WorkerSettings, logger: Logger) {
    this.#settings = settings;
    this.#log = logger.child({ component: 'newsroom' });
    this.#workerLog = logger.child({ thread: 'newsroom-worker' });
    this.ready = new Promise((resolve, reject) => {
      this.#resolveReady = resolve;
      this.#rejectReady = reject;
    });
    // Callers that only poll `stats` need not handle a failed load.
    this.ready.catch(() => {});
    this.#startWorker();
  }

  answer = (query: string, options?: AnswerOptions): Promise<Answer> =>
    this.#call('answer', [query, options]);
  latest = (n: number): Promise<StoryResult[]> => this.#call('latest', [n]);
  add = async (articles: ParsedArticle[]): Promise<Array<Article | null>> =>
    addedFromWire(articles, await this.#call<Array<string | null>>('add', [articles]));
  remove = (ids: string[]): Promise<number> => this.#call('remove', [ids]);
  article = (id: string): Promise<Article | undefined> => this.#call('article', [id]);
  digest = (query: DigestQuery): Promise<DigestSelection> => this.#call('digest', [query]);
  fingerprints = (): Promise<ArticleFingerprint[]> => this.#call('fingerprints', []);
  documentFrequencies = (terms: string[]): Promise<DocumentFrequencies> =>
    this.#call('documentFrequencies', [terms]);

  /** Answered here while loading or restarting; by the worker (current counts) once ready. */
  async stats(): Promise<DeskStats> {
    if (this.#state === 'ready') {
      try {
        const stats = await this.#call<DeskStats>('stats', []);
        this.#counts = { articles: stats.articles, stories: stats.stories };
        return stats;
      } catch (err) {
        // The worker died meanwhile: report the restart rather than fail.
        if (!(err instanceof NewsroomRestartingError)) throw err;
      }
    }
    return { state: this.#state, ...this.#progress, ...this.#counts };
  }

  /**
   * Calls `listener` each time a restarted worker is ready. A restarted worker has the data folder
   * (from the snapshot) but not what was added at run time: feeds restore their articles here.
   */
  onRestarted(listener: () => void): void {
    this.#onRestarted.push(listener);
  }

  /** Stops the worker for good; calls after this are refused. */
  async close(): Promise<void> {
    this.#closed = true;
    const worker = this.#worker;
    this.#worker = null;
    this.#failPending(new NewsroomRestartingError());
    await worker?.terminate();
  }

  /**
   * Test hook: makes the worker exit as if it had crashed, to test the restart. Not part of
   * {@link NewsDesk}.
   */
  crashWorkerForTest(code = 70): void {
    this.#worker?.postMessage({ type: 'exit', code } satisfies ToWorker);
  }

  #call<T>(method: DeskMethod, args: unknown[]): Promise<T> {
    if (this.#state === 'restarting') return Promise.reject(new NewsroomRestartingError());
    const worker = this.#worker;
    if (this.#state === 'loading' || worker === null) {
      return Promise.reject(new NewsroomLoadingError(this.#progress.loaded, this.#progress.total));
    }
    const id = ++this.#nextId;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ type: 'call', id, method, args } satisfies ToWorker);
    });
  }

  #startWorker(): void {
    const worker = new Worker(WORKER_ENTRY, { workerData: this.#settings });
    this.#worker = worker;
    this.#progress = { loaded: 0, total: 0 };
    worker.on('message', (message: FromWorker) => this.#receive(message));
    worker.on('error', (err) => this.#log.error({ err }, 'the newsroom worker failed'));
    worker.on('exit', (code) => {
      if (this.#worker !== worker) return;
      this.#worker = null;
      if (this.#closed) return;
      this.#restart(code);
    });
  }

  #restart(code: number): void {
    this.#log.error(
      { exitCode: code },
      `the newsroom worker stopped (exit code ${code}); restarting it from the snapshot`,
    );
    if (!this.#everReady) {
      // The first load never finished: a restart would fail the same way.
      this.#state = 'loading';
      this.#rejectReady(
        new NewsroomLoadFailedError(`the newsroom worker stopped while loading (exit code ${code})`),
      );
      return;
    }
    this.#state = 'restarting';
    this.#failPending(new NewsroomRestartingError());
    this.#startWorker();
  }

  #failPending(err: Error): void {
    for (const call of this.#pending.values()) call.reject(err);
    this.#pending.clear();
  }

  #receive(message: FromWorker): void {
    switch (message.type) {
      case 'progress':
        this.#progress = { loaded: message.loaded, total: message.total };
        return;
      case 'ready': {
        const wasRestart = this.#state === 'restarting';
        this.#state = 'ready';
        this.#everReady = true;
        this.#counts = { articles: message.articles, stories: message.stories };
        this.#log.info(
          { articles: message.articles, stories: message.stories, fromSnapshot: message.fromSnapshot },
          wasRestart ? 'the newsroom worker is back' : 'the newsroom is ready',
        );
        this.#resolveReady();
        if (wasRestart) for (const listener of this.#onRestarted) listener();
        return;
      }
      case 'load-failed': {
        const err = new NewsroomLoadFailedError(message.message, message.name);
        if (!this.#everReady) {
          this.#rejectReady(err);
          return;
        }
        // A restart could not load again: say so, and try again shortly.
        this.#log.error({ err }, 'the newsroom worker could not load the articles again');
        setTimeout(() => {
          if (!this.#closed) void this.#worker?.terminate();
        }, RETRY_DELAY_MS).unref();
        return;
      }
      case 'result':
      case 'error': {
        const call = this.#pending.get(message.id);
        if (call === undefined) return;
        this.#pending.delete(message.id);
        if (message.type === 'result') call.resolve(message.value);
        else call.reject(Object.assign(new Error(message.message), { name: message.name }));
        return;
      }
      case 'log':
        this.#relog(message.line);
        return;
    }
  }

  #relog(line: string): void {
    let entry: Record<string, unknown>;
    try {
      entry = JSON.parse(line) as Record<string, unknown>;
    } catch {
      this.#workerLog.info(line);
      return;
    }
    const { level, msg, time: _time, pid: _pid, hostname: _hostname, ...fields } = entry;
    const label = this.#workerLog.levels.labels[Number(level)] ?? 'info';
    const write = this.#workerLog[label as 'info'] ?? this.#workerLog.info;
    write.call(this.#workerLog, fields, typeof msg === 'string' ? msg : '');
  }
}
