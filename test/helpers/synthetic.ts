import type { Prisma, PrismaClient } from '../../src/db/client.js';
import { enumValues } from '../../src/domain/enums.js';
import { normalizeName } from '../../src/domain/normalize.js';
import { rebuildSearchIndex } from '../../src/search/index-sqlite.js';

/** What {@link addSyntheticData} created, so that tests can predict counts. */
export type SyntheticSummary = {
  articles: number;
  models: number;
  articleModels: number;
  articleOrganizations: number;
  articleTopics: number;
  modelDevelopers: number;
  modelTopics: number;
  lineage: number;
  claims: number;
  /** Synthetic models whose two PARAMETERS claims give different values. */
  disagreements: number;
};

/** mulberry32: a tiny seeded PRNG, so that every run builds the same graph. */
function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[int(0, items.length - 1)] as T;
  };
  /** `count` distinct items (fewer when the list is shorter). */
  const sample = <T>(items: readonly T[], count: number): T[] => {
    const pool = [...items];
    const chosen: T[] = [];
    while (chosen.length < count && pool.length > 0) chosen.push(pool.splice(int(0, pool.length - 1), 1)[0] as T);
    return chosen;
  };
  return { next, int, pick, sample };
}

const SITES = enumValues('ArticleSite');
const KINDS = enumValues('ArticleKind');
/** Developers of synthetic models: Chinese ones first, so that country filters find many. */
const DEVELOPER_SLUGS = ['baidu', 'baai', 'tsinghua', 'openai', 'google', 'meta'];
/** Parents of synthetic models, with the family their children take. */
const PARENT_SLUGS: Record<string, string> = {
  'gpt-3': 'GPT',
  'ernie-3-0': 'ERNIE',
  'glm-130b': 'GLM',
  'opt-175b': 'OPT',
};
const BATCH = 500;
const FROM = Date.UTC(2018, 0, 1);
const TO = Date.UTC(2024, 11, 31);

async function createInBatches<T>(rows: T[], create: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < rows.length; start += BATCH) await create(rows.slice(start, start + BATCH));
}

/**
 * Multiplies the seeded graph about `factor` times, deterministically: `factor` synthetic
 * articles per existing article (each covering 1–3 existing models, 0–2 organizations and 1–2
 * topics) and `factor × models / 10` synthetic models, developed by existing organizations, in
 * existing topics, fine-tuned from GPT-3, ERNIE 3.0, ... and with two PARAMETERS claims each
 * (disagreeing on every third model). One transaction; the search index is rebuilt at the end.
 *
 * Synthetic rows are recognizable: article URLs start with `https://example.com/synthetic/`,
 * model slugs with `synthetic-`.
 */
