/**
 * `npm run db:migrate`            applies pending migrations to DATABASE_URL.
 * `npm run db:migration -- <name>` writes the next migration from the schema diff.
 */

import { runCli } from '../seed/cli-support.js';
import { type DatabaseConfig, parseDatabaseUrl } from '../src/db/config.js';
import { applyMigrations, createMigration } from '../src/db/migrations.js';

const [command, name] = process.argv.slice(2);
let config: DatabaseConfig | undefined;

async function main(): Promise<number> {
  if (command === 'deploy') {
    config = parseDatabaseUrl(process.env.DATABASE_URL);
    const applied = await applyMigrations(config);
    console.log(
      applied.length === 0
        ? `Database ${config.filePath} is up to date.`
        : `Applied ${applied.length} migration(s) to ${config.filePath}: ${applied.join(', ')}`,
    );
  } else if (command === 'create') {
    if (!name) throw new Error('Usage: npm run db:migration -- <name>   (e.g. add_model_license)');
    const folder = await createMigration(name);
    console.log(
      folder
        ? `Created ${folder}/migration.sql: review it, then commit it.`
        : 'schema.prisma and the migrations agree: nothing to create.',
    );
  } else {
    throw new Error('Usage: migrate.ts deploy | create <name>');
  }
  return 0;
}

runCli(command === 'create' ? 'db:migration' : 'db:migrate', main, { database: () => config });
