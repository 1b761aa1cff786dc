/**
 * Memberships the graph derives by the rules of seed/data/derivations.yaml (seed/derive.ts): the
 * pure plan on small views first, then the real graph `npm start` builds, where every derived
 * membership must name its rule and hold on the data.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SeedDataError } from '../seed/curated/load.js';
import {
  applyDerivations,
  type DerivationRules,
  type DerivationView,
  loadDerivationRules,
  planDerivations,
} from '../seed/derive.js';
import { writeGraph, wroteAnything } from '../src/graph/index.js';
import { startFullGraphServer } from './helpers/full-graph.js';
import type { TestServer } from './helpers/server.js';

const rule = (because: string) => `rule (seed/data/derivations.yaml): ${because}`;

/** A small rule set shaped like the shipped one. */
const RULES: DerivationRules = {
  domains: [
    { domain: 'LANGUAGE', because: 'curated language model', when: { curatedTopicIn: ['gpt-lineage'] } },
    { domain: 'LANGUAGE', because: 'variant of a language model', when: { variantOfDomain: 'LANGUAGE' } },
  ],
  topics: [
    { topic: 'chinese-llms', because: 'Chinese language model', when: { domain: 'LANGUAGE', developerCountry: 'CN' } },
    { topic: 'open-weights-models', because: 'open language model', when: { domain: 'LANGUAGE', openWeights: true } },
    { topic: 'absent-topic', because: 'a topic the graph lacks', when: { openWeights: true } },
  ],
  families: [
    { family: 'GPT', name: '^gpt' },
    { family: 'Qwen', name: '^qwen' },
    { family: 'Anything', name: '.' },
  ],
};

const model = (slug: string, name: string, rest: Partial<DerivationView['models'][number]> = {}) => ({
  slug,
  name,
  family: null,
  openWeights: null,
  ...rest,
});

/**
 * gpt-3 (curated in gpt-lineage, no source's domain), its variant gpt-3-small, and the variant's
 * variant gpt-3-tiny; qwen-7b (Epoch: LANGUAGE, developed in China, open weights); glm (LANGUAGE,
 * China, already a curated member of chinese-llms); vision-cn (VISION, China).
 */
const VIEW: DerivationView = {
  models: [
    model('gpt-3', 'GPT-3', { family: 'GPT' }),
    model('gpt-3-tiny', 'GPT-3 Tiny'),
    model('gpt-3-small', 'GPT-3 Small'),
    model('qwen-7b', 'Qwen-7B', { openWeights: true }),
    model('glm', 'GLM', { family: 'GLM' }),
    model('vision-cn', 'Vision CN'),
  ],
  domains: [
    { model: 'qwen-7b', domain: 'LANGUAGE', derivation: null },
    { model: 'glm', domain: 'LANGUAGE', derivation: null },
    { model: 'vision-cn', domain: 'VISION', derivation: null },
  ],
  topics: [
    { model: 'gpt-3', topic: 'gpt-lineage', derivation: null },
    { model: 'glm', topic: 'chinese-llms', derivation: null },
  ],
  developerCountries: [
    { model: 'qwen-7b', country: 'CN' },
    { model: 'glm', country: 'CN' },
    { model: 'vision-cn', country: 'CN' },
  ],
  variants: [
    // Listed before the model it is a variant of: the rules must not depend on the order of models.
    { model: 'gpt-3-tiny', of: 'gpt-3-small' },
    { model: 'gpt-3-small', of: 'gpt-3' },
  ],
  topicSlugs: ['gpt-lineage', 'chinese-llms', 'open-weights-models'],
};

