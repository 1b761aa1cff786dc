/**
 * Serves the GraphQL API over HTTP until SIGINT/SIGTERM. `npm start` (seed/start.ts) prepares the
 * database first and calls {@link serve}; `npm run serve` runs this file alone, on a database
 * that is already migrated (it refuses one that is not, saying what to run).
 */
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';
import { type Database, openDatabase } from './db/client.js';
import { pendingMigrations } from './db/migrations.js';
import { type Env, readEnv } from './env.js';
import { createApp } from './yoga.js';

/**
 * Listens on the port and host of `env` and stops cleanly on SIGINT or SIGTERM: no new
 * connections, running requests finish (for at most 10 s), then the database is closed.
 */
export async function serve(env: Env, database: Database, log: (line: string) => void = console.log): Promise<void> {
  const server = createServer(createApp(database, env));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(env.port, env.host, resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : env.port;
  log(`llm-atlas serves GraphQL at http://localhost:${port}/graphql (database ${env.database.filePath})`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: closing...`);
    server.close(async () => {
      await database.prisma.$disconnect();
      process.exit(0);
    });
    server.closeIdleConnections();
    // Requests still running after 10 s are cut off.
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

/** `npm run serve`: serve a database prepared elsewhere. */
async function main(): Promise<void> {
  const env = readEnv();
  const pending = await pendingMigrations(env.database);
  if (pending.length > 0) {
    throw new Error(
      `the database ${env.database.filePath} lacks ${pending.length} migration(s) (${pending.join(', ')}): run npm run db:migrate, or npm start, which prepares it`,
    );
  }
  await serve(env, openDatabase(env.database));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error(`llm-atlas could not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
