import type { Database } from '../../src/db/client.js';
import { enumValues } from '../../src/domain/enums.js';
import {
  type AliasInput,
  type ArticleInput,
  type AuthorsInput,
  type ClaimInput,
  type CoverageInput,
  type DeveloperInput,
  type LineageInput,
  type ModelInput,
  type ModelTopicInput,
  type PersonInput,
  writeGraph,
} from '../../src/graph/index.js';

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

import { createRandom } from '../../seed/synthetic/random.js';

export { createRandom };

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
const FROM = Date.UTC(2018, 0, 1);
const TO = Date.UTC(2024, 11, 31);

/**
 * Multiplies the seeded graph about `factor` times, deterministically: `factor` synthetic
 * articles per existing article (each covering 1–3 existing models, 0–2 organizations and 1–2
 * topics) and `factor × models / 10` synthetic models, developed by existing organizations, in
 * existing topics, fine-tuned from GPT-3, ERNIE 3.0, ... and with two PARAMETERS claims each
 * (disagreeing on every third model). Written like any other import: through the write layer,
 * in one transaction, search index included.
 *
 * Synthetic rows are recognizable: article URLs start with `https://example.com/synthetic/`,
 * model slugs with `synthetic-`.
 */
export async function addSyntheticData(
  database: Pick<Database, 'prisma' | 'storeFor'>,
  factor: number,
  seed = 20240601,
): Promise<SyntheticSummary> {
  const random = createRandom(seed);
  const { result } = await writeGraph(
    database,
    async (graph) => {
      const [articles, models, organizations, topics, sources] = await Promise.all([
        graph.tx.article.findMany({ select: { id: true }, orderBy: { id: 'asc' } }),
        graph.tx.model.findMany({ select: { slug: true }, orderBy: { id: 'asc' } }),
        graph.tx.organization.findMany({ select: { slug: true }, orderBy: { id: 'asc' } }),
        graph.tx.topic.findMany({ select: { slug: true }, orderBy: { id: 'asc' } }),
        graph.tx.source.findMany({ select: { slug: true }, orderBy: { id: 'asc' }, take: 2 }),
      ]);
      const [firstSource, secondSource] = sources.map((source) => source.slug);
      if (!firstSource || !secondSource || models.length === 0 || organizations.length === 0 || topics.length === 0) {
        throw new Error('addSyntheticData needs a seeded database (two sources, models, organizations, topics)');
      }
      const modelSlugs = models.map((model) => model.slug);
      const organizationSlugs = organizations.map((organization) => organization.slug);
      const topicSlugs = topics.map((topic) => topic.slug);
      const developerSlugs = DEVELOPER_SLUGS.filter((slug) => organizationSlugs.includes(slug));
      const parents = modelSlugs.filter((slug) => slug in PARENT_SLUGS);
      if (developerSlugs.length === 0 || parents.length === 0) {
        throw new Error('addSyntheticData: the seed lacks the expected organizations or models');
      }

      const modelCount = Math.round((factor * models.length) / 10);
      const newModels: ModelInput[] = [];
      const developers: DeveloperInput[] = [];
      const modelTopics: ModelTopicInput[] = [];
      const lineage: LineageInput[] = [];
      const aliases: AliasInput[] = [];
      const claims: ClaimInput[] = [];
      let disagreements = 0;
      for (let i = 0; i < modelCount; i++) {
        const parent = random.pick(parents);
        const family = PARENT_SLUGS[parent] ?? 'GPT';
        const developer = random.pick(developerSlugs);
        const coDeveloper =
          random.next() < 0.2 ? random.pick(organizationSlugs.filter((slug) => slug !== developer)) : null;
        const parameters = BigInt(random.int(1, 2000)) * 100_000_000n;
        const slug = `synthetic-${family.toLowerCase()}-${i}`;
        const inTopics = random.sample(topicSlugs, random.int(1, 2));
        const nameZh = random.next() < 0.5 ? `合成模型${i}号` : null;
        const releaseDate = new Date(FROM + Math.floor(random.next() * (TO - FROM)));
        const openWeights = random.next() < 0.5;
        newModels.push({
          slug,
          name: `Synthetic ${family} ${i}`,
          nameZh,
          family,
          description: `A synthetic model fine-tuned from ${parent}, for load tests.`,
        });
        developers.push({ model: slug, organization: developer, role: 'DEVELOPER', source: firstSource });
        if (coDeveloper) developers.push({ model: slug, organization: coDeveloper, role: 'CO_DEVELOPER' });
        for (const topic of inTopics) modelTopics.push({ model: slug, topic });
        lineage.push({ child: slug, parent, kind: 'FINE_TUNED_FROM', note: 'synthetic', source: firstSource });
        if (i % 2 === 0) aliases.push({ owner: slug, alias: `SYN-${i}` });
        const disagrees = i % 3 === 0;
        if (disagrees) disagreements++;
        claims.push(
          {
            model: slug,
            property: 'PARAMETERS',
            value: parameters.toString(),
            source: firstSource,
            confidence: 'CONFIDENT',
          },
          {
            model: slug,
            property: 'PARAMETERS',
            value: (disagrees ? parameters * 2n : parameters).toString(),
            source: secondSource,
            confidence: 'LIKELY',
          },
          // The date and openness are claims too, as every value of the graph.
          {
            model: slug,
            property: 'RELEASE_DATE',
            value: releaseDate.toISOString().slice(0, 10),
            source: firstSource,
            confidence: 'CONFIDENT',
          },
          {
            model: slug,
            property: 'OPEN_WEIGHTS',
            value: String(openWeights),
            source: firstSource,
            confidence: 'CONFIDENT',
          },
        );
      }

      const newArticles: ArticleInput[] = [];
      const coverage: CoverageInput[] = [];
      for (let i = 0; i < articles.length * factor; i++) {
        const language = random.next() < 0.6 ? 'zh-Hans' : 'en';
        newArticles.push({
          url: `https://example.com/synthetic/${i}`,
          title: language === 'en' ? `Synthetic article ${i}` : `合成文章 ${i}`,
          language,
          site: random.pick(SITES),
          kind: random.pick(KINDS),
          summary: i % 4 === 0 ? `Summary of synthetic article ${i}.` : null,
          publishedAt: random.next() < 0.9 ? new Date(FROM + Math.floor(random.next() * (TO - FROM))) : null,
          source: firstSource,
        });
      }
      for (const article of newArticles) {
        random.sample(modelSlugs, random.int(1, 3)).forEach((slug, index) => {
          coverage.push({ article: article.url, target: 'model', slug, relevance: index === 0 ? 'MAIN' : 'MENTION' });
        });
        random.sample(organizationSlugs, random.int(0, 2)).forEach((slug, index) => {
          coverage.push({
            article: article.url,
            target: 'organization',
            slug,
            relevance: index === 0 ? 'MAIN' : 'MENTION',
          });
        });
        random.sample(topicSlugs, random.int(1, 2)).forEach((slug, index) => {
          coverage.push({ article: article.url, target: 'topic', slug, relevance: index === 0 ? 'MAIN' : 'MENTION' });
        });
      }

      await graph.upsertModels(newModels);
      await graph.linkDevelopers(developers);
      await graph.linkModelTopics(modelTopics);
      const { refused } = await graph.linkLineage(lineage);
      if (refused.length > 0) throw new Error(`addSyntheticData: lineage refused: ${JSON.stringify(refused)}`);
      await graph.addModelAliases(aliases);
      await graph.putClaims(claims);
      await graph.upsertArticles(newArticles);
      await graph.putCoverage(coverage);
      const count = (target: CoverageInput['target']) => coverage.filter((entry) => entry.target === target).length;
      return {
        articles: newArticles.length,
        models: newModels.length,
        articleModels: count('model'),
        articleOrganizations: count('organization'),
        articleTopics: count('topic'),
        modelDevelopers: developers.length,
        modelTopics: modelTopics.length,
        lineage: lineage.length,
        claims: claims.length,
        disagreements,
      };
    },
    { timeoutMs: 60_000 },
  );
  return result;
}

