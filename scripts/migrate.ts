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
        ? `Database ${config.label} is up to date.`
        : `Applied ${applied.length} migration(s) to ${config.label}: ${applied.join(', ')}`,
    );
  } else if (command === 'create') {
    if (!name) throw new Error('Usage: npm run db:migration -- <name>   (e.g. add_model_license)');
    const { folders, skipped } = await createMigration(name, { postgresUrl: process.env.TEST_POSTGRES_URL });
    for (const folder of folders) console.log(`Created ${folder}/migration.sql: review it, then commit it.`);
    if (folders.length === 0 && skipped.length === 0)
      console.log('The schemas and the migrations agree: nothing to create.');
    if (skipped.includes('postgresql')) {
      console.log(
        "PostgreSQL's migration was not written: it is made on a PostgreSQL server. Set TEST_POSTGRES_URL (e.g. postgresql://postgres@127.0.0.1:5432/test) and run this again.",
      );
      return 1;
    }
  } else {
    throw new Error('Usage: migrate.ts deploy | create <name>');
  }
  return 0;
}

runCli(command === 'create' ? 'db:migration' : 'db:migrate', main, { database: () => config });
