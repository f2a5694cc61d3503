import { type Config, loadConfig } from '../src/config.js';

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

/** What every bench app shares: loopback only, and no retries, so a failure is counted, not hidden. */
export const BENCH_APP_OPTIONS = {
  host: '127.0.0.1',
  clientOptions: { retryConfig: { retries: 0 } },
};
