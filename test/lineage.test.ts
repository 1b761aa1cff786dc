/**
 * Lineage: which steps are descent and which only kinship (src/domain/lineage-kinds.ts), the
 * in-memory walk that follows them (src/schema/lineage.ts) on hand-made edge lists, then the API
 * over HTTP on the seeded graph (the note and the curated data), answers compared whole.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphStore, LineageEdgeRow } from '../src/db/store.js';
import { enumValues, type LineageKind } from '../src/domain/enums.js';
import { followedLineageKinds, LINEAGE_KINDS, lineageKindsOf } from '../src/domain/lineage-kinds.js';
import { LineageGraph, MAX_LINEAGE_DEPTH } from '../src/schema/lineage.js';
import { TEST_DATABASE, type TestDatabase } from './helpers/database.js';
import { createFullGraphDatabase } from './helpers/full-graph.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import { createRandom } from './helpers/synthetic.js';

describe('the classification of lineage kinds', () => {
  it('classifies every kind: six kinds of descent, BASED_ON the imprecise one, two associations', () => {
    expect(Object.keys(LINEAGE_KINDS).sort()).toEqual([...enumValues('LineageKind')].sort());
    expect(lineageKindsOf('ANCESTRY')).toEqual([
      'FINE_TUNED_FROM',
      'INSTRUCTION_TUNED_FROM',
      'DISTILLED_FROM',
      'SCALE_UP_OF',
      'SUCCESSOR_OF',
      'BASED_ON',
    ]);
    expect(lineageKindsOf('ASSOCIATION')).toEqual(['VARIANT_OF', 'SIBLING_OF']);
    expect(enumValues('LineageKind').filter((kind) => !LINEAGE_KINDS[kind].precise)).toEqual(['BASED_ON']);
  });

  it('follows ancestry by default, associations on request, and exactly the kinds given', () => {
    const followed = (options: Parameters<typeof followedLineageKinds>[0]) => [...followedLineageKinds(options)];
    const ancestry = lineageKindsOf('ANCESTRY');
    expect(followed({})).toEqual(ancestry);
    expect(followed({ kinds: [], includeAssociations: false })).toEqual(ancestry);
    expect(followed({ kinds: null, includeAssociations: true })).toEqual(enumValues('LineageKind'));
    // `kinds` overrides the default both ways.
    expect(followed({ kinds: ['SIBLING_OF'] })).toEqual(['SIBLING_OF']);
    expect(followed({ kinds: ['SUCCESSOR_OF'], includeAssociations: true })).toEqual(['SUCCESSOR_OF']);
  });
});

/** The audit's cases in miniature: 1 chatgpt, 2 gpt-3-5, 3 gpt-3, 4 gpt-2, 5 instructgpt, 6 opt-175b, 7 opt-125m. */
const [CHATGPT, GPT35, GPT3, GPT2, INSTRUCTGPT, OPT175B, OPT125M] = [1, 2, 3, 4, 5, 6, 7];
const step = (id: number, childId: number, kind: LineageKind, parentId: number): LineageEdgeRow => ({
  id,
  childId,
  parentId,
  kind,
});
const GPT_EDGES = [
  step(11, GPT3, 'SUCCESSOR_OF', GPT2),
  step(12, INSTRUCTGPT, 'FINE_TUNED_FROM', GPT3),
  step(13, GPT35, 'SUCCESSOR_OF', GPT3),
  step(14, CHATGPT, 'FINE_TUNED_FROM', GPT35),
  step(15, CHATGPT, 'SIBLING_OF', INSTRUCTGPT),
  step(16, CHATGPT, 'BASED_ON', GPT3),
  step(17, OPT125M, 'VARIANT_OF', OPT175B),
];

