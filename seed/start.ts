/**
 * `npm start`: prepares the database (migrations, and on the first start the note, the curated
 * data and Epoch AI's snapshot: ./prepare.ts), then serves GraphQL (src/server.ts) until
 * SIGINT/SIGTERM.
 *
 * The execution workers start first, before this thread loads the schema, the importers and Yoga
 * (dynamic imports below), so that they load on the other cores meanwhile; they connect only once
 * the database is prepared (a worker connecting while a new database is migrated made the
 * migration fail on its lock). Only light modules are imported statically here.
 */
import { readEnv } from '../src/env.js';
import { startExecutionPool } from '../src/execution/pool.js';

async function main(): Promise<void> {
  const env = readEnv();
  const pool = startExecutionPool(env, { connectLater: true });
  try {
    const [{ openDatabase }, { prepareDatabase, withPrepareLock }, { serve }] = await Promise.all([
      import('../src/db/client.js'),
      import('./prepare.js'),
      import('../src/server.js'),
    ]);
    const database = openDatabase(env.database);
    // Instances started at once on one database take turns: the first prepares it, the others wait.
    const log = (line: string) => console.log(line);
    await withPrepareLock(env.database, () => prepareDatabase(database, log), log);
    // serve() lets the workers connect, the database being prepared.
    await serve(env, database, { pool });
  } catch (error) {
    await pool?.close();
    throw error;
  }
}

main().catch(async (error: unknown) => {
  const { errorLine } = await import('../src/db/errors.js');
  console.error(`llm-atlas could not start: ${errorLine(error)}`);
  process.exit(1);
});
