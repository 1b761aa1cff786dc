/** The GraphQL enums: those of the database take their values and descriptions from src/domain/enums.ts. */

import type { EnumRef } from '@pothos/core';
import { ENUM_DESCRIPTIONS, type EnumName, type EnumValue, enumValues } from '../domain/enums.js';
import { type BuilderTypes, builder } from './builder.js';

/** The GraphQL enum of a database enum, of the same name, values and descriptions. */
function databaseEnum<Name extends EnumName>(name: Name): EnumRef<BuilderTypes, EnumValue<Name>> {
  const { description, values } = ENUM_DESCRIPTIONS[name];
  const described: Record<string, { description: string }> = Object.fromEntries(
    enumValues(name).map((value) => [value, { description: values[value] }]),
  );
  // The generic name defeats Pothos's inference of the value union; the return type restores it.
  return builder.enumType(name as string, { description, values: described }) as never;
}

export const OrganizationKind = databaseEnum('OrganizationKind');
export const DeveloperRole = databaseEnum('DeveloperRole');
export const LineageKind = databaseEnum('LineageKind');
export const ArticleSite = databaseEnum('ArticleSite');
export const ArticleKind = databaseEnum('ArticleKind');
export const Relevance = databaseEnum('Relevance');
export const SourceKind = databaseEnum('SourceKind');
export const ClaimProperty = databaseEnum('ClaimProperty');
export const Confidence = databaseEnum('Confidence');
export const ClaimRank = databaseEnum('ClaimRank');
export const OrganizationProperty = databaseEnum('OrganizationProperty');
export const ArticleProperty = databaseEnum('ArticleProperty');
export const Domain = databaseEnum('Domain');
export const DatePrecision = databaseEnum('DatePrecision');
export const TokenRole = databaseEnum('TokenRole');

export const SortDirection = builder.enumType('SortDirection', {
  description: 'Order of a sort. Nulls always come last.',
  values: {
    ASC: { description: 'Smallest, earliest or A first.' },
    DESC: { description: 'Largest, latest or Z first.' },
  } as const,
});

export const ActorKind = databaseEnum('ActorKind');
export const HistoryEntity = databaseEnum('HistoryEntity');
export const RevisionAction = databaseEnum('RevisionAction');
