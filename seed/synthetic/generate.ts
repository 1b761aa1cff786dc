/**
 * Synthetic data for load tests (`npm run seed:synthetic`): a deterministic graph of any size
 * grown on top of the stock graph, shaped like the real one. A few organizations and models are
 * hot (Zipf's law: most articles cover the famous few, a long tail covers the rest); models come
 * in lineage chains up to {@link MAX_CHAIN} steps deep, rooted at real models; articles are in
 * Chinese and English, with titles and summaries that name what they cover, so that search has
 * real text to find.
 *
 * Everything goes through the write layer, as every writer's data does (history, search index,
 * preferred values), in transactions of {@link CHUNK} articles. Every synthetic fact cites one
 * source, `synthetic-<seed>`, so it is never mistaken for knowledge: articles live under
 * `https://synthetic.example/<seed>/`, models are `syn<seed>-...`. The same seed and size give
 * the same rows: running again writes nothing new, and completes a run that was interrupted.
 */
import type { Database } from '../../src/db/client.js';
import { enumValues, type LineageKind } from '../../src/domain/enums.js';
import {
  type ArticleInput,
  type ClaimInput,
  type CoverageInput,
  type DeveloperInput,
  type LineageInput,
  type ModelInput,
  type ModelTopicInput,
  writeGraph,
} from '../../src/graph/index.js';
import { createRandom, distinctDraws, type Random, zipf } from './random.js';

/** Articles written per transaction: small enough to keep memory flat, large enough to batch well. */
export const CHUNK = 20_000;
/** The longest chain of synthetic models below a real one. */
export const MAX_CHAIN = 12;
/** One synthetic model per this many articles (about the ratio of Epoch's models to the note's articles at ×100). */
const ARTICLES_PER_MODEL = 50;
const FROM = Date.UTC(2018, 0, 1);
const TO = Date.UTC(2026, 5, 30);
const DESCENT: LineageKind[] = ['FINE_TUNED_FROM', 'INSTRUCTION_TUNED_FROM', 'SUCCESSOR_OF', 'DISTILLED_FROM'];

export type SyntheticOptions = {
  /** How many synthetic articles to add. */
  articles: number;
  /** The seed: the same seed and size give the same graph. @default 1 */
  seed?: number;
  /** Called after each step with what is done so far. */
  onProgress?: (progress: SyntheticProgress) => void;
};

export type SyntheticProgress = { phase: 'models' | 'articles'; done: number; total: number };

/** What a run wrote (rows it asked for; those already there from an earlier run are left as they are). */
export type SyntheticReport = {
  seed: number;
  source: string;
  models: number;
  lineage: number;
  articles: number;
  coverage: { models: number; organizations: number; topics: number };
  /** The deepest chain of synthetic models, in steps below its real root. */
  deepestChain: number;
  /** Articles per created row, milliseconds. */
  elapsedMs: number;
};

type Anchor = { slug: string; name: string; nameZh: string | null };

