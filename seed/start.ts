/**
 * `npm start`: prepares the database (migrations, and on the first start the note, the curated
 * data and Epoch AI's snapshot: ./prepare.ts), then serves GraphQL (src/server.ts) until
 * SIGINT/SIGTERM.
 */
import { openDatabase } from '../src/db/client.js';
import { errorLine } from '../src/db/errors.js';
import { readEnv } from '../src/env.js';
import { startExecutionPool } from '../src/execution/pool.js';
import { serve } from '../src/server.js';
import { prepareDatabase, withPrepareLock } from './prepare.js';

async function main(): Promise<void> {
  const env = readEnv();
  const database = openDatabase(env.database);
  // The workers load the schema on the other cores while this thread prepares the database.
  const pool = startExecutionPool(env);
  try {
    // Instances started at once on one database take turns: the first prepares it, the others wait.
    const log = (line: string) => console.log(line);
    await withPrepareLock(env.database, () => prepareDatabase(database, log), log);
  } catch (error) {
    await pool?.close();
    throw error;
  }
  await serve(env, database, { pool });
}

main().catch((error: unknown) => {
  console.error(`llm-atlas could not start: ${errorLine(error)}`);
  process.exit(1);
});
