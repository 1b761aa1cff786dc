/**
 * Fields shared by the connections over join tables (an organization's models, a topic's
 * articles, ...): their resolvers return `{ edges, pageInfo, totalCount }` and edges that keep
 * the join row's properties (relevance, role).
 */
import type { BuilderTypes } from './builder.js';
import { Relevance } from './enums.js';

type ConnectionFieldBuilder = PothosSchemaTypes.ObjectFieldBuilder<BuilderTypes, object>;

/** `totalCount` read from the resolved connection (counted by the parent's `_count` select). */
export function totalCountField(connection: ConnectionFieldBuilder, what: string) {
  return connection.int({
    description: `Number of ${what} matching the filter, on all pages.`,
    resolve: (result) => (result as { totalCount: number }).totalCount,
  });
}

/** `relevance` of a coverage edge: how central the entity is to the article. */
export function relevanceEdgeField(edge: ConnectionFieldBuilder, description: string) {
  return edge.field({ type: Relevance, description, resolve: (coverage) => (coverage as { relevance: 'MAIN' | 'MENTION' }).relevance });
}
