/**
 * Writing claims: sourced values of a property of a model (its parameter count, release date,
 * ...) or of an organization (its country, its kind). One claim per (subject, property,
 * source); values are checked and put in canonical form, so the same fact written twice is no
 * change. A write that changes a subject's claims has its claims ranked again and its preferred
 * fields derived (./preferred.ts) before it commits.
 */
import { batches } from '../db/batch.js';
import type { ClaimProperty, ClaimRank, Confidence, OrganizationProperty } from '../domain/enums.js';
import type { Table, Written } from './changes.js';
import { endpointIds, refuseDuplicates } from './edges.js';
import { edgeValue } from './history.js';
import type { WriteSession } from './session.js';
import { canonicalClaimValue, canonicalOrganizationValue, changedFields, defined } from './values.js';

/** What every claim carries besides its subject, property and value. */
type Citation = {
  /** Slug of the source that says so. */
  source: string;
  locator?: string | null;
  quote?: string | null;
  confidence?: Confidence;
  note?: string | null;
  /** A curator's rank for the claim (PREFERRED or DEPRECATED; null for none): the ranking rule obeys it. */
  assertedRank?: ClaimRank | null;
  /** Why the curator asserted it. */
  assertedReason?: string | null;
};

/** A model's property according to a source. */
export type ClaimInput = Citation & {
  model: string;
  property: ClaimProperty;
  /** Canonical text: digits for counts, YYYY[-MM[-DD]] for dates (see `canonicalClaimValue`). */
  value: string;
};

/** Names one claim of a model. */
export type ClaimKey = { model: string; property: ClaimProperty; source: string };

/** A claim as it was before it was retracted. */
export type RetractedClaim = ClaimKey & { value: string };

/** An organization's country or kind according to a source. */
export type OrganizationClaimInput = Citation & {
  organization: string;
  property: OrganizationProperty;
  /** An ISO 3166-1 alpha-2 code for COUNTRY, an OrganizationKind value for KIND. */
  value: string;
};

/** Names one claim of an organization. */
export type OrganizationClaimKey = { organization: string; property: OrganizationProperty; source: string };

/** How the claims of one kind of subject are stored. */
type ClaimTable = {
  table: Extract<Table, 'claim' | 'organizationClaim'>;
  subject: 'model' | 'organization';
  column: 'modelId' | 'organizationId';
  /** The first segment of input paths in errors. */
  what: string;
  canonical(path: string, property: string, value: string): string;
};

const MODEL_CLAIMS: ClaimTable = {
  table: 'claim',
  subject: 'model',
  column: 'modelId',
  what: 'claims',
  canonical: (path, property, value) => canonicalClaimValue(path, property as ClaimProperty, value),
};

const ORGANIZATION_CLAIMS: ClaimTable = {
  table: 'organizationClaim',
  subject: 'organization',
  column: 'organizationId',
  what: 'organizationClaims',
  canonical: (path, property, value) => canonicalOrganizationValue(path, property as OrganizationProperty, value),
};

type Row = { id: number; subjectId: number; property: string; sourceId: number; value: string } & Record<
  string,
  unknown
>;

/** The Prisma delegate of a claim table: the two tables share these calls, not one TypeScript type. */
function delegate(session: WriteSession, table: ClaimTable) {
  return session.tx[table.table] as unknown as {
    findMany(args: object): Promise<Record<string, unknown>[]>;
    createManyAndReturn(args: object): Promise<Record<string, unknown>[]>;
    update(args: object): Promise<unknown>;
    deleteMany(args: object): Promise<unknown>;
  };
}

/** The stored claims of these subjects, keyed "subject:property:source". */
async function loadClaims(
  session: WriteSession,
  table: ClaimTable,
  subjectIds: Iterable<number>,
): Promise<Map<string, Row>> {
  const claims = new Map<string, Row>();
  for (const batch of batches([...new Set(subjectIds)])) {
    for (const claim of await delegate(session, table).findMany({ where: { [table.column]: { in: batch } } })) {
      const row = { ...claim, subjectId: claim[table.column] } as Row;
      claims.set(`${row.subjectId}:${row.property}:${row.sourceId}`, row);
    }
  }
  return claims;
}

