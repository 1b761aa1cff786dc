// Runs `prisma generate` (Prisma clients for SQLite and PostgreSQL + Pothos types) in a way that
// works offline.
//
// The Prisma CLI downloads its native schema engine before running most commands, even
// `generate`, which never uses it. When PRISMA_SCHEMA_ENGINE_BINARY points at an existing
// executable the download is skipped. Where no engine binary is installed, point it at the Node
// binary: `generate` never executes it. Where the real binary exists (or the variable is already
// set), nothing changes.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { derivePostgresSchema, POSTGRES_SCHEMA_PATH, SOURCE_PATH } from './derive-postgres-schema.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const enginesDir = join(root, 'node_modules', '@prisma', 'engines');
const hasRealEngine =
  existsSync(enginesDir) && readdirSync(enginesDir).some((file) => file.startsWith('schema-engine'));

// Generators such as `prisma-pothos-types` are looked up on PATH, as npm scripts would have it.
const bin = join(root, 'node_modules', '.bin');
const env = {
  ...process.env,
  PATH: `${bin}${delimiter}${process.env.PATH ?? ''}`,
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
};
if (!env.PRISMA_SCHEMA_ENGINE_BINARY && !hasRealEngine) {
  env.PRISMA_SCHEMA_ENGINE_BINARY = process.execPath;
}

// PostgreSQL's schema is derived from SQLite's (the one source of truth), then each generates its client.
writeFileSync(POSTGRES_SCHEMA_PATH, derivePostgresSchema(readFileSync(SOURCE_PATH, 'utf8')));
const cli = join(root, 'node_modules', 'prisma', 'build', 'index.js');
for (const schema of ['prisma/schema.prisma', 'prisma/postgresql/schema.prisma']) {
  const result = spawnSync(process.execPath, [cli, 'generate', '--schema', schema], {
    cwd: root,
    env,
    stdio: 'inherit',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
