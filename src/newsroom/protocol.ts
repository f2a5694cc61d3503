import type { Article, ParsedArticle } from '../corpus/article.js';
import type { RecencyOptions } from '../search/ranking.js';
import type { DeskMethod } from './desk.js';

/** Every method of the desk, as the worker accepts them (the compiler checks the list is complete). */
export const DESK_METHODS = [
  'answer',
  'latest',
  'add',
  'remove',
  'article',
  'stats',
  'digest',
  'fingerprints',
  'documentFrequencies',
] as const satisfies readonly DeskMethod[];

type Missing = Exclude<DeskMethod, (typeof DESK_METHODS)[number]>;
// A method added to NewsDesk but not to DESK_METHODS fails to compile here.
const complete: Missing extends never ? true : Missing = true;
void complete;

export function isDeskMethod(name: string): name is DeskMethod {
  return (DESK_METHODS as readonly string[]).includes(name);
}

/** What the worker needs to open the newsroom. Plain data: it crosses the thread boundary. */
export interface WorkerSettings {
  dataDir: string;
  stateDir: string;
  recency: RecencyOptions | null;
  logLevel: string;
}

/** Main thread → worker. */
export type ToWorker =
  | { type: 'call'; id: number; method: DeskMethod; args: unknown[] }
  /** Test hook: the worker exits with this code, as a crash would. */
  | { type: 'exit'; code: number };

/** Worker → main thread. */
export type FromWorker =
  | { type: 'progress'; loaded: number; total: number }
  | { type: 'ready'; articles: number; stories: number; fromSnapshot: boolean }
  | { type: 'load-failed'; name: string; message: string }
  | { type: 'result'; id: number; value: unknown }
  | { type: 'error'; id: number; name: string; message: string }
  /** One pino log line from the worker, re-logged by the main thread's logger. */
  | { type: 'log'; line: string };

/**
 * `add` crosses back as each article's storyId (null: an exact copy, dropped), not as the articles:
 * the caller holds them already, and a batch of whole articles coming back cost the main thread a
 * deserialisation of every body while Slack's requests waited. `Newsroom.add` returns
 * `{ ...parsed, storyId }`, which {@link addedFromWire} rebuilds.
 */
export function addedToWire(added: ReadonlyArray<Article | null>): Array<string | null> {
  return added.map((article) => article?.storyId ?? null);
}

/** The articles `add` returned, from the ones sent and the storyIds that came back. */
export function addedFromWire(
  sent: readonly ParsedArticle[],
  storyIds: ReadonlyArray<string | null>,
): Array<Article | null> {
  return sent.map((parsed, i) => {
    const storyId = storyIds[i] ?? null;
    return storyId === null ? null : { ...parsed, storyId };
  });
}
