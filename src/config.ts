import { z } from 'zod';

/**
 * Every setting newsbot reads from the environment. This module is the only reader of
 * `process.env`; everything else receives a `Config`.
 */
const ConfigSchema = z.object({
  ARTICLES_DIR: z.string().min(1).default('data/articles'),
  STATE_DIR: z.string().min(1).default('.newsbot'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = z.infer<typeof ConfigSchema>;

/** A setting that is present but wrong: the message names the variable and the reason. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable (FOO=) counts as unset, as most people expect from a .env file.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ConfigSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
