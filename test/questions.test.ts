/**
 * The eight questions of the graph API, each answered in one request on the seeded graph (the
 * user's note and the curated data, without Epoch AI's snapshot): every example operation of
 * GraphiQL is checked against its complete answer, and so is each variation below.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_OPERATIONS } from '../src/graphiql-examples.js';
import { startTestServer, type TestServer } from './helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer('questions');
});
afterAll(async () => {
  await server?.close();
});

// biome-ignore lint/suspicious/noExplicitAny: GraphQL results are compared whole or by a few fields.
type Data = any;

/** Runs an operation and checks it answered 200 without errors. */
async function run(query: string, variables?: Record<string, unknown>): Promise<Data> {
  const { status, body } = await server.graphql<Data>(query, variables);
  expect({ status, errors: body.errors }).toEqual({ status: 200, errors: undefined });
  return body.data;
}

/** Runs one of GraphiQL's example operations by name. */
async function example(operationName: string): Promise<Data> {
  const { status, body } = await server.graphql<Data>(EXAMPLE_OPERATIONS, undefined, { operationName });
  expect({ status, errors: body.errors }).toEqual({ status: 200, errors: undefined });
  return body.data;
}

describe("1. articles covering Baidu's models", () => {
  it('as a root filter: each article once, with the models it covers and their developers', async () => {
    // The note's Zhihu answer on Baidu is about ChatGPT and mentions the ERNIE models.
    expect(await example('ArticlesAboutBaiduModels')).toEqual({
      articles: {
        totalCount: 1,
        edges: [
          {
            node: {
              title: '为什么百度没有做出chatGPT这种产品？',
              url: 'https://www.zhihu.com/question/572106826/answer/2808336053',
              models: {
                edges: [
                  {
                    relevance: 'MAIN',
                    node: { slug: 'chatgpt', name: 'ChatGPT', developers: [{ organization: { slug: 'openai' } }] },
                  },
                  {
                    relevance: 'MENTION',
                    node: { slug: 'ernie-3-0', name: 'ERNIE 3.0', developers: [{ organization: { slug: 'baidu' } }] },
                  },
                  {
                    relevance: 'MENTION',
                    node: {
                      slug: 'ernie-3-0-titan',
                      name: 'ERNIE 3.0 Titan',
                      developers: [{ organization: { slug: 'baidu' } }, { organization: { slug: 'peng-cheng-lab' } }],
                    },
                  },
                  {
                    relevance: 'MENTION',
                    node: { slug: 'ernie-bot', name: 'ERNIE Bot', developers: [{ organization: { slug: 'baidu' } }] },
                  },
                ],
              },
            },
          },
        ],
      },
    });
  });

  it('as a filtered connection on the organization, with totalCount', async () => {
    const data = await run(/* GraphQL */ `
      {
        organization(slug: "baidu") {
          models(first: 50) { totalCount edges { role node { slug articles(first: 50) { totalCount edges { relevance node { url } } } } } }
        }
      }
    `);
    expect(data).toEqual({
      organization: {
        models: {
          totalCount: 5,
          edges: [
            { role: 'DEVELOPER', node: { slug: 'ernie-1-0', articles: { totalCount: 0, edges: [] } } },
            { role: 'DEVELOPER', node: { slug: 'ernie-2-0', articles: { totalCount: 0, edges: [] } } },
            {
              role: 'DEVELOPER',
              node: {
                slug: 'ernie-3-0',
                articles: {
                  totalCount: 1,
                  edges: [
                    {
                      relevance: 'MENTION',
                      node: { url: 'https://www.zhihu.com/question/572106826/answer/2808336053' },
                    },
                  ],
                },
              },
            },
            {
              role: 'DEVELOPER',
              node: {
                slug: 'ernie-3-0-titan',
                articles: {
                  totalCount: 1,
                  edges: [
                    {
                      relevance: 'MENTION',
                      node: { url: 'https://www.zhihu.com/question/572106826/answer/2808336053' },
                    },
                  ],
                },
              },
            },
            {
              role: 'DEVELOPER',
              node: {
                slug: 'ernie-bot',
                articles: {
                  totalCount: 1,
                  edges: [
                    {
                      relevance: 'MENTION',
                      node: { url: 'https://www.zhihu.com/question/572106826/answer/2808336053' },
                    },
                  ],
                },
              },
            },
          ],
        },
      },
    });
  });
});

