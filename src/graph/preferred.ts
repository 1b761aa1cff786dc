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

/** A claim as the refresh reads it. */
type StoredClaim = RankableClaim & { subjectId: number; property: string; rank: string; rankReason: string | null };

/** How the claims of one kind of subject are read, and the fields derived from them. */
type Subject = {
  claims(session: WriteSession, ids: number[]): Promise<StoredClaim[]>;
  rows(session: WriteSession, ids: number[]): Promise<({ id: number } & Record<string, unknown>)[]>;
  /** The preferred fields from the preferred value of each property. */
  fields(preferred: ReadonlyMap<string, string>): Record<string, unknown>;
  claimTable: 'Claim' | 'OrganizationClaim';
  subjectTable: 'Model' | 'Organization';
};

/** The fields of a claim (of either table) that ranking reads and writes. */
export const RANKED_CLAIM_SELECT = {
  id: true,
  property: true,
  value: true,
  confidence: true,
  rank: true,
  rankReason: true,
  assertedRank: true,
  assertedReason: true,
  source: { select: { slug: true, kind: true } },
} as const;

const SUBJECTS: Record<'model' | 'organization', Subject> = {
  model: {
    claims: async (session, ids) =>
      (
        await session.tx.claim.findMany({
          where: { modelId: { in: ids } },
          select: { ...RANKED_CLAIM_SELECT, modelId: true },
          orderBy: { id: 'asc' },
        })
      ).map(({ modelId, ...claim }) => ({ ...claim, subjectId: modelId })),
    rows: (session, ids) =>
      session.tx.model.findMany({
        where: { id: { in: ids } },
        select: { id: true, parameters: true, releaseDate: true, releaseDatePrecision: true, openWeights: true },
      }),
    fields: (preferred) => preferredFields(preferred as ReadonlyMap<ClaimProperty, string>),
    claimTable: 'Claim',
    subjectTable: 'Model',
  },
  organization: {
    claims: async (session, ids) =>
      (
        await session.tx.organizationClaim.findMany({
          where: { organizationId: { in: ids } },
          select: { ...RANKED_CLAIM_SELECT, organizationId: true },
          orderBy: { id: 'asc' },
        })
      ).map(({ organizationId, ...claim }) => ({ ...claim, subjectId: organizationId })),
    rows: (session, ids) =>
      session.tx.organization.findMany({ where: { id: { in: ids } }, select: { id: true, country: true, kind: true } }),
    // An organization no claim gives a kind to is OTHER ("anything else, or not known").
    fields: (preferred) => ({ country: preferred.get('COUNTRY') ?? null, kind: preferred.get('KIND') ?? 'OTHER' }),
    claimTable: 'OrganizationClaim',
    subjectTable: 'Organization',
  },
};

/**
 * Ranks the claims of these models or organizations again and updates what changed: claim ranks
 * and reasons, and the preferred fields.
 */
export async function refreshPreferred(
  session: WriteSession,
  kind: 'model' | 'organization',
  ids: Iterable<number>,
): Promise<void> {
  const subject = SUBJECTS[kind];
  const now = new Date();
  for (const batch of batches([...new Set(ids)])) {
    const [claims, rows] = await Promise.all([subject.claims(session, batch), subject.rows(session, batch)]);
    const claimsOf = new Map<number, Map<string, StoredClaim[]>>();
    for (const claim of claims) {
      const properties = claimsOf.get(claim.subjectId) ?? new Map<string, StoredClaim[]>();
      properties.set(claim.property, [...(properties.get(claim.property) ?? []), claim]);
      claimsOf.set(claim.subjectId, properties);
    }
    const claimUpdates: RowUpdate[] = [];
    const subjectUpdates: RowUpdate[] = [];
    for (const row of rows) {
      const preferred = new Map<string, string>();
      for (const [property, ofProperty] of claimsOf.get(row.id) ?? []) {
        const { rankings, preferred: chosen } = rankClaims(property as ClaimProperty, ofProperty);
        if (chosen) preferred.set(property, chosen.value);
        rankings.forEach((ranking, index) => {
          const claim = ofProperty[index] as StoredClaim;
          if (claim.rank !== ranking.rank || claim.rankReason !== ranking.reason) {
            claimUpdates.push({ id: claim.id, rank: ranking.rank, rankReason: ranking.reason });
          }
        });
      }
      const fields = subject.fields(preferred);
      if (Object.entries(fields).some(([field, value]) => !sameField(row[field], value))) {
        subjectUpdates.push({ id: row.id, ...(fields as Record<string, RowUpdate[string]>), updatedAt: now });
      }
    }
    await session.store.updateById(subject.claimTable, claimUpdates);
    await session.store.updateById(subject.subjectTable, subjectUpdates);
    session.count('claimRank', 'updated', claimUpdates.length);
    session.count('preferredValues', 'updated', subjectUpdates.length);
  }
}
