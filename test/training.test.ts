/**
 * What models were trained on, over HTTP on the graph `npm start` builds: "which models were
 * trained on Ascend 910?" in one request, the counts of hardware and datasets computed from the
 * CSV itself (read here with csv-parse, not the importer), quantities and citations of the edges,
 * the filters, and a second import that writes nothing.
 */
import { readFileSync } from 'node:fs';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EPOCH_SNAPSHOT_FILE, importEpoch } from '../seed/epoch/import.js';
import { normalizeName } from '../src/domain/normalize.js';
import { startFullGraphServer } from './helpers/full-graph.js';
import type { TestServer } from './helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startFullGraphServer('training');
}, 120_000);
afterAll(async () => {
  await server?.close();
});

// biome-ignore lint/suspicious/noExplicitAny: GraphQL results are compared whole or by a few fields.
type Data = any;

async function run(query: string, variables?: Record<string, unknown>): Promise<Data> {
  const { status, body } = await server.graphql<Data>(query, variables);
  expect({ status, errors: body.errors }).toEqual({ status: 200, errors: undefined });
  return body.data;
}

type Row = Record<string, string>;
const rows = parseCsv(readFileSync(EPOCH_SNAPSHOT_FILE, 'utf8'), { columns: true, bom: true }) as Row[];

/** A list cell split on the commas outside parentheses, trimmed. */
function names(cell: string | undefined): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of cell ?? '') {
    if (char === '(') depth += 1;
    if (char === ')') depth = Math.max(0, depth - 1);
    if (char === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  parts.push(current);
  return parts.map((part) => part.replace(/\s+/g, ' ').trim()).filter((part) => part !== '');
}

/** A row's model as the graph names it (the English part of "Name (中文名)"). */
const modelName = (row: Row) => (row.Model ?? '').replace(/\s*\([^()]*\p{Script=Han}[^()]*\)\s*$/u, '').trim();

describe('which models were trained on Ascend 910?', () => {
  it('is one request, answered with the rows that name that chip, and the chips they used', async () => {
    const data = await run(`{
      hardware(slug: "huawei-ascend-910") {
        name
        models(first: 20) { totalCount edges { quantity node { name } } }
      }
    }`);
    const expected = rows.filter((row) => names(row['Training hardware']).includes('Huawei Ascend 910'));
    expect(expected.length).toBeGreaterThan(0);
    expect(data.hardware.name).toBe('Huawei Ascend 910');
    expect(data.hardware.models.totalCount).toBe(expected.length);
    const byName = new Map(data.hardware.models.edges.map((edge: Data) => [edge.node.name, edge.quantity]));
    for (const row of expected) {
      const single = names(row['Training hardware']).length === 1 && /^\d+(\.0)?$/.test(row['Hardware quantity'] ?? '');
      expect(byName.get(modelName(row)), row.Model).toBe(single ? Number(row['Hardware quantity']) : null);
    }
  });

  it('is also a filter on models, by a part of the name in any spelling', async () => {
    const data = await run(`{
      models(first: 50, filter: { trainedOn: { name: "ascend 910" } }) {
        totalCount
        edges { node { name trainedOn { hardware { slug } quantity source { slug } locator } } }
      }
    }`);
    const expected = rows.filter((row) =>
      names(row['Training hardware']).some((name) => normalizeName(name).includes('ascend910')),
    );
    expect(data.models.totalCount).toBe(expected.length);
    for (const { node } of data.models.edges) {
      const edge = node.trainedOn.find((item: Data) => item.hardware.slug.includes('ascend-910'));
      expect(edge.source).toEqual({ slug: 'epoch-notable-ai-models' });
      expect(edge.locator).toMatch(/^https?:\/\//);
    }
  });
});

describe('hardware and datasets from the file', () => {
  it('are one node per name, folded, and "Unspecified unreleased" or "Unspecified" is none', async () => {
    const hardware = new Set(rows.flatMap((row) => names(row['Training hardware']).map(normalizeName)));
    const datasets = new Set(rows.flatMap((row) => names(row['Training dataset']).map(normalizeName)));
    datasets.delete('unspecifiedunreleased');
    datasets.delete('unspecified');
    const data = await run(
      '{ overview { totals { hardware datasets } } allHardware { totalCount } datasets { totalCount } }',
    );
    expect(data.overview.totals).toEqual({ hardware: hardware.size, datasets: datasets.size });
    expect(data.allHardware.totalCount).toBe(hardware.size);
    expect(data.datasets.totalCount).toBe(datasets.size);
  });

  it('link every row to what it names', async () => {
    const edges = await server.prisma.modelDataset.count();
    const pile = await run(`{
      datasets(filter: { name: "the pile" }) { edges { node { slug name models(first: 50) { totalCount } } } }
      models(first: 1, filter: { trainedWith: { slug: "the-pile" } }) { totalCount }
    }`);
    const onThePile = rows.filter((row) => names(row['Training dataset']).some((name) => name === 'The Pile'));
    expect(pile.datasets.edges[0].node).toMatchObject({ slug: 'the-pile', name: 'The Pile' });
    expect(pile.datasets.edges[0].node.models.totalCount).toBe(onThePile.length);
    expect(pile.models.totalCount).toBe(onThePile.length);
    expect(edges).toBeGreaterThan(700);
  });

  it("count in models' facets, and pages of models credit Epoch for them", async () => {
    const data = await run(`{
      models(first: 1, filter: { developedBy: { country: "CN" } }) {
        attributions { slug }
        facets { hardware { value count } datasets { value count } }
      }
    }`);
    const counted = async (table: 'ModelHardware' | 'ModelDataset') => {
      const [resource, column] = table === 'ModelHardware' ? ['Hardware', 'hardwareId'] : ['Dataset', 'datasetId'];
      return (
        await server.prisma.$queryRawUnsafe<{ slug: string; n: bigint }[]>(
          `SELECT r.slug AS slug, COUNT(DISTINCT e."modelId") AS n FROM "${table}" e
           JOIN "${resource}" r ON r.id = e."${column}"
           WHERE e."modelId" IN (SELECT md."modelId" FROM "ModelDeveloper" md JOIN "Organization" o ON o.id = md."organizationId" WHERE o.country = 'CN')
           GROUP BY r.id ORDER BY n DESC, r.slug ASC LIMIT 50`,
        )
      ).map((row) => ({ value: row.slug, count: Number(row.n) }));
    };
    expect(data.models.facets.hardware).toEqual(await counted('ModelHardware'));
    expect(data.models.facets.datasets).toEqual(await counted('ModelDataset'));
    expect(data.models.facets.hardware.map((entry: Data) => entry.value)).toContain('huawei-ascend-910');
    expect(data.models.attributions).toEqual([{ slug: 'epoch-notable-ai-models' }]);
  });

  it('are written once: a second import of the same file writes nothing', async () => {
    const summary = await importEpoch(server.database);
    expect(summary.changed).toBe(false);
    expect(summary.training).toMatchObject({ edgesAdded: 0, edgesRemoved: 0, hardwareCreated: 0, datasetsCreated: 0 });
    expect(summary.training.unused.map((item) => item.text)).toContain('Unspecified unreleased');
  });
});