describe('LineageGraph', () => {
  // Given in reverse: the graph sorts its edges, the answers do not depend on the input's order.
  const graph = new LineageGraph([...GPT_EDGES].reverse());
  const hit = (modelId: number, direction: 'UP' | 'DOWN', pathIds: number[], edgeIds: number[], startId = CHATGPT) => ({
    startId,
    modelId,
    direction,
    depth: edgeIds.length,
    pathIds,
    edgeIds,
  });

  it('walks ancestry only, preferring the precise two-step chain to the one imprecise step', () => {
    expect(graph.walk(CHATGPT, { direction: 'UP', maxDepth: 10 })).toEqual([
      hit(GPT35, 'UP', [CHATGPT, GPT35], [14]),
      hit(GPT3, 'UP', [CHATGPT, GPT35, GPT3], [14, 13]),
      hit(GPT2, 'UP', [CHATGPT, GPT35, GPT3, GPT2], [14, 13, 11]),
    ]);
  });

  it('reaches every model within maxDepth steps, by its preferred path of at most that many steps', () => {
    // Within one step GPT-3 is only reachable through the note's BASED_ON.
    expect(graph.walk(CHATGPT, { direction: 'UP', maxDepth: 1 })).toEqual([
      hit(GPT35, 'UP', [CHATGPT, GPT35], [14]),
      hit(GPT3, 'UP', [CHATGPT, GPT3], [16]),
    ]);
    // Within two, GPT-3 has its precise path, and GPT-2 is still reached through the short one.
    expect(graph.walk(CHATGPT, { direction: 'UP', maxDepth: 2 })).toEqual([
      hit(GPT35, 'UP', [CHATGPT, GPT35], [14]),
      hit(GPT3, 'UP', [CHATGPT, GPT35, GPT3], [14, 13]),
      hit(GPT2, 'UP', [CHATGPT, GPT3, GPT2], [16, 11]),
    ]);
  });

  it('follows associations when asked, and prefers descent to a path through a sibling', () => {
    // GPT-3 is two steps up both through GPT-3.5 and through the sibling InstructGPT: descent wins.
    expect(graph.walk(CHATGPT, { direction: 'UP', maxDepth: 10, includeAssociations: true })).toEqual([
      hit(GPT35, 'UP', [CHATGPT, GPT35], [14]),
      hit(INSTRUCTGPT, 'UP', [CHATGPT, INSTRUCTGPT], [15]),
      hit(GPT3, 'UP', [CHATGPT, GPT35, GPT3], [14, 13]),
      hit(GPT2, 'UP', [CHATGPT, GPT35, GPT3, GPT2], [14, 13, 11]),
    ]);
    expect(graph.walk(OPT175B, { direction: 'DOWN', maxDepth: 10 })).toEqual([]);
    expect(graph.walk(OPT175B, { direction: 'DOWN', maxDepth: 10, includeAssociations: true })).toEqual([
      hit(OPT125M, 'DOWN', [OPT175B, OPT125M], [17], OPT175B),
    ]);
  });

  it('follows exactly the kinds given', () => {
    expect(graph.walk(CHATGPT, { direction: 'UP', maxDepth: 10, kinds: ['SIBLING_OF'] })).toEqual([
      hit(INSTRUCTGPT, 'UP', [CHATGPT, INSTRUCTGPT], [15]),
    ]);
    // The kinds override `includeAssociations: false`; BASED_ON is taken where nothing precise leads.
    expect(
      graph.walk(CHATGPT, {
        direction: 'UP',
        maxDepth: 10,
        kinds: ['BASED_ON', 'SIBLING_OF', 'SUCCESSOR_OF'],
        includeAssociations: false,
      }),
    ).toEqual([
      hit(GPT3, 'UP', [CHATGPT, GPT3], [16]),
      hit(INSTRUCTGPT, 'UP', [CHATGPT, INSTRUCTGPT], [15]),
      hit(GPT2, 'UP', [CHATGPT, GPT3, GPT2], [16, 11]),
    ]);
  });

  it('walks down to what derives from a model: ChatGPT through GPT-3.5, not through BASED_ON', () => {
    expect(graph.walk(GPT3, { direction: 'DOWN', maxDepth: 10 })).toEqual([
      hit(GPT35, 'DOWN', [GPT3, GPT35], [13], GPT3),
      hit(INSTRUCTGPT, 'DOWN', [GPT3, INSTRUCTGPT], [12], GPT3),
      hit(CHATGPT, 'DOWN', [GPT3, GPT35, CHATGPT], [13, 14], GPT3),
    ]);
  });

  it('finds the preferred path either way, within maxDepth steps, with the same preferences', () => {
    expect(graph.path(CHATGPT, GPT3, { maxDepth: 10 })).toEqual({ pathIds: [CHATGPT, GPT35, GPT3], edgeIds: [14, 13] });
    expect(graph.path(CHATGPT, GPT3, { maxDepth: 1 })).toEqual({ pathIds: [CHATGPT, GPT3], edgeIds: [16] });
    // To its sibling: up to GPT-3 by OpenAI's chain and down again, not across the sibling step
    // (unless asked to follow associations, and then descent still comes first), nor the BASED_ON.
    const upAndDown = { pathIds: [CHATGPT, GPT35, GPT3, INSTRUCTGPT], edgeIds: [14, 13, 12] };
    expect(graph.path(CHATGPT, INSTRUCTGPT, { maxDepth: 10 })).toEqual(upAndDown);
    expect(graph.path(CHATGPT, INSTRUCTGPT, { maxDepth: 10, includeAssociations: true })).toEqual(upAndDown);
    expect(graph.path(CHATGPT, INSTRUCTGPT, { maxDepth: 2 })).toEqual({
      pathIds: [CHATGPT, GPT3, INSTRUCTGPT],
      edgeIds: [16, 12],
    });
    expect(graph.path(CHATGPT, INSTRUCTGPT, { maxDepth: 2, includeAssociations: true })).toEqual({
      pathIds: [CHATGPT, GPT3, INSTRUCTGPT],
      edgeIds: [16, 12],
    });
    expect(graph.path(CHATGPT, INSTRUCTGPT, { maxDepth: 1, includeAssociations: true })).toEqual({
      pathIds: [CHATGPT, INSTRUCTGPT],
      edgeIds: [15],
    });
    expect(graph.path(CHATGPT, INSTRUCTGPT, { maxDepth: 1 })).toBeNull();
    expect(graph.path(CHATGPT, INSTRUCTGPT, { maxDepth: 10, kinds: ['SIBLING_OF'] })).toEqual({
      pathIds: [CHATGPT, INSTRUCTGPT],
      edgeIds: [15],
    });
    expect(graph.path(OPT125M, OPT175B, { maxDepth: 10 })).toBeNull();
    expect(graph.path(OPT125M, OPT175B, { maxDepth: 10, includeAssociations: true })).toEqual({
      pathIds: [OPT125M, OPT175B],
      edgeIds: [17],
    });
    expect(graph.path(GPT2, GPT2, { maxDepth: 1 })).toEqual({ pathIds: [GPT2], edgeIds: [] });
  });

  it('among equally preferred paths, takes the one of the oldest edges', () => {
    // 13 derives from 10 through 11 and through 12; the route through 12 starts with the older edge.
    const diamond = new LineageGraph([
      step(24, 12, 'FINE_TUNED_FROM', 10),
      step(22, 13, 'FINE_TUNED_FROM', 11),
      step(23, 11, 'FINE_TUNED_FROM', 10),
      step(21, 13, 'FINE_TUNED_FROM', 12),
    ]);
    expect(diamond.walk(13, { direction: 'UP', maxDepth: 5 }).find((found) => found.modelId === 10)).toEqual(
      hit(10, 'UP', [13, 12, 10], [21, 24], 13),
    );
    expect(diamond.path(10, 13, { maxDepth: 5 })).toEqual({ pathIds: [10, 11, 13], edgeIds: [23, 22] });
  });

  it('trades imprecise steps for length exactly as far as maxDepth allows, without enumerating paths', () => {
    // 30 links; link k joins model 3k to 3k+3 by one BASED_ON step and by two precise routes of two
    // steps (through 3k+1 or 3k+2): 3^30 paths from model 0 to model 90.
    const edges: LineageEdgeRow[] = [];
    for (let link = 0; link < 30; link += 1) {
      const top = link * 3;
      for (const [child, kind, parent] of [
        [top + 3, 'BASED_ON', top],
        [top + 1, 'FINE_TUNED_FROM', top],
        [top + 2, 'FINE_TUNED_FROM', top],
        [top + 3, 'SUCCESSOR_OF', top + 1],
        [top + 3, 'SUCCESSOR_OF', top + 2],
      ] as const) {
        edges.push(step(edges.length + 1, child, kind, parent));
      }
    }
    const chain = new LineageGraph(edges);
    const impreciseSteps = (edgeIds: number[]) => edgeIds.filter((id) => edges[id - 1]?.kind === 'BASED_ON').length;
    for (const [maxDepth, imprecise] of [
      [30, 30],
      [45, 15],
      [59, 1],
      [60, 0],
    ] as const) {
      const hits = chain.walk(0, { direction: 'DOWN', maxDepth });
      expect(hits).toHaveLength(90);
      const last = hits.find((found) => found.modelId === 90);
      expect({ depth: last?.depth, imprecise: impreciseSteps(last?.edgeIds ?? []) }).toEqual({
        depth: 60 - imprecise,
        imprecise,
      });
      const path = chain.path(90, 0, { maxDepth });
      expect({ steps: path?.edgeIds.length, imprecise: impreciseSteps(path?.edgeIds ?? []) }).toEqual({
        steps: 60 - imprecise,
        imprecise,
      });
    }
    // Fewer than 30 steps cannot reach model 90.
    expect(chain.path(90, 0, { maxDepth: 29 })).toBeNull();
  });
});

