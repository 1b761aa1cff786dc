/**
 * The {@link GraphStore} of a PostgreSQL database: the statements of src/db/sqlite/store.ts in
 * PostgreSQL's dialect (quoted camel-case columns, `$n` parameters, an alias for every derived
 * table). Bulk writes send their rows as one JSON parameter read with `json_populate_recordset`,
 * which gives every column its table's type (an enum, a timestamp, a bigint) without a cast per
 * column and without PostgreSQL's limit of bound parameters.
 */
import type { ClaimProperty } from '../../domain/enums.js';
import { normalizeName } from '../../domain/normalize.js';
import { batches } from '../batch.js';
import type { ClaimValueRow, ColumnValue, GraphStore, SlugRow, StoreExecutor } from '../store.js';
import { ALIASES, count, graphVersion, isReachable, lineageReach, overviewCounts } from '../store-rows.js';
import { createPostgresSearchIndex } from './search-index.js';

/** Rows as one JSON parameter: dates as ISO-8601 text, bigints as their digits (PostgreSQL casts both). */
export function rowsAsJson(rows: readonly Record<string, ColumnValue>[]): string {
  return JSON.stringify(rows, (_, value: unknown) =>
    typeof value === 'bigint' ? value.toString() : value instanceof Date ? value.toISOString() : value,
  );
}

/** A UTF-16 surrogate without its pair: not a character, and refused by PostgreSQL's JSON. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Rows per bulk statement: one JSON parameter each, so only the statement's size limits it. */
const ROWS_PER_STATEMENT = 5000;

