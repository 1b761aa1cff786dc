/**
 * `npm run schema`: writes schema.graphql from the Pothos schema (the committed API contract), and
 * from it the types the explorer's operations are checked against (src/explorer/graphql-env.d.ts).
 */
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { GRAPHQL_ENV_FILE, printGraphQLEnvFile, printSchemaFile, SCHEMA_FILE } from '../src/schema/print.js';

const sdl = printSchemaFile();
writeFileSync(SCHEMA_FILE, sdl);
writeFileSync(GRAPHQL_ENV_FILE, printGraphQLEnvFile(sdl));
for (const file of [SCHEMA_FILE, GRAPHQL_ENV_FILE]) console.log(`Wrote ${relative(process.cwd(), file)}`);