describe('the API on the seeded graph', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('lineage');
  });
  afterAll(async () => {
    await server?.close();
  });

  // biome-ignore lint/suspicious/noExplicitAny: GraphQL results are compared whole.
  async function run(query: string): Promise<any> {
    const { status, body } = await server.graphql(query);
    expect({ status, errors: body.errors }).toEqual({ status: 200, errors: undefined });
    return body.data;
  }

  it("leaves InstructGPT out of ChatGPT's ancestors by default, and shows it as an association on request", async () => {
    const data = await run(/* GraphQL */ `
      {
        model(slug: "chatgpt") {
          ancestors: lineage { depth kind model { slug } edges { relation } }
          withAssociations: lineage(includeAssociations: true) { depth kind model { slug } edges { relation } }
        }
      }
    `);
    const ancestors = [
      { depth: 1, kind: 'FINE_TUNED_FROM', model: { slug: 'gpt-3-5' }, edges: [{ relation: 'ANCESTRY' }] },
      {
        depth: 2,
        kind: 'SUCCESSOR_OF',
        model: { slug: 'gpt-3' },
        edges: [{ relation: 'ANCESTRY' }, { relation: 'ANCESTRY' }],
      },
      {
        depth: 3,
        kind: 'SUCCESSOR_OF',
        model: { slug: 'gpt-2' },
        edges: [{ relation: 'ANCESTRY' }, { relation: 'ANCESTRY' }, { relation: 'ANCESTRY' }],
      },
      {
        depth: 4,
        kind: 'SCALE_UP_OF',
        model: { slug: 'gpt-1' },
        edges: [{ relation: 'ANCESTRY' }, { relation: 'ANCESTRY' }, { relation: 'ANCESTRY' }, { relation: 'ANCESTRY' }],
      },
    ];
    expect(data).toEqual({
      model: {
        ancestors,
        withAssociations: [
          // At the same depth, by slug: gpt-3-5 before instructgpt.
          ancestors[0],
          { depth: 1, kind: 'SIBLING_OF', model: { slug: 'instructgpt' }, edges: [{ relation: 'ASSOCIATION' }] },
          ...ancestors.slice(1),
        ],
      },
    });
  });

  it('does not make the OPT sizes descendants of OPT-175B, unless associations are asked for', async () => {
    const data = await run(/* GraphQL */ `
      {
        opt175b: model(slug: "opt-175b") {
          descendants: lineage(direction: DOWN) { depth kind model { slug } }
          withAssociations: lineage(direction: DOWN, includeAssociations: true) { depth kind model { slug } }
          children { kind child { slug } }
        }
        opt125m: model(slug: "opt-125m") { ancestors: lineage { model { slug } } parents { kind } }
      }
    `);
    expect(data).toEqual({
      opt175b: {
        descendants: [
          { depth: 1, kind: 'INSTRUCTION_TUNED_FROM', model: { slug: 'opt-iml-175b' } },
          { depth: 1, kind: 'INSTRUCTION_TUNED_FROM', model: { slug: 'opt-iml-max-175b' } },
        ],
        withAssociations: [
          // Nearest first, then by slug (code unit order: opt-1-3b before opt-125m).
          { depth: 1, kind: 'VARIANT_OF', model: { slug: 'opt-1-3b' } },
          { depth: 1, kind: 'VARIANT_OF', model: { slug: 'opt-125m' } },
          { depth: 1, kind: 'VARIANT_OF', model: { slug: 'opt-13b' } },
          { depth: 1, kind: 'VARIANT_OF', model: { slug: 'opt-2-7b' } },
          { depth: 1, kind: 'VARIANT_OF', model: { slug: 'opt-30b' } },
          { depth: 1, kind: 'VARIANT_OF', model: { slug: 'opt-350m' } },
          { depth: 1, kind: 'VARIANT_OF', model: { slug: 'opt-6-7b' } },
          { depth: 1, kind: 'VARIANT_OF', model: { slug: 'opt-66b' } },
          { depth: 1, kind: 'INSTRUCTION_TUNED_FROM', model: { slug: 'opt-iml-175b' } },
          { depth: 1, kind: 'INSTRUCTION_TUNED_FROM', model: { slug: 'opt-iml-max-175b' } },
          { depth: 2, kind: 'INSTRUCTION_TUNED_FROM', model: { slug: 'opt-iml-30b' } },
          { depth: 2, kind: 'INSTRUCTION_TUNED_FROM', model: { slug: 'opt-iml-max-30b' } },
        ],
        children: [
          { kind: 'INSTRUCTION_TUNED_FROM', child: { slug: 'opt-iml-175b' } },
          { kind: 'INSTRUCTION_TUNED_FROM', child: { slug: 'opt-iml-max-175b' } },
        ],
      },
      opt125m: { ancestors: [], parents: [] },
    });
  });

  it("links ChatGPT to GPT-3 by OpenAI's two-step chain, not by the note's BASED_ON", async () => {
    const data = await run(/* GraphQL */ `
      {
        preferred: lineagePath(from: "chatgpt", to: "gpt-3") { kind relation child { slug } parent { slug } source { slug } }
        withinOneStep: lineagePath(from: "chatgpt", to: "gpt-3", maxDepth: 1) { kind child { slug } parent { slug } source { slug } }
        toTheSibling: lineagePath(from: "chatgpt", to: "instructgpt") { kind child { slug } parent { slug } }
        acrossTheSibling: lineagePath(from: "chatgpt", to: "instructgpt", kinds: [SIBLING_OF]) { kind relation }
        variantDefault: lineagePath(from: "opt-125m", to: "opt-175b") { kind }
        variantAsked: lineagePath(from: "opt-125m", to: "opt-175b", includeAssociations: true) { kind relation }
      }
    `);
    expect(data).toEqual({
      preferred: [
        {
          kind: 'FINE_TUNED_FROM',
          relation: 'ANCESTRY',
          child: { slug: 'chatgpt' },
          parent: { slug: 'gpt-3-5' },
          source: { slug: 'openai-chatgpt-blog' },
        },
        {
          kind: 'SUCCESSOR_OF',
          relation: 'ANCESTRY',
          child: { slug: 'gpt-3-5' },
          parent: { slug: 'gpt-3' },
          source: { slug: 'openai-model-index' },
        },
      ],
      withinOneStep: [
        { kind: 'BASED_ON', child: { slug: 'chatgpt' }, parent: { slug: 'gpt-3' }, source: { slug: 'user-note' } },
      ],
      toTheSibling: [
        { kind: 'FINE_TUNED_FROM', child: { slug: 'chatgpt' }, parent: { slug: 'gpt-3-5' } },
        { kind: 'SUCCESSOR_OF', child: { slug: 'gpt-3-5' }, parent: { slug: 'gpt-3' } },
        { kind: 'FINE_TUNED_FROM', child: { slug: 'instructgpt' }, parent: { slug: 'gpt-3' } },
      ],
      acrossTheSibling: [{ kind: 'SIBLING_OF', relation: 'ASSOCIATION' }],
      variantDefault: null,
      variantAsked: [{ kind: 'VARIANT_OF', relation: 'ASSOCIATION' }],
    });
  });

  it('lists the associations of a model both ways: OPT-175B its sizes, ChatGPT and InstructGPT each other', async () => {
    const data = await run(/* GraphQL */ `
      {
        opt175b: model(slug: "opt-175b") { associations { kind relation child { slug } parent { slug } } }
        opt30b: model(slug: "opt-30b") { associations { kind child { slug } parent { slug } } }
        chatgpt: model(slug: "chatgpt") {
          associations { kind relation child { slug } parent { slug } note }
          parents { kind parent { slug } }
        }
        instructgpt: model(slug: "instructgpt") { associations { kind child { slug } parent { slug } } children { kind } }
        gpt3: model(slug: "gpt-3") { associations { kind } }
      }
    `);
    const variant = (size: string) => ({
      kind: 'VARIANT_OF',
      relation: 'ASSOCIATION',
      child: { slug: size },
      parent: { slug: 'opt-175b' },
    });
    const siblings = { kind: 'SIBLING_OF', child: { slug: 'chatgpt' }, parent: { slug: 'instructgpt' } };
    expect(data).toEqual({
      opt175b: {
        associations: ['opt-125m', 'opt-350m', 'opt-1-3b', 'opt-2-7b', 'opt-6-7b', 'opt-13b', 'opt-30b', 'opt-66b'].map(
          variant,
        ),
      },
      opt30b: { associations: [{ kind: 'VARIANT_OF', child: { slug: 'opt-30b' }, parent: { slug: 'opt-175b' } }] },
      chatgpt: {
        associations: [
          {
            ...siblings,
            relation: 'ASSOCIATION',
            note: 'OpenAI calls ChatGPT a sibling model to InstructGPT; same RLHF method with slight differences in the data collection setup.',
          },
        ],
        // The note's BASED_ON is descent, imprecise: it stays among the parents.
        parents: [
          { kind: 'FINE_TUNED_FROM', parent: { slug: 'gpt-3-5' } },
          { kind: 'BASED_ON', parent: { slug: 'gpt-3' } },
        ],
      },
      instructgpt: { associations: [siblings], children: [] },
      gpt3: { associations: [] },
    });
  });

  it('walks exactly the kinds given: siblings with [SIBLING_OF], both ways', async () => {
    const data = await run(/* GraphQL */ `
      {
        chatgpt: model(slug: "chatgpt") {
          siblings: lineage(kinds: [SIBLING_OF]) { depth kind model { slug } edges { relation } }
          overridden: lineage(kinds: [SIBLING_OF], includeAssociations: false) { model { slug } }
          notes: lineage(kinds: [BASED_ON]) { depth model { slug } }
        }
        instructgpt: model(slug: "instructgpt") { lineage(direction: DOWN, kinds: [SIBLING_OF]) { model { slug } } }
        gopher: model(slug: "gopher") {
          byDefault: lineage(direction: DOWN) { model { slug } }
          siblings: lineage(direction: DOWN, kinds: [SIBLING_OF]) { kind model { slug } }
        }
      }
    `);
    expect(data).toEqual({
      chatgpt: {
        siblings: [
          { depth: 1, kind: 'SIBLING_OF', model: { slug: 'instructgpt' }, edges: [{ relation: 'ASSOCIATION' }] },
        ],
        overridden: [{ model: { slug: 'instructgpt' } }],
        notes: [{ depth: 1, model: { slug: 'gpt-3' } }],
      },
      instructgpt: { lineage: [{ model: { slug: 'chatgpt' } }] },
      gopher: { byDefault: [], siblings: [{ kind: 'SIBLING_OF', model: { slug: 'chinchilla' } }] },
    });
  });
});

