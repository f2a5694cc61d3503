import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../logger.js';

/**
 * Bolt and the Web API client log through this, so their lines land in the same pino stream
 * (with the same redaction) as ours. Bolt passes printf-style string parts: they are joined.
 * LOG_LEVEL stays the one setting: Bolt's attempts to change the level are ignored.
 */
export function boltLogger(logger: Logger): BoltLogger {
  let child = logger.child({ component: 'bolt' });
  const write =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (...parts: unknown[]) => {
      if (child.isLevelEnabled(level)) child[level](parts.map(String).join(' '));
    };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    setLevel: () => {},
    getLevel: () => (child.isLevelEnabled('debug') ? LogLevel.DEBUG : LogLevel.INFO),
    setName: (name) => {
      child = logger.child({ component: name });
    },
  };
}