describe('2. lineage', () => {
  it("walks ChatGPT's lineage back to GPT-1, lists GPT-3's descendants and the path to GPT-1", async () => {
    // Ancestry only, nearest first. The user's note has ChatGPT BASED_ON GPT-3, one imprecise
    // step: OpenAI's precise chain through GPT-3.5 is preferred, so GPT-3 is two steps away and
    // the path to GPT-1 goes through GPT-3.5. InstructGPT (SIBLING_OF) and GPT-3.5's variants
    // (VARIANT_OF) are associations, not descent: they are left out.
    expect(await example('ChatGPTLineage')).toEqual({
      chatgpt: {
        name: 'ChatGPT',
        lineage: [
          {
            depth: 1,
            kind: 'FINE_TUNED_FROM',
            model: { slug: 'gpt-3-5', name: 'GPT-3.5' },
            path: [{ slug: 'chatgpt' }, { slug: 'gpt-3-5' }],
          },
          {
            depth: 2,
            kind: 'SUCCESSOR_OF',
            model: { slug: 'gpt-3', name: 'GPT-3' },
            path: [{ slug: 'chatgpt' }, { slug: 'gpt-3-5' }, { slug: 'gpt-3' }],
          },
          {
            depth: 3,
            kind: 'SUCCESSOR_OF',
            model: { slug: 'gpt-2', name: 'GPT-2' },
            path: [{ slug: 'chatgpt' }, { slug: 'gpt-3-5' }, { slug: 'gpt-3' }, { slug: 'gpt-2' }],
          },
          {
            depth: 4,
            kind: 'SCALE_UP_OF',
            model: { slug: 'gpt-1', name: 'GPT-1' },
            path: [{ slug: 'chatgpt' }, { slug: 'gpt-3-5' }, { slug: 'gpt-3' }, { slug: 'gpt-2' }, { slug: 'gpt-1' }],
          },
        ],
      },
      gpt3: {
        descendants: [
          // Nearest first, then by slug.
          { depth: 1, kind: 'SUCCESSOR_OF', model: { slug: 'gpt-3-5' } },
          { depth: 1, kind: 'FINE_TUNED_FROM', model: { slug: 'instructgpt' } },
          { depth: 2, kind: 'FINE_TUNED_FROM', model: { slug: 'chatgpt' } },
        ],
      },
      lineagePath: [
        {
          kind: 'FINE_TUNED_FROM',
          child: { slug: 'chatgpt' },
          parent: { slug: 'gpt-3-5' },
          source: { title: 'Introducing ChatGPT' },
        },
        {
          kind: 'SUCCESSOR_OF',
          child: { slug: 'gpt-3-5' },
          parent: { slug: 'gpt-3' },
          source: { title: 'Model index for researchers' },
        },
        {
          kind: 'SUCCESSOR_OF',
          child: { slug: 'gpt-3' },
          parent: { slug: 'gpt-2' },
          source: { title: 'Language Models are Few-Shot Learners' },
        },
        {
          kind: 'SCALE_UP_OF',
          child: { slug: 'gpt-2' },
          parent: { slug: 'gpt-1' },
          source: { title: 'OpenAI GPT2 (Hugging Face Transformers documentation)' },
        },
      ],
    });
  });

  it('limits by depth and kind, and walks both ways', async () => {
    const data = await run(/* GraphQL */ `
      {
        model(slug: "gpt-3") {
          up1: lineage(direction: UP, maxDepth: 1) { model { slug } }
          finetunes: lineage(direction: DOWN, kinds: [FINE_TUNED_FROM]) { kind model { slug } }
          both: lineage(direction: BOTH) { direction model { slug } }
        }
        none: lineagePath(from: "gpt-1", to: "bert") { kind }
      }
    `);
    expect(data).toEqual({
      model: {
        up1: [{ model: { slug: 'gpt-2' } }],
        finetunes: [{ kind: 'FINE_TUNED_FROM', model: { slug: 'instructgpt' } }],
        // ChatGPT is two steps down (through GPT-3.5), not one (the note's BASED_ON).
        both: [
          { direction: 'UP', model: { slug: 'gpt-2' } },
          { direction: 'DOWN', model: { slug: 'gpt-3-5' } },
          { direction: 'DOWN', model: { slug: 'instructgpt' } },
          { direction: 'DOWN', model: { slug: 'chatgpt' } },
          { direction: 'UP', model: { slug: 'gpt-1' } },
        ],
      },
      none: null,
    });
  });
});

describe('3. large Chinese models', () => {
  it('filters over 100B parameters by country, largest first, exact and displayed', async () => {
    // ERNIE 3.0 is not here: its paper's 10B is preferred over the note's 260B.
    expect(await example('BigChineseModels')).toEqual({
      models: {
        totalCount: 3,
        edges: [
          {
            node: {
              slug: 'wudao-2-0',
              name: 'Wu Dao 2.0',
              nameZh: '悟道2.0',
              parameterCount: { value: '1750000000000', display: '1.75T', displayZh: '1.75万亿' },
              developers: [
                {
                  organization: {
                    name: 'Beijing Academy of Artificial Intelligence',
                    nameZh: '北京智源人工智能研究院',
                  },
                },
              ],
            },
          },
          {
            node: {
              slug: 'ernie-3-0-titan',
              name: 'ERNIE 3.0 Titan',
              nameZh: '鹏城-百度·文心',
              parameterCount: { value: '260000000000', display: '260B', displayZh: '2600亿' },
              developers: [
                { organization: { name: 'Baidu', nameZh: '百度' } },
                { organization: { name: 'Peng Cheng Laboratory', nameZh: '鹏城实验室' } },
              ],
            },
          },
          {
            node: {
              slug: 'glm-130b',
              name: 'GLM-130B',
              nameZh: null,
              parameterCount: { value: '130000000000', display: '130B', displayZh: '1300亿' },
              developers: [
                { organization: { name: 'Tsinghua University', nameZh: '清华大学' } },
                { organization: { name: 'Tsinghua Knowledge Engineering Group', nameZh: '清华大学知识工程实验室' } },
              ],
            },
          },
        ],
      },
    });
  });
});

