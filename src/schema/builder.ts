/**
 * The schema builder: plugins, scalars and shared settings. No domain types here; each lives in
 * its own file under src/schema/.
 */
import SchemaBuilder, { decodeBase64 } from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import ErrorsPlugin from '@pothos/plugin-errors';
import PrismaPlugin, { type PrismaModelTypes, type PrismaNodeRef } from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import { GraphQLError, getNamedType, getNullableType, isListType, Kind } from 'graphql';
import type { Context } from '../context.js';
import { formatDate, parseCalendarDate } from '../domain/dates.js';
import type PrismaTypes from '../generated/pothos-types.js';
import { getDatamodel } from '../generated/pothos-types.js';
import { Prisma } from '../generated/prisma/client.js';
import { badInput } from './errors.js';
import { nodesAsAsked } from './planned-rows.js';
import './plugins/argument-checks.js';
import './plugins/counted-without-page.js';
import {
  checkFilterSize,
  DEFAULT_PAGE_SIZE,
  FACET_COST,
  FILTER_STATEMENTS,
  filterCost,
  MAX_PAGE_SIZE,
} from './plugins/argument-checks.js';

/** Whether a filter is within the size limits that the argument check enforces (`checkFilterSize`). */
function filterFits(filter: unknown): boolean {
  try {
    checkFilterSize(filter);
    return true;
  } catch {
    return false;
  }
}

/** The item types of facets (and of the overview's counts): each list is a grouped scan. */
const FACET_TYPES = new Set(['FacetCount', 'YearCount', 'OrganizationCount', 'TopicCount', 'PersonCount']);

/** The types that implement `Node`; a global id naming anything else is malformed. */
const NODE_TYPES = new Set([
  'Organization',
  'Model',
  'Article',
  'Topic',
  'Source',
  'Claim',
  'Revision',
  'Person',
  'Hardware',
  'Dataset',
]);

