/**
 * A Pothos plugin for connections. It checks the paging arguments of every connection field before it
 * resolves: `first`/`last` between 0 and {@link MAX_PAGE_SIZE}, and not both at once. Pothos
 * alone silently clamps an oversized page; a client asking for 500 rows deserves to be told.
 */
import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';
import type { GraphQLFieldResolver } from 'graphql';
import { badInput } from '../errors.js';

/** The largest page a connection returns. */
export const MAX_PAGE_SIZE = 100;
/** The page size when neither `first` nor `last` is given. */
export const DEFAULT_PAGE_SIZE = 20;

type PageArgs = { first?: number | null; last?: number | null };

/** Throws a `BAD_USER_INPUT` error naming the argument when the page arguments are not usable. */
export function checkPageArguments(args: PageArgs): void {
  for (const name of ['first', 'last'] as const) {
    const value = args[name];
    if (value == null) continue;
    if (value < 0) throw badInput(name, `must not be negative (got ${value})`);
    if (value > MAX_PAGE_SIZE) throw badInput(name, `at most ${MAX_PAGE_SIZE} items per page (got ${value}); page with "after"/"before"`);
  }
  if (args.first != null && args.last != null) {
    throw badInput('first', 'give "first" (with "after") or "last" (with "before"), not both');
  }
}

export class ConnectionArgumentsPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  /** plugin-prisma's generated `totalCount` fields take no description option: give them one. */
  override onOutputFieldConfig(fieldConfig: PothosOutputFieldConfig<Types>): PothosOutputFieldConfig<Types> {
    if (fieldConfig.name !== 'totalCount' || fieldConfig.description || !fieldConfig.parentType.endsWith('Connection')) return fieldConfig;
    return { ...fieldConfig, description: 'Number of items in the whole list (all pages), under the same filter.' };
  }

  override wrapResolve(
    resolver: GraphQLFieldResolver<unknown, Types['Context'], object>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types['Context'], object> {
    if (!('first' in fieldConfig.args) || !('last' in fieldConfig.args)) return resolver;
    return (parent, args, context, info) => {
      checkPageArguments(args as PageArgs);
      return resolver(parent, args, context, info);
    };
  }
}

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      connectionArguments: ConnectionArgumentsPlugin<Types>;
    }
  }
}

SchemaBuilder.registerPlugin('connectionArguments', ConnectionArgumentsPlugin);