export async function addSyntheticData(
  prisma: PrismaClient,
  factor: number,
  seed = 20240601,
): Promise<SyntheticSummary> {
  const random = createRandom(seed);
  return prisma.$transaction(
    async (tx) => {
      const [articles, models, organizations, topics, sources] = await Promise.all([
        tx.article.findMany({ select: { id: true }, orderBy: { id: 'asc' } }),
        tx.model.findMany({ select: { id: true, slug: true }, orderBy: { id: 'asc' } }),
        tx.organization.findMany({ select: { id: true, slug: true }, orderBy: { id: 'asc' } }),
        tx.topic.findMany({ select: { id: true }, orderBy: { id: 'asc' } }),
        tx.source.findMany({ select: { id: true }, orderBy: { id: 'asc' }, take: 2 }),
      ]);
      const [firstSource, secondSource] = sources;
      if (!firstSource || !secondSource || models.length === 0 || organizations.length === 0 || topics.length === 0) {
        throw new Error('addSyntheticData needs a seeded database (two sources, models, organizations, topics)');
      }
      const modelIds = models.map((model) => model.id);
      const organizationIds = organizations.map((organization) => organization.id);
      const topicIds = topics.map((topic) => topic.id);
      const developerIds = DEVELOPER_SLUGS.flatMap((slug) =>
        organizations.filter((o) => o.slug === slug).map((o) => o.id),
      );
      const parents = models.filter((model) => model.slug in PARENT_SLUGS);
      if (developerIds.length === 0 || parents.length === 0)
        throw new Error('addSyntheticData: the seed lacks the expected organizations or models');

      // Models first, so that their ids exist for the edges.
      const modelCount = Math.round((factor * models.length) / 10);
      const modelRows: Prisma.ModelCreateManyInput[] = [];
      const modelPlan: {
        slug: string;
        parentId: number;
        developerId: number;
        coDeveloperId: number | null;
        topicIds: number[];
        parameters: bigint;
      }[] = [];
      for (let i = 0; i < modelCount; i++) {
        const parent = random.pick(parents);
        const family = PARENT_SLUGS[parent.slug] ?? 'GPT';
        const developerId = random.pick(developerIds);
        const coDeveloperId =
          random.next() < 0.2 ? random.pick(organizationIds.filter((id) => id !== developerId)) : null;
        const parameters = BigInt(random.int(1, 2000)) * 100_000_000n;
        const slug = `synthetic-${family.toLowerCase()}-${i}`;
        modelPlan.push({
          slug,
          parentId: parent.id,
          developerId,
          coDeveloperId,
          topicIds: random.sample(topicIds, random.int(1, 2)),
          parameters,
        });
        modelRows.push({
          slug,
          name: `Synthetic ${family} ${i}`,
          nameZh: random.next() < 0.5 ? `合成模型${i}号` : null,
          family,
          parameters,
          releaseDate: new Date(FROM + Math.floor(random.next() * (TO - FROM))),
          openWeights: random.next() < 0.5,
          description: `A synthetic model fine-tuned from ${parent.slug}, for load tests.`,
        });
      }
      const created = [] as { id: number; slug: string }[];
      await createInBatches(modelRows, async (batch) => {
        created.push(...(await tx.model.createManyAndReturn({ data: batch, select: { id: true, slug: true } })));
      });
      const idOf = new Map(created.map((model) => [model.slug, model.id]));

      const developers: Prisma.ModelDeveloperCreateManyInput[] = [];
      const modelTopics: Prisma.ModelTopicCreateManyInput[] = [];
      const lineage: Prisma.ModelLineageCreateManyInput[] = [];
      const aliases: Prisma.ModelAliasCreateManyInput[] = [];
      const claims: Prisma.ClaimCreateManyInput[] = [];
      let disagreements = 0;
      modelPlan.forEach((plan, i) => {
        const modelId = idOf.get(plan.slug) as number;
        developers.push({ modelId, organizationId: plan.developerId, role: 'DEVELOPER', sourceId: firstSource.id });
        if (plan.coDeveloperId != null)
          developers.push({ modelId, organizationId: plan.coDeveloperId, role: 'CO_DEVELOPER' });
        for (const topicId of plan.topicIds) modelTopics.push({ modelId, topicId });
        lineage.push({
          childId: modelId,
          parentId: plan.parentId,
          kind: 'FINE_TUNED_FROM',
          note: 'synthetic',
          sourceId: firstSource.id,
        });
        if (i % 2 === 0) aliases.push({ modelId, alias: `SYN-${i}`, normalized: normalizeName(`SYN-${i}`) });
        const disagrees = i % 3 === 0;
        if (disagrees) disagreements++;
        claims.push(
          {
            modelId,
            property: 'PARAMETERS',
            value: plan.parameters.toString(),
            sourceId: firstSource.id,
            confidence: 'CONFIDENT',
          },
          {
            modelId,
            property: 'PARAMETERS',
            value: (disagrees ? plan.parameters * 2n : plan.parameters).toString(),
            sourceId: secondSource.id,
            confidence: 'LIKELY',
          },
        );
      });

      // Articles, then their coverage edges.
      const articleRows: Prisma.ArticleCreateManyInput[] = [];
      for (let i = 0; i < articles.length * factor; i++) {
        const language = random.next() < 0.6 ? 'zh-Hans' : 'en';
        articleRows.push({
          url: `https://example.com/synthetic/${i}`,
          title: language === 'en' ? `Synthetic article ${i}` : `合成文章 ${i}`,
          language,
          site: random.pick(SITES),
          kind: random.pick(KINDS),
          summary: i % 4 === 0 ? `Summary of synthetic article ${i}.` : null,
          publishedAt: random.next() < 0.9 ? new Date(FROM + Math.floor(random.next() * (TO - FROM))) : null,
          sourceId: firstSource.id,
        });
      }
      const createdArticles = [] as { id: number }[];
      await createInBatches(articleRows, async (batch) => {
        createdArticles.push(...(await tx.article.createManyAndReturn({ data: batch, select: { id: true } })));
      });
      const articleModels: Prisma.ArticleModelCreateManyInput[] = [];
      const articleOrganizations: Prisma.ArticleOrganizationCreateManyInput[] = [];
      const articleTopics: Prisma.ArticleTopicCreateManyInput[] = [];
      for (const { id: articleId } of createdArticles) {
        random.sample(modelIds, random.int(1, 3)).forEach((modelId, index) => {
          articleModels.push({ articleId, modelId, relevance: index === 0 ? 'MAIN' : 'MENTION' });
        });
        random.sample(organizationIds, random.int(0, 2)).forEach((organizationId, index) => {
          articleOrganizations.push({ articleId, organizationId, relevance: index === 0 ? 'MAIN' : 'MENTION' });
        });
        random.sample(topicIds, random.int(1, 2)).forEach((topicId, index) => {
          articleTopics.push({ articleId, topicId, relevance: index === 0 ? 'MAIN' : 'MENTION' });
        });
      }

      await createInBatches(developers, (batch) => tx.modelDeveloper.createMany({ data: batch }));
      await createInBatches(modelTopics, (batch) => tx.modelTopic.createMany({ data: batch }));
      await createInBatches(lineage, (batch) => tx.modelLineage.createMany({ data: batch }));
      await createInBatches(aliases, (batch) => tx.modelAlias.createMany({ data: batch }));
      await createInBatches(claims, (batch) => tx.claim.createMany({ data: batch }));
      await createInBatches(articleModels, (batch) => tx.articleModel.createMany({ data: batch }));
      await createInBatches(articleOrganizations, (batch) => tx.articleOrganization.createMany({ data: batch }));
      await createInBatches(articleTopics, (batch) => tx.articleTopic.createMany({ data: batch }));
      await rebuildSearchIndex(tx);

      return {
        articles: createdArticles.length,
        models: created.length,
        articleModels: articleModels.length,
        articleOrganizations: articleOrganizations.length,
        articleTopics: articleTopics.length,
        modelDevelopers: developers.length,
        modelTopics: modelTopics.length,
        lineage: lineage.length,
        claims: claims.length,
        disagreements,
      };
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
}