describe('4. everything about RLHF', () => {
  it('gives its models, articles, parent and children', async () => {
    expect(await example('AboutRLHF')).toEqual({
      topic: {
        name: 'Reinforcement learning from human feedback',
        nameZh: '基于人类反馈的强化学习',
        description:
          'RLHF: humans compare model outputs, a reward model learns to predict their preferences, and the policy is optimised against that reward, typically with PPO and a KL penalty. Introduced for deep RL by Christiano et al. (2017) and applied to summarisation by Stiennon et al. (2020); InstructGPT made the three-step recipe (SFT, reward model, PPO) standard for LLMs, and ChatGPT uses it.',
        parent: { slug: 'alignment', name: 'Alignment' },
        children: [],
        models: {
          totalCount: 5,
          edges: [
            { node: { slug: 'chatglm-6b', name: 'ChatGLM-6B' } },
            { node: { slug: 'chatgpt', name: 'ChatGPT' } },
            { node: { slug: 'ernie-bot', name: 'ERNIE Bot' } },
            { node: { slug: 'instructgpt', name: 'InstructGPT' } },
            { node: { slug: 'text-davinci-003', name: 'text-davinci-003' } },
          ],
        },
        articles: {
          totalCount: 5,
          edges: [
            {
              relevance: 'MAIN',
              node: {
                title: '当ChatGPT和Stable diffusion碰撞：谷歌用人类反馈提升文生图效果',
                url: 'https://mp.weixin.qq.com/s/FrqpybryiJ-ikO4ZVeISIg',
              },
            },
            {
              relevance: 'MENTION',
              node: {
                title: '李宏毅-ChatGPT 原理剖析1對ChatGPT的常見誤解',
                url: 'https://mp.weixin.qq.com/s/gQ6SCJXmcF86o5TH3mW7Sg',
              },
            },
            {
              relevance: 'MAIN',
              node: {
                title: 'ChatGPT是怎么练成的？斯坦福CS224N课程讲解《自然语言生成》等核心技术，附71页Slides',
                url: 'https://mp.weixin.qq.com/s/wxYdUMBDFc7InBi83OBy-A',
              },
            },
            {
              relevance: 'MENTION',
              node: {
                title: '历史最全ChatGPT、LLM相关书籍、论文、博客、工具、数据集、开源项目等资源整理分享',
                url: 'https://mp.weixin.qq.com/s/VoOEw2-cJ-klGMrl7MJeQQ',
              },
            },
            {
              relevance: 'MAIN',
              node: { title: '一文读懂ChatGPT模型原理', url: 'https://zhuanlan.zhihu.com/p/589621442' },
            },
          ],
        },
      },
    });
  });

  it('finds a topic by its English or Chinese name in any case', async () => {
    const data = await run(/* GraphQL */ `
      { bySlug: topic(name: "RLHF") { slug } byChinese: topic(name: "指令微调") { slug } byName: topic(name: "chinese llms") { slug } none: topic(name: "cooking") { slug } }
    `);
    expect(data).toEqual({
      bySlug: { slug: 'rlhf' },
      byChinese: { slug: 'instruction-tuning' },
      byName: { slug: 'chinese-llms' },
      none: null,
    });
  });
});

