/** The environment the server reads, checked once at start. */
import { type DatabaseConfig, DEFAULT_DATABASE_URL, parseDatabaseUrl } from './db/config.js';

export type Env = Readonly<{
  /** TCP port to listen on. @default 4000 */
  port: number;
  /** Host to bind. @default '0.0.0.0' */
  host: string;
  /** The database, from `DATABASE_URL`. @default file:./data/llm-atlas.db */
  database: DatabaseConfig;
  production: boolean;
  /** Worker threads executing operations, from `EXECUTION_WORKERS`; 0 runs them on the main thread. @default 2 */
  executionWorkers: number;
  /** Time budget of one operation in milliseconds, from `REQUEST_TIMEOUT_MS`. @default 5000 */
  requestTimeoutMs: number;
  /** Origins allowed to call the API from a browser page, from `CORS_ORIGINS` (comma-separated). @default ['*'] */
  corsOrigins: readonly string[];
}>;

/** An integer setting between `min` and `max`, or `fallback` when unset. */
function readInteger(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min || number > max) {
    throw new Error(`${name} must be an integer from ${min} to ${max}, got "${value}"`);
  }
  return number;
}

/** `CORS_ORIGINS`: `*`, or origins like `https://atlas.example` separated by commas. */
function readCorsOrigins(value: string | undefined): readonly string[] {
  if (value === undefined || value.trim() === '') return ['*'];
  const origins = value
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  for (const origin of origins) {
    if (origin === '*') continue;
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = undefined;
    }
    if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.origin !== origin) {
      throw new Error(
        `CORS_ORIGINS must be * or origins like https://atlas.example (scheme and host, no path or trailing slash), separated by commas; got "${origin}"`,
      );
    }
  }
  return origins.includes('*') ? ['*'] : origins;
}

/** Reads and checks the environment; throws an Error whose message says what to fix. */
export function readEnv(env: NodeJS.ProcessEnv = process.env): Env {
  const port = env.PORT === undefined || env.PORT === '' ? 4000 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a TCP port number (0-65535), got "${env.PORT}"`);
  }
  return {
    port,
    host: env.HOST || '0.0.0.0',
    database: parseDatabaseUrl(env.DATABASE_URL || DEFAULT_DATABASE_URL),
    production: env.NODE_ENV === 'production',
    corsOrigins: readCorsOrigins(env.CORS_ORIGINS),
    executionWorkers: readInteger('EXECUTION_WORKERS', env.EXECUTION_WORKERS, 2, 0, 64),
    requestTimeoutMs: readInteger('REQUEST_TIMEOUT_MS', env.REQUEST_TIMEOUT_MS, 5000, 100, 600_000),
  };
}
