// Runs `prisma generate` (Prisma client + Pothos types) in a way that works offline.
//
// The Prisma CLI downloads its native schema engine before running most commands, even
// `generate`, which never uses it. When PRISMA_SCHEMA_ENGINE_BINARY points at an existing
// executable the download is skipped. Where no engine binary is installed, point it at the Node
// binary: `generate` never executes it. Where the real binary exists (or the variable is already
// set), nothing changes.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

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

const cli = join(root, 'node_modules', 'prisma', 'build', 'index.js');
const result = spawnSync(process.execPath, [cli, 'generate', '--schema', 'prisma/schema.prisma'], {
  cwd: root,
  env,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
