/**
 * What Epoch's rows say their models were trained on (pure rules of seed/epoch/training.ts, on
 * rows made for each quirk): hardware and datasets as nodes, the chips' quantity on the edge, the
 * names that fold alike as one node, the graph's slugs kept, and Epoch's stale edges dropped.
 */
import { describe, expect, it } from 'vitest';
import type { RowModel } from '../seed/epoch/articles.js';
import { type EpochRow, splitList } from '../seed/epoch/csv.js';
import { type GraphResource, planEpochTraining } from '../seed/epoch/training.js';
import { normalizeName } from '../src/domain/normalize.js';
import type { TrainingKey } from '../src/graph/index.js';

const SOURCE = 'epoch-notable-ai-models';

let rowNumber = 1;
/** A row of the file with only what the training plan reads. */
function row(
  model: string,
  fields: { hardware?: string[]; quantity?: string | null; datasets?: string[]; link?: string },
): RowModel {
  rowNumber += 1;
  const epochRow = {
    row: rowNumber,
    name: model,
    link: fields.link ?? `https://example.org/${rowNumber}`,
    trainingHardware: fields.hardware ?? [],
    hardwareQuantity: fields.quantity ?? null,
    trainingDatasets: fields.datasets ?? [],
  } as unknown as EpochRow;
  return { row: epochRow, model: model.toLowerCase().replace(/[^a-z0-9]+/g, '-') };
}

const NONE = { hardware: [], dataset: [] };
const plan = (
  rows: RowModel[],
  existing: { hardware: GraphResource[]; dataset: GraphResource[] } = NONE,
  epochEdges: { hardware: TrainingKey[]; dataset: TrainingKey[] } = NONE,
) => planEpochTraining(rows, existing, epochEdges, SOURCE);

describe('reading the Training dataset cell', () => {
  it('splits on the commas outside parentheses only', () => {
    expect(splitList('BookCorpus (BooksCorpus, Toronto Book Corpus),Wikipedia')).toEqual([
      'BookCorpus (BooksCorpus, Toronto Book Corpus)',
      'Wikipedia',
    ]);
  });
});

