import { prepareDatabase } from '../../seed/prepare.js';
import { createTestDatabase } from './database.js';
import { serveTestDatabase, type TestServer } from './server.js';

/**
 * A server on a random port over a temporary SQLite file prepared exactly as `npm start`
 * prepares its database: {@link prepareDatabase} migrates, imports the user's note and the
 * curated data, then Epoch AI's snapshot. Slower to build than `startTestServer` (the Epoch
 * import adds about a thousand models), so only the tests about that graph use it.
 */
export async function startFullGraphServer(name = 'full-graph'): Promise<TestServer> {
  const database = await createTestDatabase(name);
  await prepareDatabase(database.database);
  return serveTestDatabase(database);
}
