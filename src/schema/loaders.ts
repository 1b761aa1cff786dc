/**
 * Per-request batch loaders for what Pothos's query planning cannot fold into the parent query.
 * Each turns "one query per parent row" into one query per request shape.
 */
import DataLoader from 'dataloader';
import type { PrismaClient } from '../db/client.js';
import { createLineageLoader } from './lineage.js';

export type Loaders = ReturnType<typeof createLoaders>;

export function createLoaders(prisma: PrismaClient) {
  return {
    /** Lineage of many models per (direction, depth, kinds): see lineage.ts. */
    lineage: createLineageLoader(prisma),
    /** Models by id, for the models that lineage and search name. */
    modelRows: new DataLoader<number, Awaited<ReturnType<PrismaClient['model']['findUnique']>>>(async (ids) => {
      const rows = await prisma.model.findMany({ where: { id: { in: [...ids] } } });
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    /** Lineage edges by id. */
    lineageEdges: new DataLoader<number, Awaited<ReturnType<PrismaClient['modelLineage']['findUnique']>>>(async (ids) => {
      const rows = await prisma.modelLineage.findMany({ where: { id: { in: [...ids] } } });
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    /** Distinct organizations an article covers directly or through the models it covers. */
    organizationsTouched: new DataLoader<number, { organizationId: number; direct: boolean; viaModelIds: number[] }[]>(
      async (articleIds) => {
        const ids = [...articleIds];
        const [direct, viaModels] = await Promise.all([
          prisma.articleOrganization.findMany({ where: { articleId: { in: ids } }, select: { articleId: true, organizationId: true } }),
          prisma.articleModel.findMany({
            where: { articleId: { in: ids } },
            select: { articleId: true, modelId: true, model: { select: { developers: { select: { organizationId: true } } } } },
          }),
        ]);
        const byArticle = new Map<number, Map<number, { organizationId: number; direct: boolean; viaModelIds: number[] }>>();
        const entry = (articleId: number, organizationId: number) => {
          let map = byArticle.get(articleId);
          if (!map) byArticle.set(articleId, (map = new Map()));
          let item = map.get(organizationId);
          if (!item) map.set(organizationId, (item = { organizationId, direct: false, viaModelIds: [] }));
          return item;
        };
        for (const row of direct) entry(row.articleId, row.organizationId).direct = true;
        for (const row of viaModels) {
          for (const developer of row.model.developers) entry(row.articleId, developer.organizationId).viaModelIds.push(row.modelId);
        }
        return ids.map((id) => [...(byArticle.get(id)?.values() ?? [])]);
      },
    ),
  };
}
