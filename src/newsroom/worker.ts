/**
 * The newsroom worker thread: opens the newsroom (snapshot or folder), then answers the desk's
 * calls one at a time. Started by WorkerDesk through worker-entry.mjs; never imported otherwise.
 */
import { Writable } from 'node:stream';
import { parentPort, workerData } from 'node:worker_threads';
import type { Article } from '../corpus/article.js';
import { createLogger } from '../logger.js';
import { InProcessDesk } from './desk.js';
import { Newsroom } from './newsroom.js';
import {
  addedToWire,
  type FromWorker,
  isDeskMethod,
  type ToWorker,
  type WorkerSettings,
} from './protocol.js';
import { lowerThisThreadPriority } from './thread-priority.js';

const PROGRESS_EVERY_MS = 100;

if (parentPort === null) throw new Error('newsroom/worker.ts runs only as a worker thread');
const port = parentPort;
const send = (message: FromWorker) => port.postMessage(message);
const settings = workerData as WorkerSettings;
// Searching and indexing yield the CPU to the thread that reads Slack's requests.
lowerThisThreadPriority();

// Log lines go to the main thread, which writes them with its own logger and settings.
const logger = createLogger(
  settings.logLevel,
  new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line !== '') send({ type: 'log', line });
      done();
    },
  }),
);

let desk: InProcessDesk | null = null;
// Calls are answered in arrival order; before the newsroom is open the main thread answers them.
port.on('message', (message: ToWorker) => {
  if (message.type === 'exit') process.exit(message.code);
  const { id, method, args } = message;
  if (desk === null || !isDeskMethod(method)) {
    send({ type: 'error', id, name: 'Error', message: `cannot call ${String(method)} now` });
    return;
  }
  const call = desk[method] as (...args: unknown[]) => Promise<unknown>;
  call.apply(desk, args).then(
    (value) =>
      send({
        type: 'result',
        id,
        value: method === 'add' ? addedToWire(value as Array<Article | null>) : value,
      }),
    (err: Error) => send({ type: 'error', id, name: err.name, message: err.message }),
  );
});

let lastProgress = Number.NEGATIVE_INFINITY;
try {
  const { newsroom, fromSnapshot } = await Newsroom.open({
    dataDir: settings.dataDir,
    stateDir: settings.stateDir,
    logger,
    progress: 'log',
    recency: settings.recency,
    onProgress: (loaded, total) => {
      const now = performance.now();
      if (now - lastProgress < PROGRESS_EVERY_MS && loaded < total) return;
      lastProgress = now;
      send({ type: 'progress', loaded, total });
    },
  });
  desk = new InProcessDesk(newsroom);
  send({ type: 'ready', articles: newsroom.size, stories: newsroom.storyCount, fromSnapshot });
} catch (err) {
  const { name, message } = err as Error;
  send({ type: 'load-failed', name, message });
}
