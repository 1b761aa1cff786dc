/** `npm run schema`: writes schema.graphql from the Pothos schema (the committed API contract). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { printSchemaFile, SCHEMA_FILE } from '../src/schema/print.js';

writeFileSync(SCHEMA_FILE, printSchemaFile());
console.log(`Wrote ${join('.', 'schema.graphql')}`);
