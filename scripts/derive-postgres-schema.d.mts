/** Types of scripts/derive-postgres-schema.mjs (plain JavaScript: `npm run generate` runs it before any TypeScript tool is set up). */
export declare const SOURCE_PATH: string;
export declare const POSTGRES_SCHEMA_PATH: string;
/** The PostgreSQL schema for the text of prisma/schema.prisma. */
export declare function derivePostgresSchema(source: string): string;