/** Adds `articles` synthetic articles (and `articles / 50` models) to a prepared graph. */
export async function addSynthetic(
  database: Pick<Database, 'prisma' | 'storeFor'>,
  options: SyntheticOptions,
): Promise<SyntheticReport> {
  const started = performance.now();
  const seed = options.seed ?? 1;
  if (!Number.isSafeInteger(options.articles) || options.articles < 1) {
    throw new RangeError(`articles must be a whole number of at least 1 (got ${options.articles})`);
  }
  const source = `synthetic-${seed}`;
  const random = createRandom(seed);
  const anchors = await readAnchors(database);
  const report = (progress: SyntheticProgress) => options.onProgress?.(progress);

  // Models: chains below real roots (the largest real models first: the famous ones are hot).
  const modelCount = Math.max(10, Math.round(options.articles / ARTICLES_PER_MODEL));
  const rootOf = zipf(anchors.roots);
  const developerOf = zipf(anchors.organizations);
  const topicOf = zipf(anchors.topics);
  const tips = new Map<string, { slug: string; depth: number; date: number }>();
  const models: ModelInput[] = [];
  const developers: DeveloperInput[] = [];
  const modelTopics: ModelTopicInput[] = [];
  const lineage: LineageInput[] = [];
  const claims: ClaimInput[] = [];
  const names: Anchor[] = [];
  let deepestChain = 0;
  for (let i = 0; i < modelCount; i++) {
    const root = rootOf(random);
    const tip = tips.get(root.slug);
    const extends_ = tip && tip.depth < MAX_CHAIN && random.next() < 0.75;
    const parent = extends_ ? tip.slug : root.slug;
    const depth = extends_ ? tip.depth + 1 : 1;
    deepestChain = Math.max(deepestChain, depth);
    const family = root.family ?? root.name;
    const slug = `syn${seed}-${slugPart(family)}-${i}`;
    const name = `${family} Syn-${i}`;
    const nameZh = random.next() < 0.5 ? `${root.nameZh ?? family}合成版${i}号` : null;
    const date = Math.min(
      TO,
      (extends_ ? tip.date : FROM + random.next() * (TO - FROM) * 0.5) + random.int(20, 200) * 86_400_000,
    );
    tips.set(root.slug, { slug, depth, date });
    models.push({
      slug,
      name,
      nameZh,
      family,
      description: `A synthetic model ${depth} step${depth > 1 ? 's' : ''} below ${root.name}, for load tests.`,
    });
    names.push({ slug, name, nameZh });
    developers.push({
      model: slug,
      organization: random.next() < 0.7 && root.developer ? root.developer : developerOf(random).slug,
      source,
    });
    for (const topic of distinctDraws(() => topicOf(random).slug, random.int(1, 2)))
      modelTopics.push({ model: slug, topic });
    lineage.push({ child: slug, parent, kind: random.pick(DESCENT), note: 'synthetic', source });
    const parameters = BigInt(random.int(1, 5000)) * 100_000_000n;
    claims.push(
      { model: slug, property: 'PARAMETERS', value: parameters.toString(), source, confidence: 'CONFIDENT' },
      {
        model: slug,
        property: 'RELEASE_DATE',
        value: new Date(date).toISOString().slice(0, 10),
        source,
        confidence: 'CONFIDENT',
      },
      { model: slug, property: 'OPEN_WEIGHTS', value: String(random.next() < 0.5), source, confidence: 'LIKELY' },
    );
  }
  await writeGraph(
    database,
    async (graph) => {
      await graph.upsertSources([
        {
          slug: source,
          kind: 'DATASET',
          title: `Synthetic load-test data, seed ${seed}`,
          description: `Made up by \`npm run seed:synthetic -- --seed ${seed}\` for benchmarks: not knowledge. Its articles live under https://synthetic.example/${seed}/.`,
        },
      ]);
      await graph.upsertModels(models);
      await graph.linkDevelopers(developers);
      await graph.linkModelTopics(modelTopics);
      const { refused } = await graph.linkLineage(lineage);
      if (refused.length > 0) throw new Error(`synthetic lineage refused: ${JSON.stringify(refused.slice(0, 3))}`);
      await graph.putClaims(claims);
    },
    { timeoutMs: 600_000 },
  );
  report({ phase: 'models', done: modelCount, total: modelCount });

  // Articles: hot models first (the real ones, largest first, then the synthetic ones).
  const coveredModel = zipf([...anchors.models, ...names], 1.05);
  const coverage = { models: 0, organizations: 0, topics: 0 };
  for (let start = 0; start < options.articles; start += CHUNK) {
    const end = Math.min(options.articles, start + CHUNK);
    const articles: ArticleInput[] = [];
    const links: CoverageInput[] = [];
    for (let i = start; i < end; i++) {
      const url = `https://synthetic.example/${seed}/articles/${i}`;
      const covered = distinctDraws(() => coveredModel(random), random.int(1, 3));
      articles.push(syntheticArticle(random, url, i, covered, source));
      covered.forEach((model, index) => {
        links.push({ article: url, target: 'model', slug: model.slug, relevance: index === 0 ? 'MAIN' : 'MENTION' });
      });
      distinctDraws(() => developerOf(random).slug, random.int(0, 2)).forEach((slug, index) => {
        links.push({ article: url, target: 'organization', slug, relevance: index === 0 ? 'MAIN' : 'MENTION' });
      });
      distinctDraws(() => topicOf(random).slug, random.int(1, 2)).forEach((slug, index) => {
        links.push({ article: url, target: 'topic', slug, relevance: index === 0 ? 'MAIN' : 'MENTION' });
      });
    }
    for (const link of links) coverage[`${link.target}s`] += 1;
    await writeGraph(
      database,
      async (graph) => {
        await graph.upsertArticles(articles);
        await graph.putCoverage(links);
      },
      { timeoutMs: 600_000 },
    );
    report({ phase: 'articles', done: end, total: options.articles });
  }
  await database.storeFor(database.prisma).refreshStatistics();
  return {
    seed,
    source,
    models: modelCount,
    lineage: lineage.length,
    articles: options.articles,
    coverage,
    deepestChain,
    elapsedMs: Math.round(performance.now() - started),
  };
}

