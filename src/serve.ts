/**
 * `npm run serve`: serves the GraphQL API (./server.ts) on a database that is already migrated,
 * without preparing it: one that lacks migrations is refused, saying what to run.
 *
 * The execution workers start first, before this thread loads the schema, the database client
 * and Yoga (dynamic imports below): each thread loads its own copy of them, so they load side by
 * side on the machine's cores instead of one after the other. Only light modules are imported
 * statically here.
 */
import { readEnv } from './env.js';
import { startExecutionPool } from './execution/pool.js';

async function main(): Promise<void> {
  const env = readEnv();
  const pool = startExecutionPool(env);
  try {
    const [{ openDatabase }, { pendingMigrations }, { serve }] = await Promise.all([
      import('./db/client.js'),
      import('./db/migrations.js'),
      import('./server.js'),
    ]);
    const pending = await pendingMigrations(env.database);
    if (pending.length > 0) {
      throw new Error(
        `the database ${env.database.label} lacks ${pending.length} migration(s) (${pending.join(', ')}): run npm run db:migrate, or npm start, which prepares it`,
      );
    }
    await serve(env, openDatabase(env.database), { pool });
  } catch (error) {
    await pool?.close();
    throw error;
  }
}

main().catch(async (error: unknown) => {
  const { errorLine } = await import('./db/errors.js');
  console.error(`llm-atlas could not start: ${errorLine(error)}`);
  process.exit(1);
});
