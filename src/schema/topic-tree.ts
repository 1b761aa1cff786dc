/**
 * The topic hierarchy of one request, loaded once before it runs when the request asks for a
 * topic's descendants (`includeDescendants`; see ./request-lookups.ts). Written as relations, "this topic or its children
 * down to three levels, by slug or former slug" is a tree of joins and sub-selects that Prisma
 * takes superlinear time to prepare: 33 such conditions took 2-8 s of the event loop for SQL
 * that SQLite runs in a millisecond. With the hierarchy at hand, each condition is a list of
 * topic ids. The topic table is small (a few dozen rows) and read in two statements.
 */
import type { PrismaClient } from '../db/client.js';

/** Topic ids by current and former slug, and each topic's children. */
export type TopicTree = Readonly<{
  idsBySlug: ReadonlyMap<string, number>;
  children: ReadonlyMap<number, readonly number[]>;
}>;

/** How many levels below a topic `includeDescendants` reaches. */
export const DESCENDANT_LEVELS = 3;

/** Reads the hierarchy: topics with their parents, and the slugs topics had before. */
export async function loadTopicTree(prisma: PrismaClient): Promise<TopicTree> {
  const [topics, redirects] = await Promise.all([
    prisma.topic.findMany({ select: { id: true, slug: true, parentId: true } }),
    prisma.slugRedirect.findMany({ where: { topicId: { not: null } }, select: { fromSlug: true, topicId: true } }),
  ]);
  const idsBySlug = new Map<string, number>();
  for (const redirect of redirects) if (redirect.topicId != null) idsBySlug.set(redirect.fromSlug, redirect.topicId);
  // A current slug wins over a former slug of another topic.
  for (const topic of topics) idsBySlug.set(topic.slug, topic.id);
  const children = new Map<number, number[]>();
  for (const topic of topics) {
    if (topic.parentId == null) continue;
    children.set(topic.parentId, [...(children.get(topic.parentId) ?? []), topic.id]);
  }
  return { idsBySlug, children };
}

/** The ids of the topics named by `slugs` and of their descendants down to {@link DESCENDANT_LEVELS}. */
export function topicIdsWithDescendants(tree: TopicTree, slugs: readonly string[]): number[] {
  const found = new Set<number>();
  let level = slugs.flatMap((slug) => {
    const id = tree.idsBySlug.get(slug);
    return id === undefined ? [] : [id];
  });
  for (let depth = 0; depth <= DESCENDANT_LEVELS && level.length > 0; depth += 1) {
    const next: number[] = [];
    for (const id of level) {
      if (found.has(id)) continue;
      found.add(id);
      next.push(...(tree.children.get(id) ?? []));
    }
    level = next;
  }
  return [...found].sort((a, b) => a - b);
}

/** Whether an operation asks for topic descendants anywhere (its text or its variables). */
export function needsTopicTree(query: string, variables: unknown): boolean {
  return query.includes('includeDescendants') || JSON.stringify(variables ?? null).includes('includeDescendants');
}
