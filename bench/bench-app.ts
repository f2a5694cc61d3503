import { type Config, loadConfig } from '../src/config.js';
import type { FakeSlack } from '../tests/e2e/fake-slack.js';
import { FORM, signedPost, slashCommand } from '../tests/e2e/signed-request.js';

/** The signing secret bench requests are signed with. */
export const BENCH_SECRET = 'bench-signing-secret';

/** The config of a bench app: bench credentials, Slack's Web API at `slackApiUrl`, a random port. */
export function benchConfig(slackApiUrl: string): Config {
  return loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_SIGNING_SECRET: BENCH_SECRET,
    SLACK_API_URL: slackApiUrl,
    PORT: '0',
  });
}

/**
 * What every bench app shares: loopback only, no retries (so a failure is counted, not hidden),
 * and a known bot (no auth.test at start).
 */
export const BENCH_APP_OPTIONS = {
  host: '127.0.0.1',
  clientOptions: { retryConfig: { retries: 0 } },
  botIdentity: { botId: 'B0BOT', botUserId: 'U0BOT' },
};

export interface NewsLoad {
  /** Where the app takes Slack's requests. */
  appUrl: string;
  /** Commands sent per second. */
  rate: number;
  queries: readonly string[];
  /** The `response_url` of the command with this id. */
  responseUrl: (id: string) => string;
  /** Called as each command goes out (to time its answer). */
  onSent?: (id: string, startedMs: number) => void;
}

/** Signed /news commands at `rate` per second until `until` settles; their ack latencies. */
export async function sendNewsUntil(
  load: NewsLoad,
  until: Promise<unknown>,
  label: string,
): Promise<{ ack: number[]; errors: number }> {
  const ack: number[] = [];
  let errors = 0;
  let done = false;
  void until.finally(() => {
    done = true;
  });
  const inFlight: Promise<void>[] = [];
  for (let n = 0; !done; n++) {
    const id = `${label}${n}`;
    const body = slashCommand(load.queries[n % load.queries.length] ?? 'news', load.responseUrl(id));
    const started = performance.now();
    load.onSent?.(id, started);
    inFlight.push(
      signedPost(load.appUrl, BENCH_SECRET, body, FORM).then(
        (res) => {
          ack.push(performance.now() - started);
          if (res.status !== 200) errors++;
        },
        () => {
          errors++;
        },
      ),
    );
    await new Promise((r) => setTimeout(r, 1000 / load.rate));
  }
  await Promise.all(inFlight);
  return { ack, errors };
}

/** Where a bench's answers arrive: the fake Slack's response_url posts. */
export type ResponseSink = Pick<FakeSlack, 'responseUrl' | 'onResponse'>;

/**
 * {@link sendNewsUntil}, with each answer timed too: from the command going out to its post on
 * `response_url` (waiting `settleMs` at the end for the last answers).
 */
export async function sendNewsTimed(
  fake: ResponseSink,
  load: Omit<NewsLoad, 'responseUrl' | 'onSent'>,
  until: Promise<unknown>,
  label: string,
  settleMs = 2000,
): Promise<{ ack: number[]; answer: number[]; errors: number }> {
  const answer: number[] = [];
  const sentAt = new Map<string, number>();
  fake.onResponse = (post) => {
    const start = sentAt.get(post.id);
    if (start !== undefined) answer.push(performance.now() - start);
  };
  const { ack, errors } = await sendNewsUntil(
    { ...load, responseUrl: (id) => fake.responseUrl(id), onSent: (id, started) => sentAt.set(id, started) },
    until,
    label,
  );
  await new Promise((r) => setTimeout(r, settleMs));
  return { ack, answer, errors };
}