/** What {@link addSyntheticPeople} created. */
export type SyntheticPeopleSummary = { people: number; authorships: number; articles: number };

/**
 * Gives the graph `factor × 50` synthetic people (slugs `synthetic-person-N`, a third with a
 * Chinese name) and every article without authors 1–3 of them; every tenth also has
 * `synthetic-person-0`, who writes more as the graph grows. Adds one paper
 * (`https://example.com/papers/<slug>`) on the first Chinese model over 100B. Deterministic,
 * through the write layer.
 */
export async function addSyntheticPeople(
  database: Pick<Database, 'prisma' | 'storeFor'>,
  factor: number,
  seed = 20261202,
): Promise<SyntheticPeopleSummary> {
  const random = createRandom(seed);
  const { result } = await writeGraph(
    database,
    async (graph) => {
      // One paper on a Chinese model over 100B, so that questions about papers find people on
      // every graph (the note's articles are not papers).
      const big = await graph.tx.model.findFirst({
        where: {
          parameters: { gte: 100_000_000_000n },
          developers: { some: { organization: { country: 'CN' } } },
        },
        orderBy: { id: 'asc' },
        select: { slug: true },
      });
      if (big) {
        const url = `https://example.com/papers/${big.slug}`;
        await graph.upsertArticles([
          { url, title: `A paper on ${big.slug}`, language: 'en', site: 'OTHER', kind: 'PAPER' },
        ]);
        await graph.putCoverage([{ article: url, target: 'model', slug: big.slug, relevance: 'MAIN' }]);
      }
      const [articles, existing, sources] = await Promise.all([
        graph.tx.article.findMany({ where: { authors: { none: {} } }, select: { url: true }, orderBy: { id: 'asc' } }),
        graph.tx.person.findMany({ select: { slug: true, name: true }, orderBy: { id: 'asc' } }),
        graph.tx.source.findMany({ select: { slug: true }, orderBy: { id: 'asc' }, take: 1 }),
      ]);
      const people: PersonInput[] = Array.from({ length: factor * 50 }, (_, i) => ({
        slug: `synthetic-person-${i}`,
        name: i % 3 === 0 ? `合成作者${i}` : `Synthetic Person ${i}`,
        nameZh: i % 3 === 0 ? `合成作者${i}` : null,
        source: sources[0]?.slug ?? null,
      }));
      const nameOf = new Map([...existing, ...people].map((person) => [person.slug, person.name]));
      const slugs = people.map((person) => person.slug);
      const authors: AuthorsInput[] = articles.map((article, i) => {
        const chosen = random.sample(slugs.slice(1), random.int(1, 3));
        if (i % 10 === 0) chosen.unshift(slugs[0] as string);
        return {
          article: article.url,
          authors: chosen.map((person) => ({ person, writtenAs: nameOf.get(person) ?? person })),
        };
      });
      await graph.upsertPeople(people);
      await graph.setArticleAuthors(authors);
      return {
        people: people.length,
        authorships: authors.reduce((sum, list) => sum + list.authors.length, 0),
        articles: articles.length,
      };
    },
    { timeoutMs: 60_000 },
  );
  return result;
}

