/**
 * Per-request batch loaders for what Pothos's query planning cannot fold into the parent query.
 * Each turns "one query per parent row" into one query per request shape.
 */
import DataLoader from 'dataloader';
import type { PrismaClient } from '../db/client.js';
import { valuesDisagree } from '../domain/claims.js';
import { LineageGraph } from './lineage.js';

export type Loaders = ReturnType<typeof createLoaders>;

/** A value computed at most once, on first use. */
function memo<T>(compute: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => {
    value ??= compute();
    return value;
  };
}

/**
 * Ids of the models on which two sources give values that disagree (claimValuesAgree): SQL
 * finds the properties with more than one distinct value, the one definition decides.
 */
async function findDisagreeingModels(prisma: PrismaClient, property: string): Promise<{ id: number; slug: string }[]> {
  const rows = await prisma.$queryRawUnsafe<{ modelId: number; slug: string; property: string; value: string }[]>(
    `SELECT c."modelId" AS modelId, m.slug AS slug, c."property" AS property, c."value" AS value FROM "Claim" c
     JOIN (SELECT "modelId", "property" FROM "Claim" ${property === '*' ? '' : 'WHERE "property" = ?'}
           GROUP BY "modelId", "property" HAVING COUNT(DISTINCT "value") > 1) d
       ON d."modelId" = c."modelId" AND d."property" = c."property"
     JOIN "Model" m ON m.id = c."modelId"`,
    ...(property === '*' ? [] : [property]),
  );
  const groups = new Map<string, { id: number; slug: string; property: string; values: string[] }>();
  for (const row of rows) {
    const key = `${row.modelId}:${row.property}`;
    const group = groups.get(key) ?? { id: Number(row.modelId), slug: row.slug, property: row.property, values: [] };
    group.values.push(row.value);
    groups.set(key, group);
  }
  const models = new Map<number, { id: number; slug: string }>();
  for (const group of groups.values())
    if (valuesDisagree(group.property, group.values)) models.set(group.id, { id: group.id, slug: group.slug });
  return [...models.values()].sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
}

/** Ids per batched query: SQLite limits the parameters of one statement. */
const BATCH = { maxBatchSize: 500 } as const;

/** Rows by id, many ids per query; null for an id that names no row. */
function rowsById<Row extends { id: number }>(load: (ids: number[]) => Promise<Row[]>) {
  return new DataLoader<number, Row | null>(async (ids) => {
    const byId = new Map((await load([...ids])).map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  }, BATCH);
}

export function createLoaders(prisma: PrismaClient) {
  return {
    /** The lineage edges, loaded once per request when a field first walks them. */
    lineageGraph: memo(() => LineageGraph.load(prisma)),
    /** Organizations by id. */
    organizationRows: rowsById((ids) => prisma.organization.findMany({ where: { id: { in: ids } } })),
    /** Ids of the models whose sources disagree, per property ('*' for any); see model.ts. */
    disagreeingModels: new DataLoader<string, { id: number; slug: string }[]>((properties) =>
      Promise.all(properties.map((property) => findDisagreeingModels(prisma, property))),
    ),
    /** Models by id: the models lineage steps, paths and overviews name. */
    modelRows: rowsById((ids) => prisma.model.findMany({ where: { id: { in: ids } } })),
    /** Lineage edges by id. */
    lineageEdges: rowsById((ids) => prisma.modelLineage.findMany({ where: { id: { in: ids } } })),
    /** Distinct organizations an article covers directly or through the models it covers. */
    organizationsTouched: new DataLoader<number, { organizationId: number; direct: boolean; viaModelIds: number[] }[]>(
      async (articleIds) => {
        const ids = [...articleIds];
        const [direct, viaModels] = await Promise.all([
          prisma.articleOrganization.findMany({
            where: { articleId: { in: ids } },
            select: { articleId: true, organizationId: true },
          }),
          prisma.articleModel.findMany({
            where: { articleId: { in: ids } },
            select: {
              articleId: true,
              modelId: true,
              model: { select: { developers: { select: { organizationId: true } } } },
            },
          }),
        ]);
        const byArticle = new Map<
          number,
          Map<number, { organizationId: number; direct: boolean; viaModelIds: number[] }>
        >();
        const entry = (articleId: number, organizationId: number) => {
          let map = byArticle.get(articleId);
          if (!map) {
            map = new Map();
            byArticle.set(articleId, map);
          }
          let item = map.get(organizationId);
          if (!item) {
            item = { organizationId, direct: false, viaModelIds: [] };
            map.set(organizationId, item);
          }
          return item;
        };
        for (const row of direct) entry(row.articleId, row.organizationId).direct = true;
        for (const row of viaModels) {
          for (const developer of row.model.developers)
            entry(row.articleId, developer.organizationId).viaModelIds.push(row.modelId);
        }
        return ids.map((id) => [...(byArticle.get(id)?.values() ?? [])]);
      },
      BATCH,
    ),
  };
}
