import { type Logger, pino } from 'pino';

export type { Logger };

/** Paths that may hold a secret; pino replaces their values before anything is written. */
const REDACT = [
  'token',
  'botToken',
  'appToken',
  'signingSecret',
  'clientSecret',
  'authorization',
  'headers.authorization',
  '*.token',
  '*.botToken',
  '*.appToken',
  '*.signingSecret',
  '*.authorization',
];

/**
 * The process logger: structured JSON, one event per line, pretty only when stderr is a TTY.
 * Logs go to stderr so that commands printing JSON on stdout stay machine-readable.
 */
export function createLogger(level = 'info', destination: NodeJS.WritableStream = process.stderr): Logger {
  const pretty = (destination as NodeJS.WriteStream).isTTY === true;
  if (pretty) {
    return pino({
      level,
      redact: { paths: REDACT, censor: '[redacted]' },
      transport: {
        target: 'pino-pretty',
        options: { destination: 2, colorize: true, ignore: 'pid,hostname', translateTime: 'HH:MM:ss' },
      },
    });
  }
  return pino({ level, redact: { paths: REDACT, censor: '[redacted]' } }, destination);
}