const SITES_ZH = ['WECHAT', 'ZHIHU', 'NEWS'] as const;
const SITES_EN = ['BLOG', 'ARXIV', 'NEWS', 'GITHUB', 'YOUTUBE', 'OTHER'] as const;
const KINDS = enumValues('ArticleKind');

/** One article: its title names the first model it covers, in its language. */
function syntheticArticle(random: Random, url: string, i: number, covered: Anchor[], source: string): ArticleInput {
  const [main, ...others] = covered as [Anchor, ...Anchor[]];
  const chinese = random.next() < 0.55;
  const mainName = chinese ? (main.nameZh ?? main.name) : main.name;
  const title = chinese
    ? random.pick([
        `${mainName}技术解读（第${i}篇）`,
        `从${mainName}看大模型的训练方法 #${i}`,
        `${mainName}的参数、数据与对齐：笔记${i}`,
        `国产大模型与${mainName}的差距在哪里？（${i}）`,
      ])
    : random.pick([
        `Inside ${mainName}: notes #${i}`,
        `What ${mainName} tells us about scaling (${i})`,
        `${mainName}, instruction tuning and RLHF, part ${i}`,
        `A reading of the ${mainName} paper, ${i}`,
      ]);
  const summary =
    random.next() < 0.4
      ? chinese
        ? `本文讨论${mainName}${others.length > 0 ? `，并比较${others.map((model) => model.nameZh ?? model.name).join('、')}` : ''}的训练数据、指令微调与人类反馈强化学习。`
        : `On ${mainName}${others.length > 0 ? ` and ${others.map((model) => model.name).join(', ')}` : ''}: training data, instruction tuning and reinforcement learning from human feedback.`
      : null;
  return {
    url,
    title,
    language: chinese ? 'zh-Hans' : 'en',
    site: random.pick(chinese ? SITES_ZH : SITES_EN),
    kind: random.pick(KINDS),
    summary,
    publishedAt: random.next() < 0.95 ? new Date(FROM + Math.floor(random.next() * (TO - FROM))) : null,
    source,
  };
}

/** A family name as a slug part: lower case letters and digits. */
function slugPart(family: string): string {
  return (
    family
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 24) || 'model'
  );
}

/** The models no synthetic run made: none of their claims cites a synthetic source. */
const REAL = { claims: { none: { source: { slug: { startsWith: 'synthetic-' } } } } } as const;

/** The real graph the synthetic one grows on: roots for chains, organizations, topics, models to cover. */
async function readAnchors(database: Pick<Database, 'prisma'>) {
  const { prisma } = database;
  const [models, organizations, topics] = await Promise.all([
    prisma.model.findMany({
      where: REAL,
      select: {
        slug: true,
        name: true,
        nameZh: true,
        family: true,
        id: true,
      },
      orderBy: [{ parameters: { sort: 'desc', nulls: 'last' } }, { id: 'asc' }],
    }),
    // Ranked by their real models only: an earlier synthetic run must not change the draws.
    prisma.organization.findMany({
      select: { id: true, slug: true, _count: { select: { models: { where: { model: REAL } } } } },
      orderBy: { id: 'asc' },
    }),
    prisma.topic.findMany({ select: { slug: true }, orderBy: { id: 'asc' } }),
  ]);
  if (models.length === 0 || organizations.length === 0 || topics.length === 0) {
    throw new Error('the graph has no models, organizations or topics yet: prepare it first (npm start does)');
  }
  organizations.sort((a, b) => b._count.models - a._count.models || a.id - b.id);
  const largest = models.slice(0, 200);
  const developers = await prisma.modelDeveloper.findMany({
    where: { modelId: { in: largest.map((model) => model.id) } },
    select: { modelId: true, organization: { select: { slug: true } } },
    orderBy: [{ modelId: 'asc' }, { organizationId: 'asc' }],
  });
  const developerOf = new Map<number, string>();
  for (const developer of developers)
    if (!developerOf.has(developer.modelId)) developerOf.set(developer.modelId, developer.organization.slug);
  const roots = largest.map((model) => ({
    slug: model.slug,
    name: model.name,
    nameZh: model.nameZh,
    family: model.family,
    developer: developerOf.get(model.id) ?? null,
  }));
  return {
    roots,
    organizations,
    topics,
    models: models.map((model) => ({ slug: model.slug, name: model.name, nameZh: model.nameZh })),
  };
}
