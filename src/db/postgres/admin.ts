/**
 * PostgreSQL chores outside Prisma: session-level advisory locks (instances starting at once take
 * turns migrating and preparing one database) and dropping a scratch schema. Each runs on a
 * connection of its own (`pg`), closed when done.
 */
import type pg from 'pg';
import type { PostgresConfig } from '../config.js';
import { pgDriver } from './driver.js';

/** A connection of its own to the database, with the graph's schema first on its search path. */
async function connect(config: PostgresConfig): Promise<pg.Client> {
  const client = new (pgDriver().Client)({ connectionString: config.url, application_name: 'llm-atlas admin' });
  await client.connect();
  return client;
}

/**
 * Runs `work` holding PostgreSQL's advisory lock named by `purpose` and the schema, on a
 * connection of its own (handed to `work`): another process asking for the same lock waits until
 * this one is released, or until `waitMs` passed (then it fails, naming the database). The lock
 * ends with the session, so a holder that dies releases it.
 */
export async function withAdvisoryLock<T>(
  config: PostgresConfig,
  purpose: string,
  work: (client: pg.Client) => Promise<T>,
  options: { waitMs?: number; onWait?: () => void } = {},
): Promise<T> {
  const client = await connect(config);
  const key = `llm-atlas ${purpose} ${config.schema}`;
  try {
    const waitUntil = Date.now() + (options.waitMs ?? 600_000);
    let waited = false;
    for (;;) {
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [
        key,
      ]);
      if (rows[0]?.locked) break;
      if (!waited) options.onWait?.();
      waited = true;
      if (Date.now() > waitUntil) {
        throw new Error(
          `another instance has held the ${purpose} lock of ${config.label} for ${Math.round((options.waitMs ?? 600_000) / 1000)} s: stop it, then retry`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    try {
      return await work(client);
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [key]).catch(() => {});
    }
  } finally {
    await client.end().catch(() => {});
  }
}

/** Drops the configured schema and everything in it (a test's or a scratch schema). */
export async function dropPostgresSchema(config: PostgresConfig): Promise<void> {
  const client = await connect(config);
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${config.schema}" CASCADE`);
  } finally {
    await client.end().catch(() => {});
  }
}