/** The store of a PostgreSQL database, on an executor (a client, or a transaction's client). */
export function createPostgresStore(db: StoreExecutor): GraphStore {
  return {
    search: createPostgresSearchIndex(db),

    async beginWrite() {
      await db.$queryRawUnsafe(`SELECT pg_advisory_xact_lock(hashtext('llm-atlas write ' || current_schema()))::text`);
    },

    isReachable: () => isReachable(db),
    graphVersion: () => graphVersion(db),

    async findIdByName(table, name) {
      if (!(table in ALIASES)) throw new Error(`findIdByName: no table ${JSON.stringify(table)}`);
      const aliases = ALIASES[table];
      // A name match ranks before an alias match, so "GPT-3" is GPT-3 even if another model lists it as an alias.
      const rows = await db.$queryRawUnsafe<{ id: number }[]>(
        `SELECT id, 0 AS rank FROM "${table}" WHERE lower(name) = lower($1) OR "nameZh" = $1 OR slug = lower($1)
         ${aliases ? `UNION ALL SELECT "${aliases.owner}" AS id, 1 AS rank FROM "${aliases.table}" WHERE normalized = $2` : ''}
         ORDER BY rank, id LIMIT 1`,
        name,
        ...(aliases ? [normalizeName(name)] : []),
      );
      return rows[0] ? count(rows[0].id) : null;
    },

    async resolveSlugs(asked) {
      // PostgreSQL's text cannot hold U+0000 nor its JSON a lone surrogate: such a slug names
      // nothing (and would fail the statement).
      const slugs = asked.filter((slug) => !slug.includes('\u0000') && !LONE_SURROGATE.test(slug));
      if (slugs.length === 0) return [];
      const rows = await db.$queryRawUnsafe<{ entity: SlugRow['entity']; slug: string; id: number | null }[]>(
        `WITH wanted(slug) AS (SELECT json_array_elements_text($1::json))
         SELECT 'ORGANIZATION' AS entity, slug, id FROM "Organization" WHERE slug IN (SELECT slug FROM wanted)
         UNION ALL SELECT 'MODEL', slug, id FROM "Model" WHERE slug IN (SELECT slug FROM wanted)
         UNION ALL SELECT 'TOPIC', slug, id FROM "Topic" WHERE slug IN (SELECT slug FROM wanted)
         UNION ALL SELECT "entityType"::text, "fromSlug", COALESCE("organizationId", "modelId", "topicId") FROM "SlugRedirect"
           WHERE "fromSlug" IN (SELECT slug FROM wanted)`,
        JSON.stringify(slugs),
      );
      return rows.flatMap((row) => (row.id == null ? [] : [{ entity: row.entity, slug: row.slug, id: count(row.id) }]));
    },

    lineageEdges() {
      return db.modelLineage.findMany({ select: { id: true, childId: true, parentId: true, kind: true } });
    },

    lineageReach: (reach) =>
      lineageReach(db, reach, {
        kinds: 'SELECT json_array_elements_text($1::json)',
        startIds: 'SELECT json_array_elements_text($2::json)::int AS id',
        lastDepth: '$3::int',
        kindText: (column) => `${column}::text`,
        lateral: true,
      }),

    async claimsWithSeveralValues(property?: ClaimProperty) {
      const rows = await db.$queryRawUnsafe<ClaimValueRow[]>(
        `SELECT c."modelId" AS "modelId", m.slug AS slug, c."property"::text AS property, c."value" AS value FROM "Claim" c
         JOIN (SELECT "modelId", "property" FROM "Claim" ${property === undefined ? '' : 'WHERE "property" = $1'}
               GROUP BY "modelId", "property" HAVING COUNT(DISTINCT "value") > 1) d
           ON d."modelId" = c."modelId" AND d."property" = c."property"
         JOIN "Model" m ON m.id = c."modelId"`,
        ...(property === undefined ? [] : [property]),
      );
      return rows.map((row) => ({ ...row, modelId: count(row.modelId) }));
    },

    ...overviewCounts(db, {
      placeholder: (position) => `$${position}`,
      yearText: (column) => `CAST(EXTRACT(YEAR FROM ${column}) AS INTEGER)::text`,
      lastNulls: (column, direction, { reversed = false } = {}) =>
        reversed
          ? `${column} ${direction === 'ASC' ? 'DESC' : 'ASC'} NULLS FIRST`
          : `${column} ${direction} NULLS LAST`,
      isKnown: (column) => `${column} IS NOT NULL`,
      isUnknown: (column) => `${column} IS NULL`,
    }),

    async insertRows(table, rows) {
      if (rows.length === 0) return;
      const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))].map((column) => `"${column}"`).join(', ');
      // In the order given: the ids the table gives them follow it, as on SQLite.
      for (const batch of batches(rows, ROWS_PER_STATEMENT)) {
        await db.$executeRawUnsafe(
          `INSERT INTO "${table}" (${columns})
           SELECT ${columns} FROM json_populate_recordset(NULL::"${table}", $1::json) WITH ORDINALITY AS x ORDER BY x.ordinality`,
          rowsAsJson(batch),
        );
      }
    },

    async restartIdentities(tables) {
      for (const table of tables) {
        await db.$queryRawUnsafe(
          `SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), COALESCE((SELECT MAX("id") FROM "${table}"), 0) + 1, false)`,
        );
      }
    },

    async withoutKeptCounts(write) {
      // Every trigger of the schema keeps counts (the migration rebuild_kept_counts says so).
      const tables = await db.$queryRawUnsafe<{ name: string }[]>(
        `SELECT DISTINCT c."relname" AS name FROM pg_trigger t JOIN pg_class c ON c."oid" = t."tgrelid"
         WHERE NOT t."tgisinternal" AND c."relnamespace" = current_schema()::regnamespace ORDER BY 1`,
      );
      const turn = async (state: 'DISABLE' | 'ENABLE') => {
        for (const { name } of tables) await db.$executeRawUnsafe(`ALTER TABLE "${name}" ${state} TRIGGER USER`);
      };
      await turn('DISABLE');
      const result = await write();
      // One statement reading every coverage row: not bound by the server's statement timeout
      // (this transaction only; a million articles take about a minute).
      await db.$executeRawUnsafe('SET LOCAL statement_timeout = 0');
      await db.$executeRawUnsafe('SELECT "rebuild_kept_counts"()');
      // The coverage per language and site (the migration coverage_value_counts).
      await db.$executeRawUnsafe('SELECT "rebuild_coverage_value_counts"()');
      // The per-country facets are counted by whoever ends the write (refreshCountryModelFacets):
      // every country marked, those that had counts too (their rows go).
      await db.$executeRawUnsafe(
        `INSERT INTO "CountryModelFacetStale" ("country") SELECT "country" FROM "CountryModel"
         UNION SELECT "country" FROM "CountryModelFacetCount" ON CONFLICT DO NOTHING`,
      );
      await turn('ENABLE');
      return result;
    },

    async refreshStatistics() {
      const tables = await db.$queryRawUnsafe<{ name: string }[]>(
        `SELECT "tablename" AS name FROM pg_tables WHERE "schemaname" = current_schema() ORDER BY 1`,
      );
      // VACUUM too: it marks the pages a bulk write filled as all-visible, without which a count
      // over an index visits the table (W2's counts of a hot model's articles: 11 ms before, at a
      // million articles). Not in a transaction: PostgreSQL refuses VACUUM there.
      if (tables.length > 0)
        await db.$executeRawUnsafe(`VACUUM (ANALYZE) ${tables.map(({ name }) => `"${name}"`).join(', ')}`);
    },

    async updateById(table, rows) {
      const [first] = rows;
      if (!first) return;
      const columns = Object.keys(first).filter((column) => column !== 'id');
      const sets = columns.map((column) => `"${column}" = x."${column}"`).join(', ');
      for (const batch of batches(rows, ROWS_PER_STATEMENT)) {
        await db.$executeRawUnsafe(
          `UPDATE "${table}" AS t SET ${sets} FROM json_populate_recordset(NULL::"${table}", $1::json) AS x WHERE t."id" = x."id"`,
          rowsAsJson(batch),
        );
      }
    },
  };
}
