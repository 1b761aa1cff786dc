/** Reads the graph as the Epoch plan needs it: one statement per table, in the import's transaction. */
import type { Tx } from '../../src/graph/session.js';
import { EPOCH_PROPERTIES, EPOCH_SOURCE, type EpochGraphView } from './plan.js';

export async function loadEpochView(tx: Tx): Promise<EpochGraphView> {
  const [epochSource, sources, models, organizations, claims, lineage, developers, organizationClaims, domains, tasks] =
    await Promise.all([
      tx.source.findUnique({ where: { slug: EPOCH_SOURCE.slug }, select: { id: true, snapshotDate: true } }),
      tx.source.findMany({ select: { id: true, slug: true } }),
      tx.model.findMany({
        select: {
          id: true,
          slug: true,
          name: true,
          nameZh: true,
          parameters: true,
          releaseDate: true,
          aliases: { select: { alias: true, normalized: true } },
        },
        orderBy: { id: 'asc' },
      }),
      tx.organization.findMany({
        select: {
          id: true,
          slug: true,
          name: true,
          nameZh: true,
          aliases: { select: { alias: true, normalized: true } },
        },
        orderBy: { id: 'asc' },
      }),
      tx.claim.findMany({
        where: { property: { in: [...EPOCH_PROPERTIES] } },
        select: { modelId: true, property: true, sourceId: true, value: true },
      }),
      tx.modelLineage.findMany({
        select: { childId: true, parentId: true, kind: true, sourceId: true },
        orderBy: { id: 'asc' },
      }),
      tx.modelDeveloper.findMany({ select: { modelId: true, organizationId: true, sourceId: true } }),
      tx.organizationClaim.findMany({
        where: { source: { slug: EPOCH_SOURCE.slug } },
        select: { organizationId: true, property: true, value: true },
        orderBy: { id: 'asc' },
      }),
      tx.modelDomain.findMany({
        where: { source: { slug: EPOCH_SOURCE.slug } },
        select: { modelId: true, domain: true },
      }),
      tx.modelTask.findMany({
        where: { source: { slug: EPOCH_SOURCE.slug } },
        select: { modelId: true, task: true },
      }),
    ]);
  return {
    epochSource,
    sources,
    models,
    organizations,
    claims,
    lineage,
    developers,
    organizationClaims,
    domains,
    tasks,
  };
}
