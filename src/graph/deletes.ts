/**
 * Deleting entities. What other entities hold on to one (a model's descendants, the articles
 * covering it, the models an organization developed, the claims citing a source) are its
 * dependents: a delete that would take them along is refused, naming them, unless asked to
 * cascade. Its own data (a model's claims, developers, topics, parents) goes with it.
 *
 * Every edge that goes is removed through the write layer's own unlink operations first, so
 * that the history of both sides records it, the search index and the preferred values follow,
 * and a later revert knows what was there.
 */

import { normalizeArticleUrl } from '../domain/normalize.js';
import { deriveCitations } from './article-claims.js';
import { invalid } from './errors.js';
import type { HistoryEntity } from './history.js';
import type { GraphWriter } from './index.js';
import type { WriteSession } from './session.js';

/** Some entities that depend on one being deleted. */
export type Dependents = Readonly<{
  /** What they are, e.g. `lineage steps of descendant models`, `articles covering it`. */
  kind: string;
  count: number;
  /** Up to 10 of them, by slug (or URL). */
  examples: readonly string[];
}>;

/** Thrown for a delete that would take dependents along without `cascade`. */
export class GraphDependentsError extends Error {
  override name = 'GraphDependentsError';
  constructor(
    readonly entity: HistoryEntity,
    readonly key: string,
    readonly dependents: readonly Dependents[],
  ) {
    super(`${entity} "${key}" has dependents: ${dependents.map((group) => `${group.count} ${group.kind}`).join(', ')}`);
  }
}

export type DeleteOptions = { cascade?: boolean };

const EXAMPLES = 10;

/** A model's columns derived from its claims (./preferred.ts). */
const MODEL_DERIVED = ['parameters', 'releaseDate', 'releaseDatePrecision', 'openWeights'];

function group(kind: string, keys: readonly string[]): Dependents[] {
  return keys.length === 0 ? [] : [{ kind, count: keys.length, examples: keys.slice(0, EXAMPLES) }];
}

/**
 * Deletes one entity by its key (a slug, or an article's URL; an old slug names the entity it
 * redirects to). Answers the id it had.
 */
