/**
 * Per-request batch loaders for what Pothos's query planning cannot fold into the parent query.
 * Each turns "one query per parent row" into one query per request shape.
 */
import DataLoader from 'dataloader';
import { BATCH_SIZE } from '../db/batch.js';
import type { PrismaClient } from '../db/client.js';
import type { GraphStore } from '../db/store.js';
import { valuesDisagree } from '../domain/claims.js';
import type { ClaimProperty } from '../domain/enums.js';
import { compareText } from '../domain/normalize.js';
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
 * Ids of the models on which two sources give values that disagree (claimValuesAgree): the store
 * finds the properties with more than one distinct value, the one definition decides.
 */
async function findDisagreeingModels(store: GraphStore, property: string): Promise<{ id: number; slug: string }[]> {
  const rows = await store.claimsWithSeveralValues(property === '*' ? undefined : (property as ClaimProperty));
  const groups = new Map<string, { id: number; slug: string; property: string; values: string[] }>();
  for (const row of rows) {
    const key = `${row.modelId}:${row.property}`;
    const group = groups.get(key) ?? { id: row.modelId, slug: row.slug, property: row.property, values: [] };
    group.values.push(row.value);
    groups.set(key, group);
  }
  const models = new Map<number, { id: number; slug: string }>();
  for (const group of groups.values())
    if (valuesDisagree(group.property, group.values)) models.set(group.id, { id: group.id, slug: group.slug });
  return [...models.values()].sort((a, b) => compareText(a.slug, b.slug));
}

/** Ids per batched query (src/db/batch.ts). */
const BATCH = { maxBatchSize: BATCH_SIZE } as const;

/** Rows by id, many ids per query; null for an id that names no row. */
function rowsById<Row extends { id: number }>(load: (ids: number[]) => Promise<Row[]>) {
  return new DataLoader<number, Row | null>(async (ids) => {
    const byId = new Map((await load([...ids])).map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  }, BATCH);
}

/** The loaders of one request: Prisma's queries on `prisma`, raw statements on `store`. */
export function createLoaders(prisma: PrismaClient, store: GraphStore) {
  return {
    /** The lineage edges, loaded once per request when a field first walks them. */
    lineageGraph: memo(() => LineageGraph.load(store)),
    /** Organizations by id. */
    organizationRows: rowsById((ids) => prisma.organization.findMany({ where: { id: { in: ids } } })),
    /** Ids of the models whose sources disagree, per property ('*' for any); see model.ts. */
    disagreeingModels: new DataLoader<string, { id: number; slug: string }[]>((properties) =>
      Promise.all(properties.map((property) => findDisagreeingModels(store, property))),
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
