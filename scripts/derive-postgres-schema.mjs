// Derives prisma/postgresql/schema.prisma from prisma/schema.prisma, the one source of truth for
// the models: Prisma needs one schema per provider. `npm run generate` writes it (and generates a
// client from each); test/postgres-schema.test.ts fails when the committed file has drifted.
//
// What changes, and why:
// - the datasource's provider is `postgresql`;
// - the client is generated into src/generated/prisma-pg (the Pothos types come from the SQLite
//   client alone: both clients describe the same models), with Prisma's `relationJoins` preview
//   feature, which PostgreSQL has and SQLite has not (where it is used: src/db/client.ts);
// - each enum's values are listed in code-unit order. SQLite stores an enum as text and sorts it
//   as text; PostgreSQL sorts a native enum in declaration order. Declared in text order, an
//   `orderBy` on an enum answers the same on both databases. (The API never depends on the order
//   an enum is declared in: its values and descriptions come from src/domain/enums.ts.)
// - a line `// postgresql: <attribute>` in prisma/schema.prisma becomes `<attribute>`: what only
//   PostgreSQL can say (the search's trigram index), written beside the model it belongs to.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SOURCE_PATH = join(root, 'prisma', 'schema.prisma');
export const POSTGRES_SCHEMA_PATH = join(root, 'prisma', 'postgresql', 'schema.prisma');

const HEADER = `// GENERATED from prisma/schema.prisma by scripts/derive-postgres-schema.mjs (npm run generate):
// do not edit. Edit prisma/schema.prisma, run \`npm run generate\`, then
// \`npm run db:migration -- <name>\` (which writes the SQLite and the PostgreSQL migration).

`;

/** The PostgreSQL schema for the text of prisma/schema.prisma. */
export function derivePostgresSchema(source) {
  let text = source;
  const replace = (pattern, replacement, what) => {
    if (!pattern.test(text)) throw new Error(`derive-postgres-schema: prisma/schema.prisma has no ${what}`);
    text = text.replace(pattern, replacement);
  };
  replace(
    /generator client \{[^}]*\}/,
    'generator client {\n  provider        = "prisma-client"\n  output          = "../../src/generated/prisma-pg"\n  moduleFormat    = "esm"\n  compilerBuild   = "small"\n  previewFeatures = ["relationJoins"]\n}',
    'client generator',
  );
  replace(/\ngenerator pothos \{[^}]*\}\n/, '\n', 'pothos generator');
  replace(/datasource db \{[^}]*\}/, 'datasource db {\n  provider = "postgresql"\n}', 'datasource');
  text = text.replace(/^(\s*)\/\/ postgresql: (.+)$/gm, '$1$2');
  text = text.replace(/enum (\w+) \{\n([^}]*)\}/g, (_, name, body) => {
    const lines = body.split('\n').filter((line) => line.trim() !== '');
    if (lines.some((line) => !/^\s+[A-Z0-9_]+$/.test(line))) {
      throw new Error(`derive-postgres-schema: enum ${name} holds more than plain values; extend the script`);
    }
    const values = lines.map((line) => line.trim()).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return `enum ${name} {\n${values.map((value) => `  ${value}\n`).join('')}}`;
  });
  return HEADER + text;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(POSTGRES_SCHEMA_PATH, derivePostgresSchema(readFileSync(SOURCE_PATH, 'utf8')));
}