export async function deleteEntity(
  graph: GraphWriter,
  session: WriteSession,
  entity: HistoryEntity,
  key: string,
  options: DeleteOptions = {},
): Promise<number> {
  const tx = session.tx;
  if (entity === 'article') {
    try {
      key = normalizeArticleUrl(key);
    } catch {
      invalid('key', `"${key}" is not a URL`);
    }
  }
  const id = await session.idOf(entity, key, 'key');
  const refuse = (dependents: Dependents[]) => {
    if (dependents.length > 0 && !options.cascade) throw new GraphDependentsError(entity, key, dependents);
  };
  const fieldsOf = async () => {
    const delegate = tx[entity] as unknown as { findUniqueOrThrow(args: object): Promise<Record<string, unknown>> };
    const {
      id: _id,
      createdAt: _created,
      updatedAt: _updated,
      version: _version,
      ...row
    } = await delegate.findUniqueOrThrow({ where: { id } });
    // A model's preferred values follow from its claims (recorded one by one): not fields of its own.
    if (entity === 'model') for (const field of MODEL_DERIVED) delete row[field];
    return row;
  };

  if (entity === 'model') {
    const slug = (await session.slugsOf('model', [id])).get(id) as string;
    const children = await tx.modelLineage.findMany({
      where: { parentId: id },
      select: { kind: true, child: { select: { slug: true } } },
    });
    const articles = await tx.articleModel.findMany({
      where: { modelId: id },
      select: { article: { select: { url: true } } },
    });
    refuse([
      ...group(
        'lineage steps of models derived from it',
        children.map((step) => `${step.child.slug} (${step.kind})`),
      ),
      ...group(
        'articles covering it',
        articles.map((row) => row.article.url),
      ),
    ]);
    await graph.unlinkLineage(children.map((step) => ({ child: step.child.slug, parent: slug, kind: step.kind })));
    await graph.unlinkCoverage(articles.map((row) => ({ article: row.article.url, target: 'model', slug })));
    // Its own edges and claims, recorded on it.
    const parents = await tx.modelLineage.findMany({
      where: { childId: id },
      select: { kind: true, parent: { select: { slug: true } } },
    });
    await graph.unlinkLineage(parents.map((step) => ({ child: slug, parent: step.parent.slug, kind: step.kind })));
    const claims = await tx.claim.findMany({
      where: { modelId: id },
      select: { property: true, source: { select: { slug: true } } },
    });
    await graph.retractClaims(
      claims.map((claim) => ({ model: slug, property: claim.property, source: claim.source.slug })),
    );
    const developers = await tx.modelDeveloper.findMany({
      where: { modelId: id },
      select: { organization: { select: { slug: true } } },
    });
    await graph.unlinkDevelopers(developers.map((edge) => ({ model: slug, organization: edge.organization.slug })));
    const topics = await tx.modelTopic.findMany({
      where: { modelId: id },
      select: { topic: { select: { slug: true } } },
    });
    await graph.unlinkModelTopics(topics.map((row) => ({ model: slug, topic: row.topic.slug })));
    const tasks = await tx.modelTask.findMany({ where: { modelId: id }, select: { task: true } });
    await graph.unlinkModelTasks(tasks.map((row) => ({ model: slug, task: row.task })));
    const domains = await tx.modelDomain.findMany({ where: { modelId: id }, select: { domain: true } });
    await graph.unlinkModelDomains(domains.map((row) => ({ model: slug, domain: row.domain })));
    for (const kind of ['hardware', 'dataset'] as const) {
      const trained =
        kind === 'hardware'
          ? (
              await tx.modelHardware.findMany({
                where: { modelId: id },
                select: { hardware: { select: { slug: true } } },
              })
            ).map((edge) => edge.hardware.slug)
          : (
              await tx.modelDataset.findMany({
                where: { modelId: id },
                select: { dataset: { select: { slug: true } } },
              })
            ).map((edge) => edge.dataset.slug);
      await graph.unlinkTraining(
        kind,
        trained.map((resource) => ({ model: slug, resource })),
      );
    }
  } else if (entity === 'organization') {
    const slug = (await session.slugsOf('organization', [id])).get(id) as string;
    const developed = await tx.modelDeveloper.findMany({
      where: { organizationId: id },
      select: { model: { select: { slug: true } } },
    });
    const children = await tx.organization.findMany({ where: { parentId: id }, select: { id: true, slug: true } });
    const articles = await tx.articleOrganization.findMany({
      where: { organizationId: id },
      select: { article: { select: { url: true } } },
    });
    refuse([
      ...group(
        'models it developed',
        developed.map((edge) => edge.model.slug),
      ),
      ...group(
        'organizations belonging to it',
        children.map((child) => child.slug),
      ),
      ...group(
        'articles covering it',
        articles.map((row) => row.article.url),
      ),
    ]);
    await graph.unlinkDevelopers(developed.map((edge) => ({ model: edge.model.slug, organization: slug })));
    await graph.unlinkCoverage(articles.map((row) => ({ article: row.article.url, target: 'organization', slug })));
    await detachChildren(session, 'organization', slug, children);
    const claims = await tx.organizationClaim.findMany({
      where: { organizationId: id },
      select: { property: true, source: { select: { slug: true } } },
    });
    await graph.retractOrganizationClaims(
      claims.map((claim) => ({ organization: slug, property: claim.property, source: claim.source.slug })),
    );
  } else if (entity === 'topic') {
    const slug = (await session.slugsOf('topic', [id])).get(id) as string;
    const members = await tx.modelTopic.findMany({
      where: { topicId: id },
      select: { model: { select: { slug: true } } },
    });
    const children = await tx.topic.findMany({ where: { parentId: id }, select: { id: true, slug: true } });
    const articles = await tx.articleTopic.findMany({
      where: { topicId: id },
      select: { article: { select: { url: true } } },
    });
    refuse([
      ...group(
        'models in it',
        members.map((row) => row.model.slug),
      ),
      ...group(
        'narrower topics',
        children.map((child) => child.slug),
      ),
      ...group(
        'articles covering it',
        articles.map((row) => row.article.url),
      ),
    ]);
    await graph.unlinkModelTopics(members.map((row) => ({ model: row.model.slug, topic: slug })));
    await graph.unlinkCoverage(articles.map((row) => ({ article: row.article.url, target: 'topic', slug })));
    await detachChildren(session, 'topic', slug, children);
  } else if (entity === 'article') {
    const url = key;
    const coverage = [
      ...(
        await tx.articleModel.findMany({ where: { articleId: id }, select: { model: { select: { slug: true } } } })
      ).map((row) => ({ article: url, target: 'model' as const, slug: row.model.slug })),
      ...(
        await tx.articleOrganization.findMany({
          where: { articleId: id },
          select: { organization: { select: { slug: true } } },
        })
      ).map((row) => ({ article: url, target: 'organization' as const, slug: row.organization.slug })),
      ...(
        await tx.articleTopic.findMany({ where: { articleId: id }, select: { topic: { select: { slug: true } } } })
      ).map((row) => ({ article: url, target: 'topic' as const, slug: row.topic.slug })),
    ];
    await graph.unlinkCoverage(coverage);
    if ((await tx.articleAuthor.count({ where: { articleId: id } })) > 0)
      await graph.setArticleAuthors([{ article: url, authors: [] }]);
  } else if (entity === 'hardware' || entity === 'dataset') {
    const slug = (await session.slugsOf(entity, [id])).get(id) as string;
    const trained =
      entity === 'hardware'
        ? await tx.modelHardware.findMany({ where: { hardwareId: id }, select: { model: { select: { slug: true } } } })
        : await tx.modelDataset.findMany({ where: { datasetId: id }, select: { model: { select: { slug: true } } } });
    refuse(
      group(
        'models trained on it',
        trained.map((edge) => edge.model.slug),
      ),
    );
    await graph.unlinkTraining(
      entity,
      trained.map((edge) => ({ model: edge.model.slug, resource: slug })),
    );
  } else if (entity === 'person') {
    const wrote = await tx.articleAuthor.findMany({
      where: { personId: id },
      select: { articleId: true, article: { select: { url: true } } },
      orderBy: { articleId: 'asc' },
    });
    refuse(
      group(
        'articles it wrote',
        wrote.map((row) => row.article.url),
      ),
    );
    // Each list loses the person; the other authors keep their order.
    const lists = await tx.articleAuthor.findMany({
      where: { articleId: { in: wrote.map((row) => row.articleId) } },
      orderBy: [{ articleId: 'asc' }, { position: 'asc' }],
      select: { personId: true, writtenAs: true, article: { select: { url: true } } },
    });
    const slugs = await session.slugsOf(
      'person',
      lists.map((row) => row.personId),
    );
    const byArticle = new Map<string, { person: string; writtenAs: string }[]>();
    for (const row of lists) {
      const authors = byArticle.get(row.article.url) ?? [];
      if (row.personId !== id) authors.push({ person: slugs.get(row.personId) as string, writtenAs: row.writtenAs });
      byArticle.set(row.article.url, authors);
    }
    await graph.setArticleAuthors([...byArticle].map(([article, authors]) => ({ article, authors })));
  } else {
    const slug = key;
    const claims = await tx.claim.findMany({
      where: { sourceId: id },
      select: { property: true, model: { select: { slug: true } } },
    });
    const organizationClaims = await tx.organizationClaim.findMany({
      where: { sourceId: id },
      select: { property: true, organization: { select: { slug: true } } },
    });
    const cited = async (what: string, count: Promise<number>) =>
      group(
        what,
        Array.from({ length: await count }, () => ''),
      );
    const citing = [
      ...group(
        'model claims citing it',
        claims.map((claim) => `${claim.model.slug} ${claim.property}`),
      ),
      ...group(
        'organization claims citing it',
        organizationClaims.map((claim) => `${claim.organization.slug} ${claim.property}`),
      ),
      ...(await cited('articles found in it', tx.article.count({ where: { sourceId: id } }))),
      ...(await cited('people found in it', tx.person.count({ where: { sourceId: id } }))),
      ...(await cited('hardware found in it', tx.hardware.count({ where: { sourceId: id } }))),
      ...(await cited('datasets found in it', tx.dataset.count({ where: { sourceId: id } }))),
      ...(await cited('training hardware edges citing it', tx.modelHardware.count({ where: { sourceId: id } }))),
      ...(await cited('training dataset edges citing it', tx.modelDataset.count({ where: { sourceId: id } }))),
      ...(await cited('article claims citing it', tx.articleClaim.count({ where: { sourceId: id } }))),
      ...(await cited('lineage steps citing it', tx.modelLineage.count({ where: { sourceId: id } }))),
      ...(await cited('developer edges citing it', tx.modelDeveloper.count({ where: { sourceId: id } }))),
      ...(await cited('model tasks citing it', tx.modelTask.count({ where: { sourceId: id } }))),
      ...(await cited('model domains citing it', tx.modelDomain.count({ where: { sourceId: id } }))),
    ].map((entry) => (entry.examples.every((example) => example === '') ? { ...entry, examples: [] } : entry));
    refuse(citing);
    await graph.retractClaims(
      claims.map((claim) => ({ model: claim.model.slug, property: claim.property, source: slug })),
    );
    await graph.retractOrganizationClaims(
      organizationClaims.map((claim) => ({
        organization: claim.organization.slug,
        property: claim.property,
        source: slug,
      })),
    );
    // Dated claims of articles go with it, recorded on each article, whose counts follow.
    const articleClaims = await tx.articleClaim.findMany({
      where: { sourceId: id },
      select: { articleId: true, property: true, value: true, asOf: true },
    });
    if (articleClaims.length > 0) {
      await tx.articleClaim.deleteMany({ where: { sourceId: id } });
      for (const claim of articleClaims)
        session.record('article', claim.articleId, 'updated', [
          {
            field: `claim:${claim.property}:${slug}:${claim.asOf.toISOString().slice(0, 10)}`,
            from: claim.value,
            to: null,
          },
        ]);
      session.count('articleClaim', 'deleted', articleClaims.length);
      await deriveCitations(session, [...new Set(articleClaims.map((claim) => claim.articleId))]);
    }
    // Articles and edges that cited it keep their place and lose the citation (the database sets it null).
  }

  const fields = await fieldsOf();
  const deletedKey = entity === 'article' ? String(fields.url) : String(fields.slug);
  const delegate = tx[entity] as unknown as { delete(args: object): Promise<unknown> };
  await delegate.delete({ where: { id } });
  session.forget(entity, key);
  session.touch(entity, id);
  session.count(entity, 'deleted');
  session.record(
    entity,
    id,
    'deleted',
    Object.entries(fields).flatMap(([field, from]) => (from === null ? [] : [{ field, from, to: null }])),
    deletedKey,
  );
  return id;
}

/** Children of a deleted organization or topic stand on their own: their parent is cleared, recorded on each. */
async function detachChildren(
  session: WriteSession,
  entity: 'organization' | 'topic',
  slug: string,
  children: readonly { id: number; slug: string }[],
): Promise<void> {
  if (children.length === 0) return;
  const delegate = session.tx[entity] as unknown as { updateMany(args: object): Promise<unknown> };
  await delegate.updateMany({ where: { id: { in: children.map((child) => child.id) } }, data: { parentId: null } });
  for (const child of children)
    session.record(entity, child.id, 'updated', [{ field: 'parent', from: slug, to: null }]);
  session.count(entity, 'updated', children.length);
}
