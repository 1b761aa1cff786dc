/** `npm start`: prepares the database, then serves GraphQL until SIGINT/SIGTERM. */
import { createServer } from 'node:http';
import { prepareDatabase } from './bootstrap.js';
import { createPrismaClient } from './db/client.js';
import { readEnv } from './env.js';
import { createApp } from './yoga.js';

async function main(): Promise<void> {
  const env = readEnv();
  const prisma = createPrismaClient(env.database);
  await prepareDatabase(env.database, prisma, (line) => console.log(line));
  const app = createApp(prisma);
  const server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(env.port, env.host, resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : env.port;
  console.log(`llm-atlas serves GraphQL at http://localhost:${port}/graphql (database ${env.database.filePath})`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: closing...`);
    server.close(async () => {
      await prisma.$disconnect();
      process.exit(0);
    });
    server.closeIdleConnections();
    // Requests still running after 10 s are cut off.
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(`llm-atlas could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
