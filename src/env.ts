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
}>;

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
  };
}