describe('5. search', () => {
  type Hit = {
    score: number;
    matchedField: string;
    matchedText: string;
    node: { __typename: string; slug?: string; url?: string; title?: string };
  };
  const search = async (query: string, types?: string[]) =>
    (
      await run(
        /* GraphQL */ `
          query ($query: String!, $types: [SearchType!]) {
            search(query: $query, types: $types) {
              totalCount
              edges {
                score matchedField matchedText
                node { __typename ... on Model { slug } ... on Organization { slug } ... on Topic { slug } ... on Article { url title } }
              }
            }
          }
        `,
        { query, types },
      )
    ).search.edges as Hit[];
  /** A hit as `Type:slug` (or `Article:url`) with the field that matched. */
  const hit = (result: Hit) =>
    `${result.node.__typename}:${result.node.slug ?? result.node.url} (${result.matchedField})`;

  it('answers the example: 悟道, in models and in an organization description', async () => {
    expect(await example('Search')).toEqual({
      search: {
        totalCount: 3,
        edges: [
          {
            score: 119,
            matchedField: 'NAME_ZH',
            matchedText: '悟道1.0',
            node: { __typename: 'Model', slug: 'wudao-1-0', name: 'Wu Dao 1.0' },
          },
          {
            score: 119,
            matchedField: 'NAME_ZH',
            matchedText: '悟道2.0',
            node: { __typename: 'Model', slug: 'wudao-2-0', name: 'Wu Dao 2.0' },
          },
          {
            score: 20.104712041884817,
            matchedField: 'DESCRIPTION',
            matchedText:
              'Non-profit research institute in Beijing, founded in November 2018 with backing from the Beijing municipal government and the Ministry of Science and Technology. Built the Wu Dao (悟道) models.',
            node: { __typename: 'Organization', slug: 'baai', name: 'Beijing Academy of Artificial Intelligence' },
          },
        ],
      },
    });
  });

  it.each([
    [
      '百度',
      [
        'Organization:baidu (NAME_ZH)',
        'Model:ernie-3-0-titan (NAME_ZH)',
        'Article:https://www.zhihu.com/question/572106826/answer/2808336053 (TITLE)',
        'Organization:peng-cheng-lab (DESCRIPTION)',
      ],
    ],
    ['悟道', ['Model:wudao-1-0 (NAME_ZH)', 'Model:wudao-2-0 (NAME_ZH)', 'Organization:baai (DESCRIPTION)']],
    ['wudao', ['Model:wudao-1-0 (NAME)', 'Model:wudao-2-0 (NAME)']],
    [
      'InstructGPT',
      [
        'Model:instructgpt (NAME)',
        'Article:https://zhuanlan.zhihu.com/p/589621442 (SUMMARY)',
        'Article:https://mp.weixin.qq.com/s/wxYdUMBDFc7InBi83OBy-A (SUMMARY)',
        'Model:text-davinci-002 (DESCRIPTION)',
        'Model:chatgpt (DESCRIPTION)',
        'Topic:instruction-tuning (DESCRIPTION)',
        'Topic:gpt-lineage (DESCRIPTION)',
        'Topic:rlhf (DESCRIPTION)',
      ],
    ],
    [
      'instructgpt',
      [
        'Model:instructgpt (NAME)',
        'Article:https://zhuanlan.zhihu.com/p/589621442 (SUMMARY)',
        'Article:https://mp.weixin.qq.com/s/wxYdUMBDFc7InBi83OBy-A (SUMMARY)',
        'Model:text-davinci-002 (DESCRIPTION)',
        'Model:chatgpt (DESCRIPTION)',
        'Topic:instruction-tuning (DESCRIPTION)',
        'Topic:gpt-lineage (DESCRIPTION)',
        'Topic:rlhf (DESCRIPTION)',
      ],
    ],
    [
      'flan',
      [
        'Model:flan (NAME)',
        'Model:flan-palm (NAME)',
        'Organization:google-research (DESCRIPTION)',
        'Topic:instruction-tuning (DESCRIPTION)',
        'Model:lamda (DESCRIPTION)',
      ],
    ],
    [
      'RLHF',
      [
        'Topic:rlhf (SLUG)',
        'Article:https://zhuanlan.zhihu.com/p/589621442 (SUMMARY)',
        'Article:https://mp.weixin.qq.com/s/wxYdUMBDFc7InBi83OBy-A (SUMMARY)',
        'Article:https://mp.weixin.qq.com/s/FrqpybryiJ-ikO4ZVeISIg (SUMMARY)',
        'Article:https://www.zhihu.com/question/572106826/answer/2808336053 (EXCERPT)',
        'Model:ernie-bot (DESCRIPTION)',
        'Model:chatglm-6b (DESCRIPTION)',
        'Model:chatgpt (DESCRIPTION)',
        'Topic:gpt-lineage (DESCRIPTION)',
      ],
    ],
  ])('finds %s', async (query, hits) => {
    expect((await search(query)).map(hit)).toEqual(hits);
  });

  it('finds an article by a short Chinese phrase of its title and says which field matched', async () => {
    expect(await search('模型原理')).toEqual([
      {
        score: 72.66666666666667,
        matchedField: 'TITLE',
        matchedText: '一文读懂ChatGPT模型原理',
        node: {
          __typename: 'Article',
          url: 'https://zhuanlan.zhihu.com/p/589621442',
          title: '一文读懂ChatGPT模型原理',
        },
      },
    ]);
  });

  it('ranks an exact name first and restricts by type', async () => {
    const results = await search('GPT-3');
    expect(results.map(hit)).toEqual([
      'Model:gpt-3 (NAME)',
      'Model:gpt-3-5 (NAME)',
      'Model:plug (ALIAS)',
      'Model:instructgpt (DESCRIPTION)',
      'Article:https://zhuanlan.zhihu.com/p/589621442 (SUMMARY)',
      'Model:code-davinci-002 (DESCRIPTION)',
      'Topic:gpt-lineage (DESCRIPTION)',
      'Model:opt-175b (DESCRIPTION)',
      'Organization:alibaba-damo (DESCRIPTION)',
      'Model:bert (DESCRIPTION)',
      'Model:chatgpt (DESCRIPTION)',
    ]);
    const scores = results.map((result) => result.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect((await search('GPT', ['TOPIC'])).map(hit)).toEqual([
      'Topic:gpt-lineage (NAME)',
      'Topic:chat-models (DESCRIPTION)',
      'Topic:open-weights-models (DESCRIPTION)',
      'Topic:rlhf (DESCRIPTION)',
      'Topic:chinese-llms (DESCRIPTION)',
      'Topic:efficient-inference (DESCRIPTION)',
      'Topic:instruction-tuning (DESCRIPTION)',
    ]);
  });

  it('pages through results with cursors, and counts them all', async () => {
    const SEARCH = /* GraphQL */ `
      query ($first: Int, $after: String) {
        search(query: "GPT", first: $first, after: $after) {
          totalCount
          pageInfo { hasNextPage endCursor }
          edges { node { __typename ... on Model { slug } ... on Article { url } ... on Topic { slug } ... on Organization { slug } } }
        }
      }
    `;
    const key = (edge: Data) => `${edge.node.__typename}:${edge.node.slug ?? edge.node.url}`;
    const all = (await run(SEARCH, { first: 100 })).search;
    expect(all.totalCount).toBe(32);
    expect(all.edges).toHaveLength(all.totalCount);
    const seen: string[] = [];
    let after: string | undefined;
    for (let guard = 0; guard < 50; guard += 1) {
      const page = (await run(SEARCH, { first: 3, after })).search;
      expect(page.totalCount).toBe(all.totalCount);
      seen.push(...page.edges.map(key));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(all.edges.map(key));
    expect(new Set(seen).size).toBe(seen.length);
  });
});

describe('6. where sources disagree', () => {
  it("keeps both claims on ERNIE 3.0's size, each with its source, and lists every disagreement", async () => {
    // The note gives ERNIE 3.0 260B parameters, its paper 10B.
    expect(await example('Disagreements')).toEqual({
      model: {
        name: 'ERNIE 3.0',
        claims: [
          // By property, then by source slug.
          {
            value: '10000000000',
            parameters: { display: '10B' },
            quote: null,
            source: {
              slug: 'arxiv-2107-02137',
              title: 'ERNIE 3.0: Large-scale Knowledge Enhanced Pre-training for Language Understanding and Generation',
              url: 'https://arxiv.org/abs/2107.02137',
            },
          },
          {
            value: '260000000000',
            parameters: { display: '260B' },
            quote: '260B/100B/10B',
            source: { slug: 'user-note', title: "User's note on ChatGPT (Chinese)", url: null },
          },
        ],
        disagreements: [{ property: 'PARAMETERS', values: ['10000000000', '260000000000'] }],
      },
      modelsWithDisagreements: {
        totalCount: 13,
        edges: [
          {
            node: { slug: 'bert', disagreements: [{ property: 'RELEASE_DATE', values: ['2018-10-11', '2018-10-31'] }] },
          },
          {
            node: {
              slug: 'chatglm-6b',
              disagreements: [
                {
                  property: 'ACCESSIBILITY',
                  values: ['Code under Apache-2.0; weights under the separate ChatGLM-6B Model License', 'Apache 2.0'],
                },
              ],
            },
          },
          {
            node: {
              slug: 'ernie-1-0',
              disagreements: [{ property: 'PARAMETERS', values: ['108000000', '10000000000'] }],
            },
          },
          {
            node: {
              slug: 'ernie-2-0',
              disagreements: [{ property: 'PARAMETERS', values: ['336000000', '100000000000'] }],
            },
          },
          {
            node: {
              slug: 'ernie-3-0',
              disagreements: [{ property: 'PARAMETERS', values: ['10000000000', '260000000000'] }],
            },
          },
          {
            node: {
              slug: 'ernie-3-0-titan',
              disagreements: [{ property: 'RELEASE_DATE', values: ['2021-12-23', '2021-12-08'] }],
            },
          },
          {
            node: {
              slug: 'gpt-2',
              disagreements: [{ property: 'RELEASE_DATE', values: ['2019-02-14', '2019-11-01'] }],
            },
          },
          {
            node: {
              slug: 'gpt-3',
              disagreements: [{ property: 'RELEASE_DATE', values: ['2020-05-28', '2020-06-11'] }],
            },
          },
          {
            node: {
              slug: 'instructgpt',
              disagreements: [{ property: 'RELEASE_DATE', values: ['2022-03-04', '2022-01-27'] }],
            },
          },
          {
            node: {
              slug: 'lamda',
              disagreements: [{ property: 'RELEASE_DATE', values: ['2022-01-20', '2021-05-18'] }],
            },
          },
          {
            node: {
              slug: 'text-davinci-003',
              disagreements: [{ property: 'RELEASE_DATE', values: ['2022-11-28', '2022-11-30'] }],
            },
          },
          {
            node: {
              slug: 'wudao-1-0',
              disagreements: [{ property: 'RELEASE_DATE', values: ['2021-03-20', '2021-01-11'] }],
            },
          },
          {
            node: {
              slug: 'wudao-2-0',
              disagreements: [
                { property: 'ARCHITECTURE', values: ['Mixture-of-Experts (FastMoE)', 'dense'] },
                { property: 'RELEASE_DATE', values: ['2021-06-01', '2021-01-12', '2021-05-31'] },
              ],
            },
          },
        ],
      },
    });
  });
});

describe('7. organizations an article touches', () => {
  it('lists direct coverage and developers of covered models, each once', async () => {
    // Peng Cheng Lab co-developed ERNIE 3.0 Titan: reached through the model only.
    expect(await example('OrganizationsOfAnArticle')).toEqual({
      article: {
        title: '为什么百度没有做出chatGPT这种产品？',
        // By slug.
        organizationsTouched: [
          {
            direct: true,
            organization: { slug: 'baidu', name: 'Baidu' },
            viaModels: [{ slug: 'ernie-3-0' }, { slug: 'ernie-3-0-titan' }, { slug: 'ernie-bot' }],
          },
          { direct: true, organization: { slug: 'openai', name: 'OpenAI' }, viaModels: [{ slug: 'chatgpt' }] },
          {
            direct: false,
            organization: { slug: 'peng-cheng-lab', name: 'Peng Cheng Laboratory' },
            viaModels: [{ slug: 'ernie-3-0-titan' }],
          },
        ],
      },
    });
  });
});

describe('8. overview and facets', () => {
  it('counts per organization, topic and country, with largest models, and facets of two lists', async () => {
    expect(await example('Overview')).toEqual({
      overview: {
        organizations: [
          {
            organization: { slug: 'meta-ai' },
            modelCount: 13,
            articleCount: 2,
            largestModel: { slug: 'opt-175b', parameterCount: { display: '175B' } },
          },
          {
            organization: { slug: 'openai' },
            modelCount: 9,
            articleCount: 9,
            largestModel: { slug: 'gpt-3', parameterCount: { display: '175B' } },
          },
          {
            organization: { slug: 'baidu' },
            modelCount: 5,
            articleCount: 2,
            largestModel: { slug: 'ernie-3-0-titan', parameterCount: { display: '260B' } },
          },
          {
            organization: { slug: 'meta' },
            modelCount: 5,
            articleCount: 2,
            largestModel: { slug: 'opt-175b', parameterCount: { display: '175B' } },
          },
          {
            organization: { slug: 'tsinghua' },
            modelCount: 5,
            articleCount: 2,
            largestModel: { slug: 'glm-130b', parameterCount: { display: '130B' } },
          },
          {
            organization: { slug: 'google' },
            modelCount: 4,
            articleCount: 1,
            largestModel: { slug: 'flan-palm', parameterCount: { display: '540B' } },
          },
          {
            organization: { slug: 'tsinghua-keg' },
            modelCount: 3,
            articleCount: 2,
            largestModel: { slug: 'glm-130b', parameterCount: { display: '130B' } },
          },
          {
            organization: { slug: 'google-research' },
            modelCount: 3,
            articleCount: 1,
            largestModel: { slug: 'flan-palm', parameterCount: { display: '540B' } },
          },
          {
            organization: { slug: 'alibaba-damo' },
            modelCount: 3,
            articleCount: 0,
            largestModel: { slug: 'm6', parameterCount: { display: '100B' } },
          },
          {
            organization: { slug: 'baai' },
            modelCount: 2,
            articleCount: 1,
            largestModel: { slug: 'wudao-2-0', parameterCount: { display: '1.75T' } },
          },
          {
            organization: { slug: 'runway' },
            modelCount: 2,
            articleCount: 1,
            largestModel: { slug: 'stable-diffusion-ldm-kl-8-g', parameterCount: { display: '1.45B' } },
          },
          {
            organization: { slug: 'deepmind' },
            modelCount: 2,
            articleCount: 0,
            largestModel: { slug: 'gopher', parameterCount: { display: '280B' } },
          },
          {
            organization: { slug: 'bigscience' },
            modelCount: 1,
            articleCount: 1,
            largestModel: { slug: 'bloom', parameterCount: { display: '176B' } },
          },
          {
            organization: { slug: 'compvis' },
            modelCount: 1,
            articleCount: 1,
            largestModel: { slug: 'stable-diffusion', parameterCount: { display: '860M' } },
          },
          {
            organization: { slug: 'hugging-face' },
            modelCount: 1,
            articleCount: 1,
            largestModel: { slug: 'bloom', parameterCount: { display: '176B' } },
          },
          {
            organization: { slug: 'peng-cheng-lab' },
            modelCount: 1,
            articleCount: 1,
            largestModel: { slug: 'ernie-3-0-titan', parameterCount: { display: '260B' } },
          },
          {
            organization: { slug: 'stability-ai' },
            modelCount: 1,
            articleCount: 1,
            largestModel: { slug: 'stable-diffusion', parameterCount: { display: '860M' } },
          },
          {
            organization: { slug: 'zhipu-ai' },
            modelCount: 1,
            articleCount: 1,
            largestModel: { slug: 'chatglm-6b', parameterCount: { display: '6.2B' } },
          },
          {
            organization: { slug: 'alibaba' },
            modelCount: 1,
            articleCount: 0,
            largestModel: { slug: 'plug', parameterCount: { display: '27B' } },
          },
          {
            organization: { slug: 'heidelberg-university' },
            modelCount: 1,
            articleCount: 0,
            largestModel: { slug: 'stable-diffusion-ldm-kl-8-g', parameterCount: { display: '1.45B' } },
          },
          {
            organization: { slug: 'ludwig-maximilian-university-of-munich' },
            modelCount: 1,
            articleCount: 0,
            largestModel: { slug: 'stable-diffusion-ldm-kl-8-g', parameterCount: { display: '1.45B' } },
          },
          { organization: { slug: 'stanford' }, modelCount: 0, articleCount: 2, largestModel: null },
          { organization: { slug: 'uc-berkeley' }, modelCount: 0, articleCount: 2, largestModel: null },
          { organization: { slug: 'national-taiwan-university' }, modelCount: 0, articleCount: 1, largestModel: null },
          { organization: { slug: 'allen-institute-for-ai' }, modelCount: 0, articleCount: 0, largestModel: null },
          { organization: { slug: 'chinese-academy-of-sciences' }, modelCount: 0, articleCount: 0, largestModel: null },
          {
            organization: { slug: 'chinese-university-of-hong-kong-cuhk' },
            modelCount: 0,
            articleCount: 0,
            largestModel: null,
          },
          {
            organization: { slug: 'chongqing-university-of-posts' },
            modelCount: 0,
            articleCount: 0,
            largestModel: null,
          },
          { organization: { slug: 'cohere' }, modelCount: 0, articleCount: 0, largestModel: null },
          { organization: { slug: 'cohere-for-ai' }, modelCount: 0, articleCount: 0, largestModel: null },
          {
            organization: { slug: 'courant-institute-of-mathematical' },
            modelCount: 0,
            articleCount: 0,
            largestModel: null,
          },
          { organization: { slug: 'csiro' }, modelCount: 0, articleCount: 0, largestModel: null },
          {
            organization: { slug: 'cuhk-shenzhen-research-institute' },
            modelCount: 0,
            articleCount: 0,
            largestModel: null,
          },
          { organization: { slug: 'data61' }, modelCount: 0, articleCount: 0, largestModel: null },
          { organization: { slug: 'esat-psi' }, modelCount: 0, articleCount: 0, largestModel: null },
          { organization: { slug: 'google-ai' }, modelCount: 0, articleCount: 0, largestModel: null },
          { organization: { slug: 'google-brain' }, modelCount: 0, articleCount: 0, largestModel: null },
          { organization: { slug: 'google-cloud' }, modelCount: 0, articleCount: 0, largestModel: null },
          { organization: { slug: 'google-deepmind' }, modelCount: 0, articleCount: 0, largestModel: null },
          { organization: { slug: 'harvard-medical-school' }, modelCount: 0, articleCount: 0, largestModel: null },
          { organization: { slug: 'harvard-university' }, modelCount: 0, articleCount: 0, largestModel: null },
          { organization: { slug: 'huawei' }, modelCount: 0, articleCount: 0, largestModel: null },
          { organization: { slug: 'huawei-noah-s-ark-lab' }, modelCount: 0, articleCount: 0, largestModel: null },
          { organization: { slug: 'jd-com' }, modelCount: 0, articleCount: 0, largestModel: null },
          { organization: { slug: 'jd-explore-academy' }, modelCount: 0, articleCount: 0, largestModel: null },
          { organization: { slug: 'ku-leuven' }, modelCount: 0, articleCount: 0, largestModel: null },
          { organization: { slug: 'lg' }, modelCount: 0, articleCount: 0, largestModel: null },
          { organization: { slug: 'lg-ai-research' }, modelCount: 0, articleCount: 0, largestModel: null },
          { organization: { slug: 'microsoft' }, modelCount: 0, articleCount: 0, largestModel: null },
          { organization: { slug: 'microsoft-research' }, modelCount: 0, articleCount: 0, largestModel: null },
          { organization: { slug: 'microsoft-research-asia' }, modelCount: 0, articleCount: 0, largestModel: null },
          { organization: { slug: 'new-york-university-nyu' }, modelCount: 0, articleCount: 0, largestModel: null },
          { organization: { slug: 'rwth-aachen-university' }, modelCount: 0, articleCount: 0, largestModel: null },
          { organization: { slug: 'salesforce' }, modelCount: 0, articleCount: 0, largestModel: null },
          { organization: { slug: 'salesforce-research' }, modelCount: 0, articleCount: 0, largestModel: null },
          { organization: { slug: 'samsung' }, modelCount: 0, articleCount: 0, largestModel: null },
          {
            organization: { slug: 'samsung-r-d-institute-russia' },
            modelCount: 0,
            articleCount: 0,
            largestModel: null,
          },
          {
            organization: { slug: 'shenzhen-institute-of-advanced' },
            modelCount: 0,
            articleCount: 0,
            largestModel: null,
          },
          { organization: { slug: 'soochow-university' }, modelCount: 0, articleCount: 0, largestModel: null },
          {
            organization: { slug: 'university-of-chinese-academy' },
            modelCount: 0,
            articleCount: 0,
            largestModel: null,
          },
          { organization: { slug: 'visual-computing-institute' }, modelCount: 0, articleCount: 0, largestModel: null },
          { organization: { slug: 'wuhan-university' }, modelCount: 0, articleCount: 0, largestModel: null },
        ],
        topics: [
          { topic: { slug: 'alignment' }, modelCount: 0, articleCount: 1 },
          { topic: { slug: 'chat-models' }, modelCount: 4, articleCount: 4 },
          { topic: { slug: 'chinese-llms' }, modelCount: 13, articleCount: 2 },
          { topic: { slug: 'efficient-inference' }, modelCount: 3, articleCount: 1 },
          { topic: { slug: 'gpt-lineage' }, modelCount: 9, articleCount: 5 },
          { topic: { slug: 'instruction-tuning' }, modelCount: 9, articleCount: 2 },
          { topic: { slug: 'knowledge-enhancement' }, modelCount: 5, articleCount: 1 },
          { topic: { slug: 'mixture-of-experts' }, modelCount: 2, articleCount: 0 },
          { topic: { slug: 'model-architecture' }, modelCount: 0, articleCount: 0 },
          { topic: { slug: 'multimodal-models' }, modelCount: 5, articleCount: 1 },
          { topic: { slug: 'open-weights-models' }, modelCount: 22, articleCount: 2 },
          { topic: { slug: 'rlhf' }, modelCount: 5, articleCount: 5 },
          { topic: { slug: 'scaling-laws' }, modelCount: 4, articleCount: 0 },
          { topic: { slug: 'training-methods' }, modelCount: 0, articleCount: 0 },
        ],
        countries: [
          { country: 'US', organizationCount: 21, modelCount: 30, articleCount: 9 },
          { country: 'CN', organizationCount: 20, modelCount: 13, articleCount: 4 },
          { country: 'GB', organizationCount: 3, modelCount: 3, articleCount: 1 },
          { country: 'DE', organizationCount: 5, modelCount: 2, articleCount: 1 },
          { country: 'AU', organizationCount: 2, modelCount: 0, articleCount: 0 },
          { country: 'BE', organizationCount: 2, modelCount: 0, articleCount: 0 },
          { country: 'CA', organizationCount: 2, modelCount: 0, articleCount: 0 },
          { country: 'HK', organizationCount: 1, modelCount: 0, articleCount: 0 },
          { country: 'KR', organizationCount: 3, modelCount: 0, articleCount: 0 },
          { country: 'RU', organizationCount: 1, modelCount: 0, articleCount: 0 },
          { country: 'TW', organizationCount: 1, modelCount: 0, articleCount: 1 },
        ],
      },
      articles: {
        totalCount: 9,
        facets: {
          languages: [
            { value: 'zh-Hans', count: 8 },
            { value: 'zh-Hant', count: 1 },
          ],
          years: [],
          organizations: [
            { organization: { slug: 'openai' }, count: 6 },
            { organization: { slug: 'baidu' }, count: 2 },
            { organization: { slug: 'stanford' }, count: 2 },
            { organization: { slug: 'uc-berkeley' }, count: 2 },
            { organization: { slug: 'baai' }, count: 1 },
            { organization: { slug: 'google' }, count: 1 },
            { organization: { slug: 'google-research' }, count: 1 },
            { organization: { slug: 'meta-ai' }, count: 1 },
            { organization: { slug: 'national-taiwan-university' }, count: 1 },
            { organization: { slug: 'tsinghua' }, count: 1 },
            { organization: { slug: 'tsinghua-keg' }, count: 1 },
            { organization: { slug: 'zhipu-ai' }, count: 1 },
          ],
          topics: [
            { topic: { slug: 'gpt-lineage' }, count: 5 },
            { topic: { slug: 'rlhf' }, count: 5 },
            { topic: { slug: 'chat-models' }, count: 4 },
            { topic: { slug: 'chinese-llms' }, count: 2 },
            { topic: { slug: 'instruction-tuning' }, count: 2 },
            { topic: { slug: 'open-weights-models' }, count: 2 },
            { topic: { slug: 'alignment' }, count: 1 },
            { topic: { slug: 'efficient-inference' }, count: 1 },
            { topic: { slug: 'knowledge-enhancement' }, count: 1 },
            { topic: { slug: 'multimodal-models' }, count: 1 },
          ],
        },
      },
      models: {
        totalCount: 13,
        facets: {
          organizations: [
            { organization: { slug: 'baidu' }, count: 5 },
            { organization: { slug: 'tsinghua' }, count: 5 },
            { organization: { slug: 'alibaba-damo' }, count: 3 },
            { organization: { slug: 'tsinghua-keg' }, count: 3 },
            { organization: { slug: 'baai' }, count: 2 },
            { organization: { slug: 'alibaba' }, count: 1 },
            { organization: { slug: 'peng-cheng-lab' }, count: 1 },
            { organization: { slug: 'zhipu-ai' }, count: 1 },
          ],
          families: [
            { value: 'ERNIE', count: 5 },
            { value: 'GLM', count: 3 },
            { value: 'M6', count: 2 },
            { value: 'Wu Dao', count: 2 },
            { value: 'PLUG', count: 1 },
          ],
          years: [
            { year: 2023, count: 2 },
            { year: 2022, count: 1 },
            { year: 2021, count: 8 },
            { year: 2019, count: 2 },
          ],
        },
      },
    });
  });

  it('counts the articles of one language, site or kind as the filter would (read from the kept counts)', async () => {
    const facets: Record<string, { value: string; count: number }[]> = {};
    for (const facet of ['languages', 'sites', 'kinds'])
      facets[facet] = (await run(`{ articles(first: 1) { facets { ${facet} { value count } } } }`)).articles.facets[
        facet
      ];
    const checked: string[] = [];
    for (const [facet, field] of [
      ['languages', 'language'],
      ['sites', 'site'],
      ['kinds', 'kind'],
    ] as const) {
      expect(facets[facet]?.length).toBeGreaterThan(1);
      for (const { value, count } of facets[facet] ?? []) {
        // The same condition twice is not the one condition the kept counts answer: counted.
        const answer = await run(
          `query ($one: ArticleFilter, $counted: ArticleFilter) {
            one: articles(first: 0, filter: $one) { totalCount }
            counted: articles(first: 0, filter: $counted) { totalCount } }`,
          { one: { [field]: value }, counted: { and: [{ [field]: value }, { [field]: value }] } },
        );
        expect({ field, value, one: answer.one.totalCount }).toEqual({ field, value, one: answer.counted.totalCount });
        expect(answer.one.totalCount).toBe(count);
        checked.push(`${field}:${value}`);
      }
    }
    // A value no article has counts none.
    const none = await run('{ articles(filter: { language: "xx" }) { totalCount } }');
    expect(none.articles.totalCount).toBe(0);
    expect(checked.length).toBeGreaterThan(8);
  });

  it('counts the articles covering one model, organization or topic as the filter would (read from the kept counts)', async () => {
    let checked = 0;
    for (const [list, field] of [
      ['topics', 'coversTopic'],
      ['organizations', 'coversOrganization'],
      ['models', 'coversModel'],
    ] as const) {
      const slugs = (
        (await run(`{ ${list}(first: 40) { edges { node { slug } } } }`))[list].edges as {
          node: { slug: string };
        }[]
      ).map((edge) => edge.node.slug);
      expect(slugs.length).toBeGreaterThan(10);
      // Each slug once alone (kept), once twice over (counted); seven slugs a request (the
      // aliases' limit).
      for (let start = 0; start < slugs.length; start += 7) {
        const chunk = slugs.slice(start, start + 7);
        const fields = chunk.map((slug, index) => {
          const one = `{ ${field}: { slug: ${JSON.stringify(slug)} } }`;
          return `one${index}: articles(first: 1, filter: ${one}) { totalCount }
            counted${index}: articles(first: 1, filter: { and: [${one}, ${one}] }) { totalCount }`;
        });
        const answer = await run(`{ ${fields.join('\n')} }`);
        chunk.forEach((slug, index) => {
          expect({ slug, count: answer[`one${index}`].totalCount }).toEqual({
            slug,
            count: answer[`counted${index}`].totalCount,
          });
          if (answer[`one${index}`].totalCount > 0) checked += 1;
        });
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it("counts one country's models and their facets as the filter would (read from the country's kept models)", async () => {
    const countries = (await run('{ overview { countries { country modelCount } } }')).overview.countries as {
      country: string;
      modelCount: number;
    }[];
    expect(countries.filter((row) => row.modelCount > 0).length).toBeGreaterThan(3);
    const facets = `facets {
      organizations { organization { slug } count } topics { topic { slug } count } families { value count }
      domains { value count } tasks { value count } hardware { value count } datasets { value count }
      countries { value count } years { year count } }`;
    for (const { country, modelCount } of [...countries, { country: 'XX', modelCount: 0 }]) {
      // The same condition twice is not the one condition the kept rows answer: grouped by Prisma.
      const one = `{ developedBy: { country: ${JSON.stringify(country)} } }`;
      const answer = await run(`{
        one: models(first: 3, filter: ${one}) { totalCount edges { node { slug } } ${facets} }
        grouped: models(first: 3, filter: { and: [${one}, ${one}] }) { totalCount edges { node { slug } } ${facets} } }`);
      expect({ country, ...answer.one }).toEqual({ country, ...answer.grouped });
      expect(answer.one.totalCount).toBe(modelCount);
    }
    // China's, spelled out: the facets this graph has values for are not empty (the curated
    // graph has no tasks, hardware or datasets: test/derivations.test.ts compares those on the
    // graph `npm start` builds).
    const china = await run(`{ models(first: 0, filter: { developedBy: { country: "CN" } }) { ${facets} } }`);
    expect(china.models.facets.families).toEqual([
      { value: 'ERNIE', count: 5 },
      { value: 'GLM', count: 3 },
      { value: 'M6', count: 2 },
      { value: 'Wu Dao', count: 2 },
      { value: 'PLUG', count: 1 },
    ]);
    for (const facet of ['organizations', 'topics', 'domains', 'countries', 'years'])
      expect({ facet, some: china.models.facets[facet].length > 0 }).toEqual({ facet, some: true });
  });

  it('computes facets under the same filter as the list', async () => {
    const filtered = await run(/* GraphQL */ `
      {
        articles(filter: { language: "zh-Hant" }) { totalCount facets { languages { value count } } }
        models(filter: { developedBy: { country: "CN" } }) { totalCount facets { organizations { organization { slug } count } } }
      }
    `);
    expect(filtered).toEqual({
      articles: { totalCount: 1, facets: { languages: [{ value: 'zh-Hant', count: 1 }] } },
      models: {
        totalCount: 13,
        facets: {
          organizations: [
            { organization: { slug: 'baidu' }, count: 5 },
            { organization: { slug: 'tsinghua' }, count: 5 },
            { organization: { slug: 'alibaba-damo' }, count: 3 },
            { organization: { slug: 'tsinghua-keg' }, count: 3 },
            { organization: { slug: 'baai' }, count: 2 },
            { organization: { slug: 'alibaba' }, count: 1 },
            { organization: { slug: 'peng-cheng-lab' }, count: 1 },
            { organization: { slug: 'zhipu-ai' }, count: 1 },
          ],
        },
      },
    });
  });
});