export const builder = new SchemaBuilder<{
  Context: Context;
  PrismaTypes: PrismaTypes;
  DefaultFieldNullability: false;
  Scalars: {
    BigInt: { Input: bigint; Output: bigint };
    Date: { Input: Date; Output: Date };
    DateTime: { Input: Date; Output: Date };
    JSON: { Input: unknown; Output: unknown };
    ID: { Input: string; Output: string | number };
  };
}>({
  plugins: [ComplexityPlugin, ErrorsPlugin, 'countedWithoutPage', PrismaPlugin, RelayPlugin, 'argumentChecks'],
  // A mutation answers its payload or a typed error (./mutations/errors.ts), in a union named
  // after it (`UpdateModelResult`); errors of other classes stay GraphQL errors, masked.
  errors: {
    directResult: true,
    defaultUnionOptions: {
      description:
        "A mutation's payload, or the typed error that stopped it (a `MutationError`: nothing was written). Switch on `__typename`.",
      name: ({ fieldName }) => `${fieldName.charAt(0).toUpperCase()}${fieldName.slice(1)}Result`,
    },
  },
  // What one request may cost, measured on its shape and arguments before anything runs: every
  // field costs 1, and what is under a list costs as many times as the list can be long (a
  // connection's `first`/`last`, 10 for other lists). A filter costs by its conditions and
  // relations, once for every statement it may feed (page, totalCount, facets), and a facet 1,000
  // more (a grouped scan); see `filterCost`. A page of 100 models with their developers, topics,
  // lineage, claims and 5 articles each costs about 30,000; a filter of 60 relations is refused.
  complexity: {
    fieldComplexity: (args, _context, field) => {
      const names = new Set(field.args.map((arg) => arg.name));
      // A filter over the size limits is not priced: the argument check refuses it, naming it.
      const filtering = names.has('filter') && filterFits(args.filter) ? filterCost(args.filter) : 0;
      if (names.has('first') && names.has('last')) {
        const size = (args.first ?? args.last ?? DEFAULT_PAGE_SIZE) as number;
        return { field: 1 + FILTER_STATEMENTS * filtering, multiplier: Math.max(1, size) };
      }
      if (FACET_TYPES.has(getNamedType(field.type).name)) return { field: FACET_COST, multiplier: 1 };
      // Already multiplied by the connection's page size.
      if (field.name === 'edges') return { field: 1, multiplier: 1 };
      if (names.has('ids'))
        return { field: 1, multiplier: Math.max(1, (args.ids as unknown[] | undefined)?.length ?? 1) };
      return isListType(getNullableType(field.type)) ? { field: 1, multiplier: 10 } : 1;
    },
    limit: { complexity: 60_000, depth: 12, breadth: 400 },
    // Too costly a request is the client's to change: a code, measured before it runs, and the
    // status of every other rejection of a document (parse, validation, aliases, tokens): 400 for
    // application/graphql-response+json, 200 for legacy application/json (README, "Status codes").
    complexityError: (kind, result) =>
      new GraphQLError(
        `Query too ${kind === 'Complexity' ? 'complex' : kind === 'Depth' ? 'deep' : 'broad'}: ${kind.toLowerCase()} ${result[kind.toLowerCase() as 'complexity' | 'depth' | 'breadth']}, at most ${result[`max${kind}` as 'maxComplexity' | 'maxDepth' | 'maxBreadth']}. Ask for smaller pages or fewer nested lists.`,
        { extensions: { code: 'QUERY_TOO_COMPLEX', http: { status: 400, spec: true } } },
      ),
  },
  defaultFieldNullability: false,
  prisma: {
    client: (context) => context.prisma,
    dmmf: getDatamodel(),
    exposeDescriptions: true,
    filterConnectionTotalCount: true,
    // In tests, a resolver that forgets to spread Pothos's planned query fails loudly (that
    // mistake is how N+1 queries creep in); a running server only warns.
    onUnusedQuery: process.env.NODE_ENV === 'test' || process.env.VITEST ? 'error' : 'warn',
    maxConnectionSize: MAX_PAGE_SIZE,
    defaultConnectionSize: DEFAULT_PAGE_SIZE,
  },
  relay: {
    cursorType: 'String',
    mutationInputArgOptions: {
      description: "Everything the mutation needs, in one input object (Relay's convention).",
    },
    clientMutationId: 'omit',
    nodeTypeOptions: {
      description: 'An object with a global id: every entity of the graph. Fetch any one with `node(id:)`.',
    },
    idFieldOptions: { description: 'Global id, unique across the whole graph; pass it to `node(id:)`.' },
    nodeQueryOptions: {
      description: 'Any object of the graph by its global `id`; null when none has it.',
      args: { id: { description: "A global id, as given by an object's `id` field." } },
      resolve: async (_root, args, context, info, resolveNode) =>
        (await nodesAsAsked(context, info, [args.id], async () => [await resolveNode(args.id)]))[0],
    },
    nodesQueryOptions: {
      description: 'Several objects by their global ids, in the same order; null where none has it.',
      args: { ids: { description: "Global ids, as given by objects' `id` fields." } },
      resolve: (_root, args, context, info, resolveNodes) =>
        nodesAsAsked(context, info, args.ids, async () => resolveNodes(args.ids)),
    },
    pageInfoTypeOptions: {
      description: 'Where a page of a connection stands: cursors of its ends and whether more pages exist.',
    },
    hasNextPageFieldOptions: { description: 'Whether items follow this page (page on with `after: endCursor`).' },
    hasPreviousPageFieldOptions: {
      description: 'Whether items precede this page (page back with `before: startCursor`).',
    },
    startCursorFieldOptions: { description: 'Cursor of the first item of the page; null when the page is empty.' },
    endCursorFieldOptions: { description: 'Cursor of the last item of the page; null when the page is empty.' },
    pageInfoFieldOptions: { description: 'Where this page stands in the whole list.' },
    edgesFieldOptions: { description: 'The items of this page, each with its cursor.' },
    nodeFieldOptions: { description: 'The item.' },
    cursorFieldOptions: {
      description: 'Opaque position of this item; pass it as `after` or `before` to page from here.',
    },
    firstArgOptions: {
      description: `Page forward: at most this many items after \`after\` (0 to ${MAX_PAGE_SIZE}, default ${DEFAULT_PAGE_SIZE}).`,
    },
    afterArgOptions: { description: 'Start after the item with this cursor.' },
    lastArgOptions: {
      description: `Page backward: at most this many items before \`before\`, or the end of the list (0 to ${MAX_PAGE_SIZE}).`,
    },
    beforeArgOptions: { description: 'End before the item with this cursor.' },
    decodeGlobalID: (globalID) => {
      let decoded: string;
      try {
        decoded = decodeBase64(globalID);
      } catch {
        throw badInput(
          'id',
          `"${globalID}" is not a global id of this API (ids come from the "id" field of an object)`,
        );
      }
      const match = /^([A-Z][A-Za-z]*):(\d{1,15})$/.exec(decoded);
      if (!match || !NODE_TYPES.has(match[1] as string)) {
        throw badInput(
          'id',
          `"${globalID}" is not a global id of this API (ids come from the "id" field of an object)`,
        );
      }
      return { typename: match[1] as string, id: match[2] as string };
    },
  },
});

