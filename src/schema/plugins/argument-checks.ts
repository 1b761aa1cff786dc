/**
 * A Pothos plugin that checks the arguments every list field shares, before the field
 * resolves, and answers a mistake with a `BAD_USER_INPUT` error naming the argument:
 * - `first`/`last` between 0 and {@link MAX_PAGE_SIZE}, not both (Pothos alone silently clamps);
 * - `after`/`before` must be a cursor of the same list (a foreign one used to reach Prisma);
 * - `ids` at most {@link MAX_PAGE_SIZE} global ids;
 * - `filter` at most {@link MAX_FILTER_CONDITIONS} conditions, nested at most
 *   {@link MAX_FILTER_DEPTH} deep (a filter is turned into one SQL statement);
 * - on every field with arguments: no control character in any text (a NUL byte reached the
 *   search index), and at most {@link MAX_LIST_ITEMS} list items in all (two lists of 500
 *   overflowed the database's bound parameters, one statement per field).
 */
import SchemaBuilder, {
  BasePlugin,
  decodeBase64,
  decodeCursorChunk,
  type PothosOutputFieldConfig,
  type SchemaTypes,
} from '@pothos/core';
import { GraphQLError, type GraphQLFieldResolver } from 'graphql';
import { badInput } from '../errors.js';

/** The largest page a connection returns. */
export const MAX_PAGE_SIZE = 100;
/** The page size when neither `first` nor `last` is given. */
export const DEFAULT_PAGE_SIZE = 20;
/** The most conditions (fields set, at any depth) one `filter` may hold. */
export const MAX_FILTER_CONDITIONS = 100;
/** The deepest nesting of `and`/`or`/`not` and relation filters. */
export const MAX_FILTER_DEPTH = 8;

/**
 * The most list items all the arguments of one field may hold together. A slug list is bound
 * twice (the slugs, and the redirects from them), and SQLite takes 999 parameters a statement.
 */
export const MAX_LIST_ITEMS = 400;

/** The first C0 control or DEL in `text` (tab, line feed and carriage return are text), or -1. */
function controlCharacterAt(text: string): number {
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f) return code;
  }
  return -1;
}

/**
 * Throws a `BAD_USER_INPUT` error naming the argument (its path, as `filter.slugIn`) when a text
 * holds a control character, or when the lists of all arguments hold more than
 * {@link MAX_LIST_ITEMS} items together.
 */
export function checkArgumentValues(args: Readonly<Record<string, unknown>>): void {
  let items = 0;
  const walk = (value: unknown, path: string): void => {
    if (typeof value === 'string') {
      const found = controlCharacterAt(value);
      if (found >= 0) {
        const code = found.toString(16).toUpperCase().padStart(4, '0');
        throw badInput(path, `must not contain control characters (found U+${code})`);
      }
      return;
    }
    if (Array.isArray(value)) {
      // Scalars become bound parameters; a list of input objects (`or`, `and`) holds conditions.
      items += value.filter((item) => item === null || typeof item !== 'object').length;
      if (items > MAX_LIST_ITEMS)
        throw badInput(path, `at most ${MAX_LIST_ITEMS} list items in all the arguments of a field (got ${items})`);
      for (const item of value) walk(item, path);
      return;
    }
    if (value === null || typeof value !== 'object' || value instanceof Date) return;
    for (const [key, item] of Object.entries(value)) walk(item, `${path}.${key}`);
  };
  for (const [name, value] of Object.entries(args)) walk(value, name);
}

export type PageArgs = { first?: number | null; last?: number | null; after?: string | null; before?: string | null };

/** Throws a `BAD_USER_INPUT` error naming the argument when the page arguments are not usable. */
export function checkPageArguments(args: PageArgs): void {
  for (const name of ['first', 'last'] as const) {
    const value = args[name];
    if (value == null) continue;
    if (value < 0) throw badInput(name, `must not be negative (got ${value})`);
    if (value > MAX_PAGE_SIZE)
      throw badInput(name, `at most ${MAX_PAGE_SIZE} items per page (got ${value}); page with "after"/"before"`);
  }
  if (args.first != null && args.last != null) {
    throw badInput('first', 'give "first" (with "after") or "last" (with "before"), not both');
  }
}

/** What one condition of a filter costs: a column compared. */
export const CONDITION_COST = 5;
/**
 * What a condition on a relation costs beside its own conditions: a correlated sub-select per row
 * of the list, in every statement the filter feeds (measured: 99 tasks or'ed take SQLite 220 ms
 * over a thousand models, and Prisma several ms each to prepare).
 */
