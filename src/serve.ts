/**
 * `npm run serve`: serves the GraphQL API (./server.ts) on a database that is already migrated,
 * without preparing it: one that lacks migrations is refused, saying what to run.
 */
import { openDatabase } from './db/client.js';
import { errorLine } from './db/errors.js';
import { pendingMigrations } from './db/migrations.js';
import { readEnv } from './env.js';
import { serve } from './server.js';

async function main(): Promise<void> {
  const env = readEnv();
  const pending = await pendingMigrations(env.database);
  if (pending.length > 0) {
    throw new Error(
      `the database ${env.database.label} lacks ${pending.length} migration(s) (${pending.join(', ')}): run npm run db:migrate, or npm start, which prepares it`,
    );
  }
  await serve(env, openDatabase(env.database));
}

main().catch((error: unknown) => {
  console.error(`llm-atlas could not start: ${errorLine(error)}`);
  process.exit(1);
});