type GenericInput = Citation & { subject: string; property: string; value: string };

/** The fields of a claim its history records. */
const CLAIM_FIELDS = ['value', 'confidence', 'locator', 'quote', 'note', 'assertedRank', 'assertedReason'] as const;

/** A claim's recorded value: its fields that hold something. */
function claimValue(row: Record<string, unknown>): Record<string, unknown> {
  return edgeValue(Object.fromEntries(CLAIM_FIELDS.map((field) => [field, row[field]])));
}

/** Records a claim's change on its subject (the field `claim:<property>:<source>`). */
function recordClaim(
  session: WriteSession,
  table: ClaimTable,
  subjectId: number,
  property: string,
  source: string,
  from: Record<string, unknown> | null,
  to: Record<string, unknown> | null,
): void {
  session.record(table.subject, subjectId, 'updated', [{ field: `claim:${property}:${source}`, from, to }]);
}

async function putGeneric(
  session: WriteSession,
  table: ClaimTable,
  inputs: readonly GenericInput[],
): Promise<Written[]> {
  const values = inputs.map((input, index) =>
    table.canonical(`${table.what}[${index}].value`, input.property, input.value),
  );
  const { subjects, sources } = await subjectAndSourceIds(session, table, inputs);
  const rows = inputs.map((input, index) => ({
    subjectId: subjects.get(input.subject) as number,
    sourceId: sources.get(input.source) as number,
    property: input.property,
    // In this order, changes are reported as the summaries list them.
    value: values[index] as string,
    confidence: input.confidence,
    locator: input.locator,
    quote: input.quote,
    note: input.note,
    assertedRank: input.assertedRank,
    assertedReason: input.assertedReason,
  }));
  const keyOf = (row: { subjectId: number; property: string; sourceId: number }) =>
    `${row.subjectId}:${row.property}:${row.sourceId}`;
  refuseDuplicates(rows.map(keyOf), table.what);

  const existing = await loadClaims(
    session,
    table,
    rows.map((row) => row.subjectId),
  );
  const results: (Written | undefined)[] = [];
  const creating: { index: number; row: (typeof rows)[number] }[] = [];
  for (const [index, row] of rows.entries()) {
    const found = existing.get(keyOf(row));
    if (!found) {
      creating.push({ index, row });
      continue;
    }
    const { subjectId: _subject, sourceId: _source, property: _property, ...data } = row;
    const changes = changedFields(found, data);
    if (changes.length === 0) {
      session.count(table.table, 'unchanged');
      results[index] = { id: found.id, outcome: 'unchanged', changes };
      continue;
    }
    const update = Object.fromEntries(changes.map((change) => [change.field, change.to]));
    await delegate(session, table).update({ where: { id: found.id }, data: update });
    recordClaim(
      session,
      table,
      row.subjectId,
      row.property,
      (inputs[index] as GenericInput).source,
      claimValue(found),
      claimValue({ ...found, ...update }),
    );
    session.count(table.table, 'updated');
    session.claimsChangedFor(table.subject, row.subjectId);
    results[index] = { id: found.id, outcome: 'updated', changes };
  }
  for (const batch of batches(creating)) {
    const created = await delegate(session, table).createManyAndReturn({
      data: batch.map(({ row: { subjectId, ...row } }) => ({ [table.column]: subjectId, ...defined(row) })),
      select: { id: true, [table.column]: true, property: true, sourceId: true },
    });
    const ids = new Map(
      created.map((claim) => [`${claim[table.column]}:${claim.property}:${claim.sourceId}`, claim.id as number]),
    );
    for (const { index, row } of batch) {
      results[index] = { id: ids.get(keyOf(row)) as number, outcome: 'created', changes: [] };
      session.claimsChangedFor(table.subject, row.subjectId);
      const source = (inputs[index] as GenericInput).source;
      recordClaim(
        session,
        table,
        row.subjectId,
        row.property,
        source,
        null,
        claimValue({ ...row, confidence: row.confidence ?? 'UNKNOWN' }),
      );
    }
    session.count(table.table, 'created', created.length);
  }
  return results as Written[];
}