export const RELATION_COST = 100;
/** What a group (`and`, `or`, `not`) or a range costs beside its conditions. */
export const GROUP_COST = 5;
/** What one facet costs beside its filter: a grouped scan of the whole filtered list. */
export const FACET_COST = 1000;
/**
 * The statements a filter of a connection may feed: its page, its `totalCount` and its facets
 * (six at most). Charged whether or not the facets are asked for: the cost of a field is
 * measured from its arguments alone.
 */
export const FILTER_STATEMENTS = 8;

/** Filter fields given as scalars that are conditions on a relation (`task` is a model's tasks). */
const RELATION_SCALARS = new Set(['task', 'domain']);
/** Filter fields whose object value is a range of a column, not a relation. */
const RANGES = new Set(['parameters', 'releaseDate', 'publishedAt']);
const GROUPS = new Set(['and', 'or', 'not']);

/**
 * The cost of applying a filter once, for the complexity limit (src/schema/builder.ts): every
 * condition {@link CONDITION_COST}, every relation {@link RELATION_COST} more, every group or
 * range {@link GROUP_COST} more. 30 tasks or'ed cost 3,155 per statement.
 */
export function filterCost(filter: unknown): number {
  let cost = 0;
  const stack: unknown[] = [filter];
  while (stack.length > 0) {
    const value = stack.pop();
    if (Array.isArray(value)) {
      stack.push(...value);
      continue;
    }
    if (value === null || typeof value !== 'object' || value instanceof Date) continue;
    for (const [key, item] of Object.entries(value)) {
      if (item == null) continue;
      cost += CONDITION_COST;
      if (RELATION_SCALARS.has(key)) cost += RELATION_COST;
      if (typeof item === 'object' && !(item instanceof Date) && !isScalarList(item)) {
        cost += GROUPS.has(key) || RANGES.has(key) ? GROUP_COST : RELATION_COST;
        stack.push(item);
      }
    }
  }
  return cost;
}

function isScalarList(value: object): boolean {
  return Array.isArray(value) && value.every((entry) => entry === null || typeof entry !== 'object');
}

/** Counts the conditions of a filter input and its depth; throws when either is too large. */
export function checkFilterSize(filter: unknown, argument = 'filter'): void {
  let conditions = 0;
  const walk = (value: unknown, depth: number): void => {
    if (depth > MAX_FILTER_DEPTH) throw badInput(argument, `nested more than ${MAX_FILTER_DEPTH} levels deep`);
    if (Array.isArray(value)) {
      for (const item of value) walk(item, depth);
      return;
    }
    if (value === null || typeof value !== 'object' || value instanceof Date) return;
    for (const item of Object.values(value)) {
      if (item == null) continue;
      conditions += 1;
      if (conditions > MAX_FILTER_CONDITIONS) throw badInput(argument, `at most ${MAX_FILTER_CONDITIONS} conditions`);
      if (
        typeof item === 'object' &&
        !(item instanceof Date) &&
        !(Array.isArray(item) && item.every((entry) => typeof entry !== 'object'))
      ) {
        walk(item, depth + 1);
      }
    }
  };
  walk(filter, 1);
}

/** A value every list's cursor may hold: a row id (all ids are integers) or a tuple of them. */
function isIdValue(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0 && value.every((part) => Number.isSafeInteger(part));
  return Number.isSafeInteger(value);
}

/**
 * Whether `cursor` has the form of a cursor this API hands out: base64 of `GPC:` and a row id
 * (lists read page by page from the database) or of `OffsetConnection:` and a position from 0
 * (lists computed whole, like `search`). Which list it belongs to is checked where it is read.
 */
export function isCursorShaped(cursor: string): boolean {
  let decoded: string;
  try {
    decoded = decodeBase64(cursor);
  } catch {
    return false;
  }
  if (decoded.startsWith('OffsetConnection:')) {
    const offset = decoded.slice('OffsetConnection:'.length);
    return /^\d{1,15}$/.test(offset);
  }
  if (!decoded.startsWith('GPC:')) return false;
  try {
    return isIdValue(decodeCursorChunk(decoded.slice(4)));
  } catch {
    return false;
  }
}

/** Throws a `BAD_USER_INPUT` error naming `after` or `before` when it is not shaped as a cursor. */
export function checkCursorArguments(args: PageArgs): void {
  for (const name of ['after', 'before'] as const) {
    const cursor = args[name];
    if (cursor != null && !isCursorShaped(cursor)) throw badInput(name, CURSOR_MISTAKE);
  }
}

export const CURSOR_MISTAKE = 'is not a cursor of this list (cursors come from its edges and pageInfo)';