describe('planDerivations', () => {
  const plan = planDerivations(VIEW, RULES);

  it('derives domains rule after rule, each seeing what the ones before (and itself) derived', () => {
    // gpt-3 by its curated topic; gpt-3-small as a variant of it; gpt-3-tiny as a variant of
    // that variant, although the view lists it first.
    expect(plan.domains).toEqual({
      link: [
        { model: 'gpt-3', domain: 'LANGUAGE', derivation: rule('curated language model') },
        { model: 'gpt-3-tiny', domain: 'LANGUAGE', derivation: rule('variant of a language model') },
        { model: 'gpt-3-small', domain: 'LANGUAGE', derivation: rule('variant of a language model') },
      ],
      unlink: [],
    });
  });

  it("adds topic members the rules support, never duplicating a curator's membership, and skips topics the graph lacks", () => {
    expect(plan.topics).toEqual({
      link: [
        { model: 'qwen-7b', topic: 'chinese-llms', derivation: rule('Chinese language model') },
        { model: 'qwen-7b', topic: 'open-weights-models', derivation: rule('open language model') },
      ],
      unlink: [],
    });
  });

  it('names families only where none is known, by the first rule whose pattern matches', () => {
    expect(plan.families).toEqual([
      { slug: 'gpt-3-tiny', family: 'GPT' },
      { slug: 'gpt-3-small', family: 'GPT' },
      { slug: 'qwen-7b', family: 'Qwen' },
      { slug: 'vision-cn', family: 'Anything' },
    ]);
  });

  it('plans nothing once applied, and unlinks what the data no longer supports, keeping curated members', () => {
    const applied: DerivationView = {
      ...VIEW,
      models: VIEW.models.map((entry) => ({
        ...entry,
        family: plan.families.find((update) => update.slug === entry.slug)?.family ?? entry.family,
      })),
      domains: [
        ...VIEW.domains,
        ...plan.domains.link.map((link) => ({ ...link, derivation: link.derivation ?? null })),
      ],
      topics: [...VIEW.topics, ...plan.topics.link.map((link) => ({ ...link, derivation: link.derivation ?? null }))],
    };
    const second = planDerivations(applied, RULES);
    expect(second).toEqual({
      domains: { link: [], unlink: [] },
      topics: { link: [], unlink: [] },
      families: [],
    });

    // Qwen-7B's developer is no longer said to be in China, and GLM's neither: the derived
    // membership goes, the curated one stays.
    const moved = planDerivations({ ...applied, developerCountries: [{ model: 'vision-cn', country: 'CN' }] }, RULES);
    expect(moved.topics).toEqual({ link: [], unlink: [{ model: 'qwen-7b', topic: 'chinese-llms' }] });

    // A rule whose words change relinks its members with the new words.
    const reworded = planDerivations(applied, {
      ...RULES,
      topics: RULES.topics.map((entry) =>
        entry.topic === 'chinese-llms' ? { ...entry, because: 'developed in China' } : entry,
      ),
    });
    expect(reworded.topics).toEqual({
      link: [{ model: 'qwen-7b', topic: 'chinese-llms', derivation: rule('developed in China') }],
      unlink: [{ model: 'qwen-7b', topic: 'chinese-llms' }],
    });
  });
});

describe('loadDerivationRules', () => {
  const folder = mkdtempSync(join(tmpdir(), 'llm-atlas-derivations-'));
  const rulesFile = (text: string) => {
    const file = join(folder, `rules-${Math.random().toString(36).slice(2)}.yaml`);
    writeFileSync(file, text);
    return file;
  };
  const problemsOf = (file: string) => {
    try {
      loadDerivationRules(file);
    } catch (error) {
      if (error instanceof SeedDataError) return [error.file === file, error.problems];
      throw error;
    }
    throw new Error('expected the rules to be refused');
  };

  it('reads the shipped rules', () => {
    const rules = loadDerivationRules();
    expect([rules.domains.length, rules.topics.length, rules.families.length]).toEqual([2, 3, 36]);
  });

  it('names the file and the rule of a pattern that is not a regular expression, an unknown condition, a bad domain', () => {
    expect(problemsOf(rulesFile('families:\n  - { family: X, name: "^(x" }\n'))).toEqual([
      true,
      ['families.0.name: not a regular expression (Invalid regular expression: /^(x/i: Unterminated group)'],
    ]);
    const unknown = problemsOf(
      rulesFile('topics:\n  - { topic: t, because: b, when: { developerCity: Beijing } }\n'),
    ) as [boolean, string[]];
    expect(unknown[0]).toBe(true);
    expect(unknown[1]).toHaveLength(1);
    expect(unknown[1][0]).toMatch(/^topics\.0\.when: .*developerCity/);
    const domain = problemsOf(rulesFile('domains:\n  - { domain: POETRY, because: b, when: {} }\n')) as [
      boolean,
      string[],
    ];
    expect(domain[1][0]).toMatch(/^domains\.0\.domain: /);
  });
});

