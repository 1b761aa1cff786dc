/**
 * The values the graph derives from claims, kept in step by the write layer: each claim's rank
 * and reason (src/domain/ranking.ts) and a model's preferred fields. Run at the end of every
 * write for the models whose claims it changed, so that no writer can leave a preferred value
 * that its claims do not earn.
 */
import { batches } from '../db/batch.js';
import type { RowUpdate } from '../db/store.js';
import { openWeightsFromAccessibility } from '../domain/accessibility.js';
import { parsePartialDate } from '../domain/dates.js';
import type { ClaimProperty } from '../domain/enums.js';
import { type RankableClaim, rankClaims } from '../domain/ranking.js';
import type { WriteSession } from './session.js';

/** A model's fields that are the preferred value of a property. */
export type PreferredFields = {
  parameters: bigint | null;
  releaseDate: Date | null;
  releaseDatePrecision: 'YEAR' | 'MONTH' | 'DAY' | null;
  openWeights: boolean | null;
};

/**
 * The preferred fields of a model from the preferred claim of each property. `openWeights` comes
 * from an OPEN_WEIGHTS claim, else from what the preferred ACCESSIBILITY claim implies ("Open
 * weights (non-commercial)" → true, "API access" → false).
 */
export function preferredFields(preferred: ReadonlyMap<ClaimProperty, string>): PreferredFields {
  const parameters = preferred.get('PARAMETERS');
  const date = parsePartialDate(preferred.get('RELEASE_DATE') ?? '');
  const openWeights = preferred.get('OPEN_WEIGHTS');
  const accessibility = preferred.get('ACCESSIBILITY');
  return {
    parameters: parameters === undefined ? null : BigInt(parameters),
    releaseDate: date?.value ?? null,
    releaseDatePrecision: date?.precision ?? null,
    openWeights:
      openWeights !== undefined
        ? openWeights === 'true'
        : accessibility !== undefined
          ? (openWeightsFromAccessibility(accessibility) ?? null)
          : null,
  };
}

const sameField = (a: unknown, b: unknown) =>
  a instanceof Date || b instanceof Date
    ? a instanceof Date && b instanceof Date && a.getTime() === b.getTime()
    : (a ?? null) === (b ?? null);

/** Ranks the claims of these models again and updates what changed: claim ranks, preferred fields. */
export async function refreshPreferred(session: WriteSession, modelIds: Iterable<number>): Promise<void> {
  const now = new Date();
  for (const batch of batches([...new Set(modelIds)])) {
    const [claims, models] = await Promise.all([
      session.tx.claim.findMany({
        where: { modelId: { in: batch } },
        select: {
          id: true,
          modelId: true,
          property: true,
          value: true,
          confidence: true,
          rank: true,
          rankReason: true,
          assertedRank: true,
          assertedReason: true,
          source: { select: { slug: true, kind: true } },
        },
        orderBy: { id: 'asc' },
      }),
      session.tx.model.findMany({
        where: { id: { in: batch } },
        select: { id: true, parameters: true, releaseDate: true, releaseDatePrecision: true, openWeights: true },
      }),
    ]);
    const claimsOf = new Map<number, Map<ClaimProperty, (typeof claims)[number][]>>();
    for (const claim of claims) {
      const properties = claimsOf.get(claim.modelId) ?? new Map();
      properties.set(claim.property, [...(properties.get(claim.property) ?? []), claim]);
      claimsOf.set(claim.modelId, properties);
    }
    const claimUpdates: RowUpdate[] = [];
    const modelUpdates: RowUpdate[] = [];
    for (const model of models) {
      const preferred = new Map<ClaimProperty, string>();
      for (const [property, ofProperty] of claimsOf.get(model.id) ?? []) {
        const { rankings, preferred: chosen } = rankClaims(property, ofProperty as RankableClaim[]);
        if (chosen) preferred.set(property, chosen.value);
        rankings.forEach((ranking, index) => {
          const claim = ofProperty[index] as (typeof claims)[number];
          if (claim.rank !== ranking.rank || claim.rankReason !== ranking.reason) {
            claimUpdates.push({ id: claim.id, rank: ranking.rank, rankReason: ranking.reason });
          }
        });
      }
      const fields = preferredFields(preferred);
      if (Object.entries(fields).some(([field, value]) => !sameField(model[field as keyof typeof model], value))) {
        modelUpdates.push({ id: model.id, ...fields, updatedAt: now });
      }
    }
    await session.store.updateById('Claim', claimUpdates);
    await session.store.updateById('Model', modelUpdates);
    session.count('claimRank', 'updated', claimUpdates.length);
    session.count('preferredValues', 'updated', modelUpdates.length);
  }
}