async function retractGeneric(
  session: WriteSession,
  table: ClaimTable,
  keys: readonly { subject: string; property: string; source: string }[],
): Promise<{ index: number; value: string }[]> {
  if (keys.length === 0) return [];
  const { subjects, sources } = await subjectAndSourceIds(session, table, keys);
  const wanted = new Map(
    keys.map((key, index) => [`${subjects.get(key.subject)}:${key.property}:${sources.get(key.source)}`, index]),
  );
  const existing = await loadClaims(session, table, subjects.values());
  const found = [...wanted].flatMap(([key, index]) => {
    const claim = existing.get(key);
    return claim ? [{ index, claim }] : [];
  });
  for (const batch of batches(found)) {
    await delegate(session, table).deleteMany({ where: { id: { in: batch.map(({ claim }) => claim.id) } } });
  }
  for (const { index, claim } of found) {
    session.claimsChangedFor(table.subject, claim.subjectId);
    const key = keys[index] as { property: string; source: string };
    recordClaim(session, table, claim.subjectId, key.property, key.source, claimValue(claim), null);
  }
  session.count(table.table, 'deleted', found.length);
  return found.map(({ index, claim }) => ({ index, value: claim.value }));
}

async function subjectAndSourceIds(
  session: WriteSession,
  table: ClaimTable,
  inputs: readonly { subject: string; source?: string | null }[],
): Promise<{ subjects: Map<string, number>; sources: Map<string, number> }> {
  if (table.subject === 'model') {
    const { models, sources } = await endpointIds(
      session,
      inputs.map((input) => ({ model: input.subject, source: input.source })),
      table.what,
    );
    return { subjects: models, sources };
  }
  const [subjects, sources] = await session.resolveAll([
    {
      entity: 'organization',
      keys: inputs.map((input, index) => ({ key: input.subject, path: `${table.what}[${index}].organization` })),
    },
    {
      entity: 'source',
      keys: inputs.flatMap((input, index) =>
        input.source ? [{ key: input.source, path: `${table.what}[${index}].source` }] : [],
      ),
    },
  ] as const);
  return { subjects, sources };
}

/** Creates or updates claims of models; answers each input's outcome, in order. */
export function putClaims(session: WriteSession, inputs: readonly ClaimInput[]): Promise<Written[]> {
  return putGeneric(
    session,
    MODEL_CLAIMS,
    inputs.map(({ model, ...input }) => ({ ...input, subject: model })),
  );
}

/** Deletes claims of models; answers those that existed, with the value they had. */
export async function retractClaims(session: WriteSession, keys: readonly ClaimKey[]): Promise<RetractedClaim[]> {
  const found = await retractGeneric(
    session,
    MODEL_CLAIMS,
    keys.map(({ model, ...key }) => ({ ...key, subject: model })),
  );
  return found.map(({ index, value }) => ({ ...(keys[index] as ClaimKey), value }));
}

/** Creates or updates claims of organizations; answers each input's outcome, in order. */
export function putOrganizationClaims(
  session: WriteSession,
  inputs: readonly OrganizationClaimInput[],
): Promise<Written[]> {
  return putGeneric(
    session,
    ORGANIZATION_CLAIMS,
    inputs.map(({ organization, ...input }) => ({ ...input, subject: organization })),
  );
}

/** Deletes claims of organizations; answers those that existed, with the value they had. */
export async function retractOrganizationClaims(
  session: WriteSession,
  keys: readonly OrganizationClaimKey[],
): Promise<(OrganizationClaimKey & { value: string })[]> {
  const found = await retractGeneric(
    session,
    ORGANIZATION_CLAIMS,
    keys.map(({ organization, ...key }) => ({ ...key, subject: organization })),
  );
  return found.map(({ index, value }) => ({ ...(keys[index] as OrganizationClaimKey), value }));
}