describe('the edges a walk needs, found by the database, on the graph npm start builds', () => {
  let full: TestDatabase;
  beforeAll(async () => {
    full = await createFullGraphDatabase('lineage-reach');
  });
  afterAll(async () => {
    await full?.cleanup();
  });

  /**
   * Walks from every model with lineage, both ways, at several depths and kinds, on the edges
   * `lineageReach` finds (all starts in one statement, and every 5th start alone), and paths
   * either way, compared with the same walks on every edge of the graph.
   */
  async function compareWithWholeGraph(store: GraphStore) {
    const everyEdge = await store.lineageEdges();
    const whole = new LineageGraph(everyEdge);
    const ids = [...new Set(everyEdge.flatMap((edge) => [edge.childId, edge.parentId]))].sort((a, b) => a - b);
    const follows = [{}, { includeAssociations: true }, { kinds: ['VARIANT_OF', 'SIBLING_OF'] as LineageKind[] }];
    let hitsCompared = 0;
    let singleStarts = 0;
    let edgesReadAlone = 0;
    for (const follow of follows) {
      const kinds = [...followedLineageKinds(follow)];
      for (const maxDepth of [1, 3, MAX_LINEAGE_DEPTH]) {
        for (const direction of ['UP', 'DOWN'] as const) {
          const walk = (graph: LineageGraph, id: number) => graph.walk(id, { direction, maxDepth, ...follow });
          // All starts in one statement, as a request's walks of one shape are.
          const shared = new LineageGraph(await store.lineageReach({ startIds: ids, direction, maxDepth, kinds }));
          for (const id of ids) {
            const expected = walk(whole, id);
            expect(walk(shared, id)).toEqual(expected);
            hitsCompared += expected.length;
          }
          for (const id of ids.filter((_, index) => index % 5 === 0)) {
            const near = await store.lineageReach({ startIds: [id], direction, maxDepth, kinds });
            expect(walk(new LineageGraph(near), id)).toEqual(walk(whole, id));
            singleStarts += 1;
            edgesReadAlone += near.length;
          }
        }
      }
      for (const from of ids.filter((_, index) => index % 10 === 0)) {
        const near = new LineageGraph(
          await store.lineageReach({ startIds: [from], direction: 'EITHER', maxDepth: 10, kinds }),
        );
        for (const to of ids.filter((_, index) => index % 25 === 7))
          expect(near.path(from, to, { maxDepth: 10, ...follow })).toEqual(
            whole.path(from, to, { maxDepth: 10, ...follow }),
          );
      }
    }
    return {
      models: ids.length,
      edges: everyEdge.length,
      hitsCompared,
      edgesReadPerStart: edgesReadAlone / singleStarts,
    };
  }

  it('finds every edge the walks of the real lineage take', async () => {
    const found = await compareWithWholeGraph(full.database.store);
    expect(found.models).toBeGreaterThan(100);
    expect(found.hitsCompared).toBeGreaterThan(1_000);
  });

  it('reads the lineage by index lookups only, whatever its size: no step scans the table', async () => {
    const chatgpt = await full.prisma.model.findUniqueOrThrow({ where: { slug: 'chatgpt' }, select: { id: true } });
    for (const direction of ['UP', 'DOWN', 'EITHER'] as const) {
      const params = [JSON.stringify(lineageKindsOf('ANCESTRY')), JSON.stringify([chatgpt.id]), 9] as const;
      full.queries.length = 0;
      await full.database.store.lineageReach({
        startIds: [chatgpt.id],
        direction,
        maxDepth: 10,
        kinds: lineageKindsOf('ANCESTRY'),
      });
      const [statement] = full.queries;
      expect(full.queries).toHaveLength(1);
      const plan =
        TEST_DATABASE === 'postgresql'
          ? await full.prisma.$transaction(async (tx) => {
              // The real graph is small enough for a scan to be cheaper: the question is whether indexes can answer.
              await tx.$executeRawUnsafe('SET LOCAL enable_seqscan = off');
              const rows = await tx.$queryRawUnsafe<{ 'QUERY PLAN': string }[]>(`EXPLAIN ${statement}`, ...params);
              return rows.map((row) => row['QUERY PLAN']).join('\n');
            })
          : (await full.prisma.$queryRawUnsafe<{ detail: string }[]>(`EXPLAIN QUERY PLAN ${statement}`, ...params))
              .map((row) => row.detail)
              .join('\n');
      expect(plan).toMatch(TEST_DATABASE === 'postgresql' ? /Index (Only )?Scan/ : /SEARCH l USING/);
      expect(plan).not.toMatch(/Seq Scan on "?ModelLineage|SCAN l\b|SCAN "?ModelLineage/);
    }
  });

  it('finds them on a tangled graph too (cycles, diamonds, every kind), reading a small part of it per start', async () => {
    // 450 random edges among 300 models, on top of the real ones: what a walk must survive.
    const models = await full.database.prisma.model.findMany({
      select: { id: true },
      orderBy: { id: 'asc' },
      take: 300,
    });
    const random = createRandom(7);
    const kinds = enumValues('LineageKind');
    const edges = new Map<string, { childId: number; parentId: number; kind: LineageKind; note: string }>();
    while (edges.size < 450) {
      const childId = random.pick(models).id;
      const parentId = random.pick(models).id;
      const kind = random.pick(kinds);
      if (childId !== parentId)
        edges.set(`${childId}:${parentId}:${kind}`, { childId, parentId, kind, note: 'random' });
    }
    const existing = new Set(
      (await full.database.store.lineageEdges()).map((e) => `${e.childId}:${e.parentId}:${e.kind}`),
    );
    await full.database.store.insertRows(
      'ModelLineage',
      [...edges].filter(([key]) => !existing.has(key)).map(([, edge]) => edge),
    );
    const found = await compareWithWholeGraph(full.database.store);
    expect(found.edges).toBeGreaterThan(450);
    expect(found.hitsCompared).toBeGreaterThan(20_000);
    expect(found.edgesReadPerStart).toBeLessThan(found.edges / 10);
  });
});