builder.queryType({ description: 'The entry points of the llm-atlas knowledge graph.' });
builder.mutationType({
  description:
    "Changes to the graph, for editors (and admins) with a token: send `Authorization: Bearer <token>`. Each mutation is one transaction, recorded in the history under the token's name, and answers its payload or a typed error (`MutationError`).",
});

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** Parses an exact integer from a string or a safe integer; used for parameter counts. */
function parseBigInt(value: unknown): bigint {
  let parsed: bigint | undefined;
  if (typeof value === 'string' && /^-?\d{1,20}$/.test(value.trim())) parsed = BigInt(value.trim());
  if (typeof value === 'number' && Number.isSafeInteger(value)) parsed = BigInt(value);
  if (parsed === undefined) {
    throw new GraphQLError(
      `BigInt must be an integer, written as a string of digits such as "175000000000" (got ${JSON.stringify(value)})`,
    );
  }
  // The database stores 64-bit integers; a larger bound is a mistake, not a query.
  if (parsed < INT64_MIN || parsed > INT64_MAX)
    throw new GraphQLError(`BigInt ${parsed} is outside the 64-bit range the graph stores`);
  return parsed;
}

builder.scalarType('BigInt', {
  description:
    'An exact integer of any size, written as a string of decimal digits ("175000000000") so that JavaScript clients lose no precision. Integer literals are accepted as input.',
  serialize: (value) => value.toString(),
  parseValue: parseBigInt,
  parseLiteral: (ast) => {
    if (ast.kind === Kind.INT || ast.kind === Kind.STRING) return parseBigInt(ast.value);
    throw new GraphQLError('BigInt must be an integer or a string of digits');
  },
});

/** Reads "2020-05-28" as a UTC date; anything else is an error naming the expected form. */
function parseDate(value: unknown): Date {
  const date = typeof value === 'string' ? parseCalendarDate(value) : undefined;
  if (date) return date;
  throw new GraphQLError(`Date must be a calendar date written YYYY-MM-DD (got ${JSON.stringify(value)})`);
}

builder.scalarType('Date', {
  description: 'A calendar date, written YYYY-MM-DD (e.g. "2022-11-30").',
  serialize: formatDate,
  parseValue: parseDate,
  parseLiteral: (ast) => {
    if (ast.kind === Kind.STRING) return parseDate(ast.value);
    throw new GraphQLError('Date must be a string written YYYY-MM-DD');
  },
});

builder.scalarType('DateTime', {
  description: 'A moment in time, written in ISO 8601 with a time zone (e.g. "2026-01-26T00:00:00.000Z").',
  serialize: (value) => value.toISOString(),
  parseValue: (value) => {
    const date = typeof value === 'string' ? new Date(value) : new Date(Number.NaN);
    if (Number.isNaN(date.getTime())) throw new GraphQLError('DateTime must be an ISO 8601 timestamp');
    return date;
  },
});

builder.scalarType('JSON', {
  description: 'A JSON value (an object, list, text, number, boolean), as the field describes it.',
  serialize: (value) => value,
  parseValue: () => {
    throw new GraphQLError('JSON values are answers only: no argument takes one');
  },
});

export { Prisma };

/** The builder's type parameters, for annotating refs. */
export type BuilderTypes = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

/**
 * The type of a `prismaNode` ref. Domain types refer to each other (a model's articles, an
 * article's models); annotating the ref breaks TypeScript's circular inference.
 */
export type NodeRef<Name extends keyof PrismaTypes> = PrismaNodeRef<
  BuilderTypes,
  PrismaModelTypes & PrismaTypes[Name],
  PrismaTypes[Name]['Shape']
>;