describe('the derived memberships of the graph npm start builds', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startFullGraphServer('derivations');
  });
  afterAll(async () => {
    await server?.close();
  });

  async function data<T>(query: string): Promise<T> {
    const { status, body } = await server.graphql<T>(query);
    expect(body.errors).toBeUndefined();
    expect(status).toBe(200);
    return body.data as T;
  }

  it('gives a domain by rule only to curated models no source gives one, and Epoch’s wins where both would', async () => {
    const derived = await server.prisma.modelDomain.findMany({
      where: { derivation: { not: null } },
      select: { domain: true, sourceId: true, model: { select: { slug: true } } },
    });
    expect(derived.every((row) => row.domain === 'LANGUAGE' && row.sourceId === null)).toBe(true);
    expect(derived.map((row) => row.model.slug).sort()).toEqual([
      'chatglm-6b',
      'chatgpt',
      'code-davinci-002',
      'ernie-1-0',
      'ernie-2-0',
      'ernie-bot',
      'glm-10b',
      'm6',
      'opt-1-3b',
      'opt-125m',
      'opt-13b',
      'opt-2-7b',
      'opt-30b',
      'opt-350m',
      'opt-6-7b',
      'opt-66b',
      'opt-iml-175b',
      'opt-iml-30b',
      'opt-iml-max-175b',
      'opt-iml-max-30b',
      'text-davinci-002',
      'text-davinci-003',
      'wudao-1-0',
      'wudao-2-0',
    ]);
    // GPT-3 is in the curated gpt-lineage, but Epoch's row gives it LANGUAGE: the source's stands.
    const { gpt3 } = await data<{ gpt3: { domains: unknown[] } }>(
      '{ gpt3: model(slug: "gpt-3") { domains { domain derivation source { slug } } } }',
    );
    expect(gpt3.domains).toEqual([
      { domain: 'LANGUAGE', derivation: null, source: { slug: 'epoch-notable-ai-models' } },
    ]);
  });

  it('puts every Chinese language model in chinese-llms, the curators’ 13 as theirs and the others by the rule', async () => {
    const { topic } = await data<{
      topic: { models: { totalCount: number; edges: { derivation: string | null; node: { slug: string } }[] } };
    }>('{ topic(slug: "chinese-llms") { models(first: 100) { totalCount edges { derivation node { slug } } } } }');
    expect(topic.models.totalCount).toBe(119);
    const curated = topic.models.edges.filter((edge) => edge.derivation === null).map((edge) => edge.node.slug);
    const members = await server.prisma.modelTopic.findMany({
      where: { topic: { slug: 'chinese-llms' } },
      select: { derivation: true, model: { select: { slug: true } } },
    });
    expect(
      members
        .filter((row) => row.derivation === null)
        .map((row) => row.model.slug)
        .sort(),
    ).toEqual([
      'chatglm-6b',
      'ernie-1-0',
      'ernie-2-0',
      'ernie-3-0',
      'ernie-3-0-titan',
      'ernie-bot',
      'glm-10b',
      'glm-130b',
      'm6',
      'm6-t',
      'plug',
      'wudao-1-0',
      'wudao-2-0',
    ]);
    expect(curated.every((slug) => members.some((row) => row.model.slug === slug && row.derivation === null))).toBe(
      true,
    );
    const derived = new Set(members.filter((row) => row.derivation !== null).map((row) => row.model.slug));
    expect(derived.size).toBe(106);
    expect(
      [...derived].filter((slug) => ['deepseek-v3', 'qwen3-max', 'kimi-k2', 'glm-4-5'].includes(slug)).sort(),
    ).toEqual(['deepseek-v3', 'glm-4-5', 'kimi-k2', 'qwen3-max']);
    // The rule holds on the data, both ways: exactly the language models with a developer in China.
    const chineseLanguageModels = await server.prisma.model.findMany({
      where: {
        domains: { some: { domain: 'LANGUAGE' } },
        developers: { some: { organization: { country: 'CN' } } },
      },
      select: { slug: true },
    });
    expect(chineseLanguageModels.map((entry) => entry.slug).sort()).toEqual(
      members.map((row) => row.model.slug).sort(),
    );
  });

  it('filters models by domain and counts families the rules named', async () => {
    const counts = await data<Record<string, { totalCount: number }>>(`{
      language: models(filter: { domain: LANGUAGE }) { totalCount }
      multimodal: models(filter: { domain: MULTIMODAL }) { totalCount }
      qwen: models(filter: { family: "Qwen" }) { totalCount }
      openWeights: topic(slug: "open-weights-models") { models { totalCount } }
    }`);
    expect(counts).toEqual({
      language: { totalCount: 508 },
      multimodal: { totalCount: 103 },
      qwen: { totalCount: 18 },
      openWeights: { models: { totalCount: 191 } },
    });
  });

  it("answers by task, in Epoch AI's words and any case, with the tasks and domains of the list as facets", async () => {
    const result = await data<{
      chat: {
        totalCount: number;
        edges: { node: { slug: string; tasks: { task: string; source: { slug: string } }[] } }[];
        facets: { tasks: { value: string; count: number }[]; domains: { value: string; count: number }[] };
      };
      lowerCase: { totalCount: number };
      chineseCode: { totalCount: number };
    }>(`{
      chat: models(filter: { task: "Chat" }, first: 1, orderBy: { field: PARAMETERS, direction: DESC }) {
        totalCount
        edges { node { slug tasks { task source { slug } } } }
        facets { tasks { value count } domains { value count } }
      }
      lowerCase: models(filter: { task: "chat" }) { totalCount }
      chineseCode: models(filter: { task: "code generation", developedBy: { country: "CN" } }) { totalCount }
    }`);
    expect(result.chat.totalCount).toBe(82);
    expect(result.lowerCase.totalCount).toBe(82);
    // As the file says (checked with Python's csv module): 82 rows list Chat among their tasks,
    // 35 list Code generation and name China among their organizations' countries.
    expect(result.chineseCode.totalCount).toBe(35);
    const epoch = { slug: 'epoch-notable-ai-models' };
    expect(result.chat.edges).toEqual([
      {
        node: {
          slug: 'grok-3',
          tasks: [
            { task: 'Chat', source: epoch },
            { task: 'Code generation', source: epoch },
            { task: 'Language modeling/generation', source: epoch },
            { task: 'Question answering', source: epoch },
            { task: 'Visual question answering', source: epoch },
          ],
        },
      },
    ]);
    expect(result.chat.facets.tasks.slice(0, 3)).toEqual([
      { value: 'Chat', count: 82 },
      { value: 'Language modeling/generation', count: 59 },
      { value: 'Question answering', count: 40 },
    ]);
    expect(result.chat.facets.domains.slice(0, 2)).toEqual([
      // Every chat row is Language in Epoch's Domain column; 42 are Multimodal too.
      { value: 'LANGUAGE', count: 82 },
      { value: 'MULTIMODAL', count: 42 },
    ]);
  });

  it("counts a country's models per facet from the rows kept of its models as Prisma's grouping does", async () => {
    const facets = `totalCount facets {
      organizations { organization { slug } count } topics { topic { slug } count } families { value count }
      domains { value count } tasks { value count } hardware { value count } datasets { value count }
      countries { value count } years { year count } }`;
    for (const country of ['CN', 'US', 'GB', 'KR']) {
      // One condition reads the country's kept models; the same condition twice is grouped.
      const one = `{ developedBy: { country: "${country}" } }`;
      const answer = await data<Record<'one' | 'grouped', { totalCount: number; facets: Record<string, unknown[]> }>>(
        `{ one: models(first: 0, filter: ${one}) { ${facets} }
           grouped: models(first: 0, filter: { and: [${one}, ${one}] }) { ${facets} } }`,
      );
      expect({ country, ...answer.one }).toEqual({ country, ...answer.grouped });
      // Every facet has values here (Epoch AI's tasks, hardware and datasets included).
      for (const [facet, values] of Object.entries(answer.one.facets))
        expect({ country, facet, some: values.length > 0 }).toEqual({ country, facet, some: true });
    }
  });

  it('derives nothing more when the rules are applied again, and takes a member out when the data stops supporting it', async () => {
    const again = await writeGraph(server.database, (graph) => applyDerivations(graph, loadDerivationRules()));
    expect(wroteAnything(again.changes)).toBe(false);
    // DeepSeek-V3 loses its developer in China (as an edit would): it leaves chinese-llms.
    const edges = await server.prisma.modelDeveloper.findMany({
      where: { model: { slug: 'deepseek-v3' } },
      select: { organization: { select: { slug: true } } },
    });
    const moved = await writeGraph(server.database, async (graph) => {
      await graph.unlinkDevelopers(
        edges.map((edge) => ({ model: 'deepseek-v3', organization: edge.organization.slug })),
      );
      await applyDerivations(graph, loadDerivationRules());
    });
    expect(moved.changes.modelTopic).toEqual({ created: 0, updated: 0, unchanged: 0, deleted: 1 });
    const left = await server.prisma.modelTopic.count({
      where: { model: { slug: 'deepseek-v3' }, topic: { slug: 'chinese-llms' } },
    });
    expect(left).toBe(0);
  });
});