/**
 * Gives every model of the graph something it was trained on: one of ten synthetic kinds of
 * hardware (with a quantity on every other model) and one or two of ten synthetic datasets.
 * Answers the number of edges written. Deterministic, through the write layer.
 */
export async function addSyntheticTraining(database: Pick<Database, 'prisma' | 'storeFor'>): Promise<number> {
  const { result } = await writeGraph(
    database,
    async (graph) => {
      const models = await graph.tx.model.findMany({ select: { slug: true }, orderBy: { id: 'asc' } });
      const names = Array.from({ length: 10 }, (_, i) => i);
      await graph.upsertTrainingResources(
        'hardware',
        names.map((i) => ({ slug: `synthetic-chip-${i}`, name: `Synthetic Chip ${i}` })),
      );
      await graph.upsertTrainingResources(
        'dataset',
        names.map((i) => ({ slug: `synthetic-corpus-${i}`, name: `Synthetic Corpus ${i}` })),
      );
      const hardware = models.map((model, i) => ({
        model: model.slug,
        resource: `synthetic-chip-${i % 10}`,
        quantity: i % 2 === 0 ? 8 * (i + 1) : null,
      }));
      const datasets = models.flatMap((model, i) =>
        (i % 3 === 0 ? [i % 10, (i + 1) % 10] : [i % 10]).map((n) => ({
          model: model.slug,
          resource: `synthetic-corpus-${n}`,
        })),
      );
      await graph.linkTraining('hardware', hardware);
      await graph.linkTraining('dataset', datasets);
      return hardware.length + datasets.length;
    },
    { timeoutMs: 60_000 },
  );
  return result;
}