describe('planning the hardware and datasets of the rows', () => {
  it('makes a Hardware node of a named chip, with the quantity on the edge', () => {
    const pangu = row('PanGu-α', { hardware: ['Huawei Ascend 910'], quantity: '512.0' });
    const { hardware, dataset } = plan([pangu]);
    expect(hardware.resources).toEqual([{ slug: 'huawei-ascend-910', name: 'Huawei Ascend 910', source: SOURCE }]);
    expect(hardware.edges).toEqual([
      { model: pangu.model, resource: 'huawei-ascend-910', quantity: 512, source: SOURCE, locator: pangu.row.link },
    ]);
    expect(hardware.unlink).toEqual([]);
    expect(dataset).toEqual({ resources: [], edges: [], unlink: [] });
  });

  it('puts the quantity on no edge when the row names several kinds of hardware', () => {
    const { hardware, report } = plan([row('Mixed', { hardware: ['NVIDIA A100', 'Google TPU v4'], quantity: '1024' })]);
    expect(hardware.edges.map((edge) => [edge.resource, edge.quantity])).toEqual([
      ['nvidia-a100', null],
      ['google-tpu-v4', null],
    ]);
    expect(report.quantitiesNotUsed).toBe(1);
    expect(report.unused).toEqual([]);
  });

  it('keeps the quantity of a row that names one kind of chip twice, in two spellings', () => {
    const { hardware, report } = plan([
      row('Twice', { hardware: ['NVIDIA A100 SXM4 80 GB', 'NVIDIA A100 SXM4 80GB'], quantity: '512' }),
    ]);
    expect(hardware.edges.map((edge) => [edge.resource, edge.quantity])).toEqual([['nvidia-a100-sxm4-80-gb', 512]]);
    expect(report.quantitiesNotUsed).toBe(0);
  });

  it('reports a quantity without hardware, and a second row giving another quantity of the same chip', () => {
    const alone = row('No chip', { quantity: '64' });
    const first = row('Two rows', { hardware: ['Google TPU v4'], quantity: '256' });
    const second = { ...row('Two rows', { hardware: ['Google TPU v4'], quantity: '512' }), model: first.model };
    const { hardware, report } = plan([alone, first, second]);
    expect(hardware.edges.map((edge) => [edge.model, edge.quantity])).toEqual([[first.model, 256]]);
    expect(report.unused).toEqual([
      { row: alone.row.row, model: 'No chip', text: '64', reason: 'Hardware quantity without Training hardware' },
      {
        row: second.row.row,
        model: 'Two rows',
        text: '512',
        reason: "another row of the model gives 256 chips of Google TPU v4 (the first row's is kept)",
      },
    ]);
  });

  it.each(['about 500', '0', '12.5'])('reports the quantity "%s", not a whole number of chips', (quantity) => {
    const only = row('Odd count', { hardware: ['Google TPU v3'], quantity });
    const { hardware, report } = plan([only]);
    expect(report.unused).toEqual([
      {
        row: only.row.row,
        model: 'Odd count',
        text: quantity,
        reason: 'Hardware quantity is not a whole number of chips',
      },
    ]);
    expect(hardware.edges).toEqual([
      { model: only.model, resource: 'google-tpu-v3', quantity: null, source: SOURCE, locator: only.row.link },
    ]);
    expect(report.quantitiesNotUsed).toBe(0);
  });

  it('makes one node of spellings that fold alike, named as most rows write it', () => {
    const rows = [
      row('Model A', { hardware: ['NVIDIA A100 SXM4 80GB'] }),
      row('Model B', { hardware: ['NVIDIA A100 SXM4 80 GB'] }),
      row('Model C', { hardware: ['NVIDIA A100 SXM4 80 GB'] }),
      row('Model D', { hardware: ['NVIDIA A100'] }),
    ];
    const { hardware } = plan(rows);
    expect(hardware.resources).toEqual([
      { slug: 'nvidia-a100', name: 'NVIDIA A100', source: SOURCE },
      { slug: 'nvidia-a100-sxm4-80-gb', name: 'NVIDIA A100 SXM4 80 GB', source: SOURCE },
    ]);
    expect(hardware.edges.map((edge) => [edge.model, edge.resource])).toEqual([
      ['model-a', 'nvidia-a100-sxm4-80-gb'],
      ['model-b', 'nvidia-a100-sxm4-80-gb'],
      ['model-c', 'nvidia-a100-sxm4-80-gb'],
      ['model-d', 'nvidia-a100'],
    ]);
    // The majority wins, not the first row nor the order of the spellings.
    const other = plan([
      row('Model A', { hardware: ['NVIDIA A100 SXM4 80 GB'] }),
      row('Model B', { hardware: ['NVIDIA A100 SXM4 80GB'] }),
      row('Model C', { hardware: ['NVIDIA A100 SXM4 80GB'] }),
    ]);
    expect(other.hardware.resources).toEqual([
      { slug: 'nvidia-a100-sxm4-80gb', name: 'NVIDIA A100 SXM4 80GB', source: SOURCE },
    ]);
  });

  it('reports the datasets that name no dataset and keeps the others of the row', () => {
    const only = row('Secret LM', { datasets: ['Common Crawl', 'Unspecified unreleased', 'Wikipedia'] });
    const { dataset, report } = plan([only]);
    expect(dataset.resources.map((resource) => resource.name)).toEqual(['Common Crawl', 'Wikipedia']);
    expect(dataset.edges.map((edge) => edge.resource)).toEqual(['common-crawl', 'wikipedia']);
    expect(report.unused).toEqual([
      { row: only.row.row, model: 'Secret LM', text: 'Unspecified unreleased', reason: 'names no dataset' },
    ]);
  });

  it("keeps the graph's slug of a resource it has, and numbers a new slug another resource has", () => {
    const existing = {
      hardware: [],
      dataset: [
        { slug: 'the-pile-v1', nameKey: normalizeName('The Pile') },
        { slug: 'c4', nameKey: 'colossalcleancrawledcorpus' },
      ],
    };
    expect(existing.dataset[0]?.nameKey).toBe('thepile');
    const { dataset } = plan([row('GPT-J', { datasets: ['The Pile', 'C4'] })], existing);
    expect(dataset.resources).toEqual([
      { slug: 'c4-2', name: 'C4', source: SOURCE },
      { slug: 'the-pile-v1', name: 'The Pile', source: SOURCE },
    ]);
    expect(dataset.edges.map((edge) => edge.resource)).toEqual(['the-pile-v1', 'c4-2']);
  });

  it("unlinks Epoch's earlier edges the rows no longer give, and only those", () => {
    const epochEdges = {
      hardware: [
        { model: 'gpt-3', resource: 'nvidia-v100' },
        { model: 'gpt-3', resource: 'google-tpu-v3' },
      ],
      dataset: [
        { model: 'gpt-3', resource: 'common-crawl' },
        { model: 'bert', resource: 'wikipedia' },
      ],
    };
    const { hardware, dataset } = plan(
      [row('GPT-3', { hardware: ['NVIDIA V100'], datasets: ['Common Crawl'] })],
      NONE,
      epochEdges,
    );
    expect(hardware.unlink).toEqual([{ model: 'gpt-3', resource: 'google-tpu-v3' }]);
    expect(dataset.unlink).toEqual([{ model: 'bert', resource: 'wikipedia' }]);
  });

  it('gives one edge for a model that names the same hardware twice', () => {
    const first = row('Twice', { hardware: ['Google TPU v4'], quantity: '2048' });
    const second = row('Twice', { hardware: ['Google TPU v4'], quantity: '4096' });
    const { hardware } = plan([first, second, row('Listed twice', { hardware: ['Google TPU v4', 'Google TPU v4'] })]);
    expect(hardware.resources).toHaveLength(1);
    expect(hardware.edges).toEqual([
      { model: 'twice', resource: 'google-tpu-v4', quantity: 2048, source: SOURCE, locator: first.row.link },
      { model: 'listed-twice', resource: 'google-tpu-v4', quantity: null, source: SOURCE, locator: expect.any(String) },
    ]);
  });

  it('plans the same rows alike, resources sorted by folded name', () => {
    const rows = () => [
      row('Zeta', { hardware: ['Huawei Ascend 910', 'AMD MI250X'], datasets: ['Wikipedia', 'arXiv', 'BookCorpus'] }),
      row('Alpha', { hardware: ['Cerebras CS-2'], datasets: ['The Pile'] }),
    ];
    rowNumber = 100;
    const once = plan(rows());
    rowNumber = 100;
    expect(plan(rows())).toEqual(once);
    expect(once.hardware.resources.map((resource) => resource.name)).toEqual([
      'AMD MI250X',
      'Cerebras CS-2',
      'Huawei Ascend 910',
    ]);
    expect(once.dataset.resources.map((resource) => resource.name)).toEqual([
      'arXiv',
      'BookCorpus',
      'The Pile',
      'Wikipedia',
    ]);
  });

  it('counts the hardware and datasets in the report', () => {
    const { report } = plan([
      row('One', { hardware: ['NVIDIA H100', 'NVIDIA H100 SXM5 80GB'], datasets: ['C4', 'Unspecified'] }),
      row('Two', { hardware: ['NVIDIA H100'], datasets: ['RefinedWeb', 'C4', 'Proprietary'] }),
    ]);
    expect(report.hardware).toBe(2);
    expect(report.datasets).toBe(2);
    expect(report.unused.map((unused) => unused.text)).toEqual(['Unspecified', 'Proprietary']);
  });
});
