/**
 * Fields shared by the connections over join tables (an organization's models, a topic's
 * articles, ...): their resolvers return `{ edges, pageInfo, totalCount }` and edges that keep
 * the join row's properties (relevance, role).
 */
import { type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';
import type { Context } from '../context.js';
import type { ArticleColumnValue, CoverageTable, IndexedArticleOrder } from '../db/store.js';
import type { Confidence as ConfidenceValue, Relevance as RelevanceValue } from '../domain/enums.js';
import type { BuilderTypes } from './builder.js';
import { Confidence, Relevance } from './enums.js';
import { badInput } from './errors.js';
import { beyondCursorIn } from './filters.js';
import type { RelationCount } from './loaders.js';
import {
  CURSOR_MISTAKE,
  checkCursorArguments,
  checkPageArguments,
  DEFAULT_PAGE_SIZE,
  type PageArgs,
  plannedCursorsHoldIds,
} from './plugins/argument-checks.js';
import { COUNT_ONLY } from './plugins/counted-without-page.js';

export type ConnectionFieldBuilder = PothosSchemaTypes.ObjectFieldBuilder<BuilderTypes, object>;

/**
 * Whether the selection of the field being resolved asks for nothing but `totalCount` (and
 * `__typename`), through fragments too: then a connection need not read its page. A field under a
 * directive (`@include`, `@skip`) counts as asked, whatever its condition says.
 */
export function asksOnlyTotalCount(info: GraphQLResolveInfo): boolean {
  const only = (selectionSet: SelectionSetNode | undefined): boolean =>
    (selectionSet?.selections ?? []).every((selection) => {
      if (selection.kind === Kind.FIELD) return COUNT_ONLY.has(selection.name.value);
      if (selection.kind === Kind.INLINE_FRAGMENT) return only(selection.selectionSet);
      return only(info.fragments[selection.name.value]?.selectionSet);
    });
  return info.fieldNodes.every((node) => only(node.selectionSet));
}

/** `totalCount` read from the resolved connection (a number, or the count `joinConnection` starts when it is read). */
export function totalCountField(connection: ConnectionFieldBuilder, what: string) {
  return connection.int({
    description: `Number of ${what} matching the filter, on all pages.`,
    resolve: (result) => (result as { totalCount: number | Promise<number> }).totalCount,
  });
}

/** `relevance` of a coverage edge: how central the entity is to the article. */
export function relevanceEdgeField(edge: ConnectionFieldBuilder, description: string) {
  return edge.field({
    type: Relevance,
    description,
    resolve: (coverage) => (coverage as { relevance: RelevanceValue }).relevance,
  });
}

/**
 * The fields of a coverage edge: `relevance` (how central the entity is), and how sure the
 * coverage is and what it was judged from.
 */
export function coverageEdgeFields(edge: ConnectionFieldBuilder, relevance: string) {
  return {
    relevance: relevanceEdgeField(edge, relevance),
    confidence: edge.field({
      type: Confidence,
      description: 'How sure the coverage is (UNKNOWN when not stated).',
      resolve: (coverage) => (coverage as { confidence: ConfidenceValue }).confidence,
    }),
    basis: edge.string({
      nullable: true,
      description:
        'What the coverage was judged from (e.g. `title` when only the title was read); null when not stated.',
      resolve: (coverage) => (coverage as { basis: string | null }).basis,
    }),
  };
}

/** The cursor argument given (`after` unless only `before` is). */
function cursorArgument(args: PageArgs): 'after' | 'before' {
  return args.after == null && args.before != null ? 'before' : 'after';
}

/** What `prismaConnectionHelpers` gives for a join table, as far as this file uses it. */
type JoinHelpers = {
  getQuery(args: never, context: never, nestedSelection: never): object;
  resolve(rows: never, args: never, context: never): object;
};

/**
 * `select` and `resolve` of a connection over a join table (organization → ModelDeveloper →
 * model): the page and its `totalCount` are loaded with the parent, under the same `where`, so a
 * list of parents costs one query per level, not one per parent. Spread into `t.connection`;
 * the relation is named by a string, so the result is typed loosely (`never`) on purpose.
 */
export function joinConnection<Args>(options: {
  /** The parent's relation to the join table, e.g. `models`. */
  relation: string;
  /** The join table and its column naming the parent, for `totalCount` (see {@link RelationCount}). */
  count: Pick<RelationCount, 'table' | 'key'>;
  helpers: JoinHelpers;
  /** Filter on the join rows, from the field's arguments. */
  where: (args: Args) => object;
  /** Order of the join rows; the cursor breaks ties. */
  orderBy?: (args: Args) => object | object[];
  /**
   * A coverage table whose first page, when `applies` to the arguments (the default order or one
   * of the articles' indexed orders, which `order` names; no filter, or one of one language or
   * site, which `column` names), is read per parent by `loaders.coveragePages` rather than with
   * the parent's query. Whatever the order, a filter of one language or site alone (`column`) is
   * counted from the rows the database keeps.
   */
  firstPages?: {
    table: CoverageTable;
    applies: (args: Args) => boolean;
    order?: (args: Args) => IndexedArticleOrder | undefined;
    column?: (args: Args) => ArticleColumnValue | undefined;
  };
}): { select: never; resolve: never; extensions: never } {
  const { relation, count, helpers, where, orderBy, firstPages } = options;
  // The rows a first page reads (one more than `first`, which tells whether more follow), or
  // undefined where the parent's query loads the page. On PostgreSQL too: Prisma's joined
  // statement builds each parent's page in a LATERAL subquery before it sorts and limits the
  // parents, so W2 built the first articles of all 553 of OpenAI's models to show 20 (75 ms at a
  // million articles; 7 ms read this way).
  const firstPageTake = (args: Args): number | undefined => {
    const { first, last, after, before } = args as PageArgs;
    if (!firstPages?.applies(args) || last != null || after != null || before != null) return undefined;
    // No size given is the default size (Pothos' `defaultConnectionSize`): read the same way, or
    // Prisma reads every row of every parent (OpenAI's models: 1.9 s at a million articles).
    return (first ?? DEFAULT_PAGE_SIZE) + 1;
  };
  // The rows of a last page in the default order (`last` without a cursor: one more than `last`,
  // the first of them telling whether more come before), read from the end of each parent's rows
  // as a first page is read from their start; Prisma read every row of every parent of a list
  // (30 topics' last article: 5.4 s at a million articles).
  const lastPageTake = (args: Args): number | undefined => {
    const { first, last, after, before } = args as PageArgs;
    if (!firstPages?.applies(args) || firstPages.order?.(args) !== undefined) return undefined;
    return last == null || first != null || after != null || before != null ? undefined : last + 1;
  };
  // The page is planned into the parent's query, before this field's resolver runs. Unusable
  // page arguments (a size out of range, a cursor of another list) plan nothing, so that the
  // parent's query still runs and this field reports the argument when it resolves.
  const plan = (args: Args, context: never, nestedSelection: never): object | undefined => {
    try {
      checkPageArguments(args as PageArgs);
      checkCursorArguments(args as PageArgs);
      const page = helpers.getQuery(args as never, context, nestedSelection);
      return plannedCursorsHoldIds(page) ? page : undefined;
    } catch {
      return undefined;
    }
  };
  // No `_count` in the parent's query: Prisma counts a relation by aggregating the whole join
  // table (a LEFT JOIN on a GROUP BY of every row), a full scan on each request that grows with
  // the graph (200,000 coverage rows at 100,000 articles). `totalCount` is counted when asked, for
  // the parents of the page only (the `relationCounts` loader).
  // A page after or before a cursor in an order of the articles' (date or citations): read by
  // `keysetPage` below, since Prisma cannot write its cursor as a condition for an order with
  // the unknown values last and reads all the parent's rows to page them in memory (Meta's second
  // page by date: 857 ms at a million articles).
  // The last page too (`last` with no cursor, where `firstPages` applies): Prisma's statement for
  // it, the order written backwards, sorted all the parent's rows on SQLite (Meta's: 133 ms at a
  // million).
  const keysetOrder = (args: Args): IndexedArticleOrder | undefined => {
    const { after, before, last } = args as PageArgs;
    const fromEnd = last != null && firstPages?.applies(args) === true;
    return firstPages?.order && (after != null || before != null || fromEnd) ? firstPages.order(args) : undefined;
  };
  // (Where only `totalCount` is asked, this does not run: plugins/counted-without-page.ts answers
  // `{ id: true }` for the fields marked `countedWithoutPage`, and `resolve` finds no rows.)
  const select = (args: Args, context: never, nestedSelection: never) => {
    const page = plan(args, context, nestedSelection);
    if (!page) return { id: true, [relation]: { take: 0 } };
    if (firstPageTake(args) !== undefined || lastPageTake(args) !== undefined || keysetOrder(args)) return { id: true };
    return { id: true, [relation]: { ...page, where: where(args), ...(orderBy ? { orderBy: orderBy(args) } : {}) } };
  };
  const resolve = async (parent: unknown, args: Args, context: never, info: GraphQLResolveInfo) => {
    // Page sizes and cursor shapes were checked around this resolver (plugins/argument-checks.ts);
    // a cursor of the right shape from another list is found here, planning again only then.
    const { after, before } = args as PageArgs;
    const order = keysetOrder(args);
    const planned = order || after != null || before != null ? plan(args, context, (() => ({})) as never) : undefined;
    if ((after != null || before != null) && !planned) throw badInput(cursorArgument(args as PageArgs), CURSOR_MISTAKE);
    const loaded = parent as Record<string, unknown> & { id: number };
    const { loaders } = context as unknown as Context;
    const fromEnd = lastPageTake(args);
    const take = firstPageTake(args) ?? fromEnd;
    // A page read here rather than with the parent is not read when only `totalCount` is asked
    // (100 organizations' article counts read 2,100 articles to show none).
    const pageOf = async (read: () => Promise<unknown>) => (asksOnlyTotalCount(info) ? [] : read());
    const rows = order
      ? await pageOf(() => keysetPage(args, context, loaded.id, order, planned))
      : take === undefined || !firstPages
        ? (loaded[relation] ?? [])
        : await pageOf(() =>
            loaders.coveragePages.load({
              table: firstPages.table,
              parentId: loaded.id,
              take,
              order: firstPages.order?.(args),
              start: fromEnd === undefined ? undefined : { backward: true },
              where: firstPages.column?.(args),
            }),
          );
    return {
      ...helpers.resolve(rows as never, args as never, context),
      // Read only by `totalCount` (totalCountField), and only when it is selected.
      get totalCount() {
        return loaders.relationCounts.load({
          ...count,
          where: where(args),
          column: firstPages?.column?.(args),
          parentId: loaded.id,
        });
      },
    };
  };
  /**
   * The join rows of the parent after or before the cursor's article in `order`, or the last ones:
   * the planned page's size (negative before a cursor or from the end: `planned`, as `resolve`
   * planned it), each row with its article. Where `firstPages` applies (no filter, or one language
   * or site), the rows come as a first page's do (`loaders.coveragePages`, from the cursor or the
   * end): Prisma's statement joins and sorts all the parent's rows after the cursor (Meta's second
   * page by date: 157 ms at a million articles). With another filter, the cursor is a condition on
   * the article's value of the order's field and its id (`beyondCursorIn`).
   */
  const keysetPage = async (
    args: Args,
    context: never,
    parentId: number,
    order: IndexedArticleOrder,
    planned: object | undefined,
  ) => {
    const page = planned as
      | { take?: number; skip?: number; cursor?: Record<string, { articleId?: number }> }
      | undefined;
    if (!page?.take) return [];
    const articleId = Object.values(page.cursor ?? {})[0]?.articleId;
    if (page.cursor !== undefined && (page.skip !== 1 || articleId === undefined)) return [];
    const { prisma, loaders } = context as unknown as Context;
    const cursor =
      articleId === undefined
        ? undefined
        : await prisma.article.findUnique({ where: { id: articleId }, select: { publishedAt: true, citations: true } });
    if (articleId !== undefined && !cursor) return [];
    if (firstPages?.applies(args))
      return loaders.coveragePages.load({
        table: firstPages.table,
        parentId,
        take: Math.abs(page.take),
        order,
        start: {
          cursor: articleId !== undefined && cursor ? { id: articleId, value: cursor[order.field] } : undefined,
          backward: page.take < 0,
        },
        where: firstPages.column?.(args),
      });
    if (articleId === undefined || !cursor) return [];
    const delegate = (prisma as unknown as Record<string, { findMany(query: object): Promise<unknown[]> }>)[
      count.table
    ];
    if (!delegate) throw new Error(`joinConnection: no Prisma delegate ${count.table}`);
    return delegate.findMany({
      where: {
        AND: [
          where(args),
          { [count.key]: parentId },
          {
            article: beyondCursorIn(
              { ...order, tie: 'id' },
              { value: cursor[order.field], tieValue: articleId },
              page.take > 0,
            ),
          },
        ],
      },
      ...(orderBy ? { orderBy: orderBy(args) } : {}),
      take: page.take,
      include: { article: true },
    });
  };
  return { select, resolve, extensions: { countedWithoutPage: true } } as never;
}
