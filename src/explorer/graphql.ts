/**
 * `graphql()` for the explorer's operations, typed from schema.graphql by gql.tada: a field the
 * contract lacks, or a variable of the wrong type, fails `npm run typecheck`, and each operation's
 * result has the exact type its selection asks for (`ResultOf<typeof ModelPage>`).
 */
import { initGraphQLTada } from 'gql.tada';
import type { introspection } from './graphql-env.js';

export const graphql = initGraphQLTada<{
  introspection: introspection;
  // As the schema serializes them (src/schema/builder.ts): BigInt as a decimal string, dates as ISO text.
  scalars: { BigInt: string; Date: string; DateTime: string; JSON: unknown };
}>();

export type { ResultOf, VariablesOf } from 'gql.tada';
