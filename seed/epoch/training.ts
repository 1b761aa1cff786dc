/**
 * What Epoch's rows say their models were trained on, as nodes and edges: `Training hardware`
 * (69 names in the January 2026 file, written consistently: each becomes a Hardware node) with
 * `Hardware quantity` on the edge when the row names one kind of chip, and `Training dataset`
 * (each name a Dataset node). Two spellings that fold alike ("NVIDIA A100 SXM4 80 GB" and "NVIDIA
 * A100 SXM4 80GB") are one node, named as most rows write it; names that differ otherwise stay
 * apart ("NVIDIA A100" is not "NVIDIA A100 SXM4 80 GB": the file does not say which A100).
 * "Unspecified unreleased" (157 rows) and "Unspecified" name no dataset: reported, with every other
 * thing not used, by row.
 *
 * Pure: rows in, the write layer's inputs out (applied by ./import.ts).
 */
import { createHash } from 'node:crypto';
import { compareText, normalizeName, slugify } from '../../src/domain/normalize.js';
import type { TrainingInput, TrainingKey, TrainingKind, TrainingResourceInput } from '../../src/graph/index.js';
import type { RowModel } from './articles.js';
import { parseExactInteger } from './csv.js';

/** A hardware or dataset of the graph, as the plan needs it. */
export type GraphResource = Readonly<{ slug: string; nameKey: string }>;

/** Something of a row not used, and why. */
export type UnusedTraining = Readonly<{ row: number; model: string; text: string; reason: string }>;

export type EpochTrainingPlan = Record<
  TrainingKind,
  {
    resources: TrainingResourceInput[];
    edges: TrainingInput[];
    /** Epoch's edges a newer snapshot no longer gives. */
    unlink: TrainingKey[];
  }
> & {
  report: {
    hardware: number;
    datasets: number;
    /** Rows with a quantity of chips but several kinds of hardware: the quantity is on none. */
    quantitiesNotUsed: number;
    unused: UnusedTraining[];
  };
};

/** Dataset names that name no dataset. */
const NOT_A_DATASET = new Set(['unspecifiedunreleased', 'unspecified', 'unreleased', 'unknown', 'proprietary']);

/**
 * Plans the hardware and datasets of the rows. `existing` are the graph's (by kind), to keep
 * their slugs; `epochEdges` are the edges Epoch gave before (by kind), to drop those it no longer
 * gives. `source` is the slug the nodes and edges are cited to.
 */
export function planEpochTraining(
  rows: readonly RowModel[],
  existing: Readonly<Record<TrainingKind, readonly GraphResource[]>>,
  epochEdges: Readonly<Record<TrainingKind, readonly TrainingKey[]>>,
  source: string,
): EpochTrainingPlan {
  const report: EpochTrainingPlan['report'] = { hardware: 0, datasets: 0, quantitiesNotUsed: 0, unused: [] };
  const plan = (kind: TrainingKind) => {
    const slugOfKey = new Map(existing[kind].map((resource) => [resource.nameKey, resource.slug]));
    const taken = new Set(existing[kind].map((resource) => resource.slug));
    const spellings = new Map<string, Map<string, number>>();
    const edges: TrainingInput[] = [];
    const seen = new Map<string, TrainingInput>();
    for (const { row, model } of rows) {
      const names = kind === 'hardware' ? row.trainingHardware : row.trainingDatasets;
      let quantity: number | null = null;
      if (kind === 'hardware' && row.hardwareQuantity) {
        const parsed = parseExactInteger(row.hardwareQuantity);
        if (!parsed || parsed.rounded || parsed.value <= 0n || parsed.value > 10_000_000n)
          report.unused.push({
            row: row.row,
            model: row.name,
            text: row.hardwareQuantity,
            reason: 'Hardware quantity is not a whole number of chips',
          });
        else {
          // The quantity is of the row's one kind of chip (two spellings of one are one kind).
          const kinds = new Set(names.map(normalizeName).filter((key) => key !== ''));
          if (kinds.size === 1) quantity = Number(parsed.value);
          else if (kinds.size > 1) report.quantitiesNotUsed += 1;
          else
            report.unused.push({
              row: row.row,
              model: row.name,
              text: row.hardwareQuantity,
              reason: 'Hardware quantity without Training hardware',
            });
        }
      }
      for (const name of names) {
        const key = normalizeName(name);
        if (key === '' || (kind === 'dataset' && NOT_A_DATASET.has(key))) {
          report.unused.push({
            row: row.row,
            model: row.name,
            text: name,
            reason: kind === 'dataset' ? 'names no dataset' : 'names no hardware',
          });
          continue;
        }
        const counts = spellings.get(key) ?? new Map<string, number>();
        counts.set(name, (counts.get(name) ?? 0) + 1);
        spellings.set(key, counts);
        const earlier = seen.get(`${model} ${key}`);
        if (earlier) {
          if (quantity !== null && earlier.quantity !== quantity)
            report.unused.push({
              row: row.row,
              model: row.name,
              text: String(quantity),
              reason: `another row of the model gives ${earlier.quantity ?? 'no'} chips of ${name} (the first row's is kept)`,
            });
          continue;
        }
        const edge = { model, resource: key, quantity, source, locator: row.link };
        seen.set(`${model} ${key}`, edge);
        edges.push(edge);
      }
    }
    // Nodes: a name the graph has keeps its slug; a new one takes its name's.
    const resources: TrainingResourceInput[] = [];
    for (const [key, counts] of [...spellings].sort((a, b) => compareText(a[0], b[0]))) {
      const name = [...counts].sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]))[0]?.[0] as string;
      let slug = slugOfKey.get(key);
      if (!slug) {
        const base = slugify(name) || `${kind}-${createHash('sha256').update(key).digest('hex').slice(0, 8)}`;
        slug = base;
        for (let n = 2; taken.has(slug); n += 1) slug = `${base}-${n}`;
        taken.add(slug);
        slugOfKey.set(key, slug);
      }
      resources.push({ slug, name, source });
    }
    const planned = edges.map((edge) => ({ ...edge, resource: slugOfKey.get(edge.resource) as string }));
    const given = new Set(planned.map((edge) => `${edge.model} ${edge.resource}`));
    const unlink = epochEdges[kind].filter((edge) => !given.has(`${edge.model} ${edge.resource}`));
    return { resources, edges: planned, unlink };
  };
  const hardware = plan('hardware');
  const dataset = plan('dataset');
  report.hardware = hardware.resources.length;
  report.datasets = dataset.resources.length;
  return { hardware, dataset, report };
}
