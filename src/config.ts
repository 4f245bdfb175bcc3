import path from 'node:path';

/**
 * The one place that reads the environment. Everything else receives a Config.
 *
 * | variable | meaning | default |
 * | --- | --- | --- |
 * | MARKETGATE_DATA | data folder: database, keys, evidence | ./data |
 * | MARKETGATE_HOST | address the server listens on | 127.0.0.1 |
 * | MARKETGATE_PORT | port the server listens on | 8080 |
 * | MARKETGATE_MAX_BODY_BYTES | largest request body accepted | 134217728 (128 MiB) |
 * | MARKETGATE_LOG_LEVEL | pino level (silent, error, info, debug) | info |
 * | PUPPETEER_EXECUTABLE_PATH | Chromium for script-rendered pages | /usr/bin/chromium |
 */
export interface Config {
  dataDir: string;
  host: string;
  port: number;
  maxBodyBytes: number;
  logLevel: string;
  chromiumPath: string | undefined;
}

function integer(name: string, fallback: number, env: NodeJS.ProcessEnv): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new Error(`${name} must be a whole number, got ${JSON.stringify(raw)}`);
  }
  return value;
}

export function loadConfig(overrides: Partial<Config> = {}, env: NodeJS.ProcessEnv = process.env): Config {
  const base: Config = {
    dataDir: path.resolve(env.MARKETGATE_DATA || 'data'),
    host: env.MARKETGATE_HOST || '127.0.0.1',
    port: integer('MARKETGATE_PORT', 8080, env),
    maxBodyBytes: integer('MARKETGATE_MAX_BODY_BYTES', 128 * 1024 * 1024, env),
    logLevel: env.MARKETGATE_LOG_LEVEL || 'info',
    chromiumPath: env.PUPPETEER_EXECUTABLE_PATH || undefined,
  };
  const merged = {
    ...base,
    ...Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)),
  };
  return { ...merged, dataDir: path.resolve(merged.dataDir) };
}