/** Whether a planned Prisma query's `cursor` (at any depth) holds only row ids. */
export function plannedCursorsHoldIds(planned: unknown): boolean {
  if (planned === null || typeof planned !== 'object') return true;
  for (const [key, value] of Object.entries(planned)) {
    if (key === 'cursor') {
      if (value === null || typeof value !== 'object') return false;
      for (const part of Object.values(value)) {
        const ids = part !== null && typeof part === 'object' ? Object.values(part) : [part];
        if (ids.length === 0 || !ids.every((id) => Number.isSafeInteger(id))) return false;
      }
    } else if (!plannedCursorsHoldIds(value)) return false;
  }
  return true;
}

/**
 * Runs `resolve`; an error that comes from reading `after`/`before` (a cursor of another list,
 * or no cursor at all) becomes a `BAD_USER_INPUT` error naming the argument.
 */
export function withCursorErrors<T>(args: PageArgs, resolve: () => T): T {
  const rethrow = (error: unknown): never => {
    const cursor = args.after != null ? 'after' : args.before != null ? 'before' : undefined;
    const userError = error instanceof GraphQLError && error.extensions.code === 'BAD_USER_INPUT';
    if (cursor && !userError) throw badInput(cursor, CURSOR_MISTAKE);
    throw error;
  };
  try {
    const result = resolve();
    return (result instanceof Promise ? result.catch(rethrow) : result) as T;
  } catch (error) {
    return rethrow(error);
  }
}

type PlanSelection = (args: PageArgs, ...rest: unknown[]) => unknown;

/**
 * A nested connection's page is planned into its parent's query (one statement per level). A
 * cursor or page size that cannot be used must not fail the parent's query (that nulled the
 * parent with an error naming nothing): it plans nothing, and the field, resolving alone,
 * reports the argument (`wrapResolve` below).
 *
 * This wraps the selections plugin-prisma has set when this plugin sees the field: those of
 * `t.relatedConnection` (Source.claims). A `t.connection` with a `select` gets its selection from
 * plugin-prisma's own field hook, which Pothos runs after this one (the hooks run from the last
 * plugin listed to the first); those are `joinConnection`'s, whose `plan` catches the same
 * mistakes itself (src/schema/connections.ts).
 */
function planSafely(planned: PlanSelection): PlanSelection {
  return (args, ...rest) => {
    try {
      checkPageArguments(args);
      checkCursorArguments(args);
      const selection = planned(args, ...rest);
      if (selection instanceof Promise) return selection.then((value) => (plannedCursorsHoldIds(value) ? value : {}));
      return plannedCursorsHoldIds(selection) ? selection : {};
    } catch {
      return {};
    }
  };
}

export class ArgumentChecksPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  /** plugin-prisma's generated `totalCount` fields take no description option: give them one. */
  override onOutputFieldConfig(fieldConfig: PothosOutputFieldConfig<Types>): PothosOutputFieldConfig<Types> {
    const planned = fieldConfig.extensions?.pothosPrismaSelect;
    if (typeof planned === 'function' && 'after' in fieldConfig.args) {
      return {
        ...fieldConfig,
        extensions: { ...fieldConfig.extensions, pothosPrismaSelect: planSafely(planned as PlanSelection) },
      };
    }
    if (fieldConfig.name !== 'totalCount' || fieldConfig.description || !fieldConfig.parentType.endsWith('Connection'))
      return fieldConfig;
    return { ...fieldConfig, description: 'Number of items in the whole list (all pages), under the same filter.' };
  }

  override wrapResolve(
    resolver: GraphQLFieldResolver<unknown, Types['Context'], object>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types['Context'], object> {
    if (Object.keys(fieldConfig.args).length === 0) return resolver;
    const paged = 'first' in fieldConfig.args && 'last' in fieldConfig.args;
    const filtered = 'filter' in fieldConfig.args;
    const byIds = 'ids' in fieldConfig.args;
    return (parent, args, context, info) => {
      checkArgumentValues(args as Record<string, unknown>);
      const values = args as PageArgs & { filter?: unknown; ids?: unknown[] };
      if (paged) {
        checkPageArguments(values);
        checkCursorArguments(values);
      }
      if (filtered) checkFilterSize(values.filter);
      if (byIds && (values.ids?.length ?? 0) > MAX_PAGE_SIZE)
        throw badInput('ids', `at most ${MAX_PAGE_SIZE} ids (got ${values.ids?.length})`);
      return paged
        ? withCursorErrors(values, () => resolver(parent, args, context, info))
        : resolver(parent, args, context, info);
    };
  }
}

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      argumentChecks: ArgumentChecksPlugin<Types>;
    }
  }
}

SchemaBuilder.registerPlugin('argumentChecks', ArgumentChecksPlugin);
