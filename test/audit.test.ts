/**
 * The data-quality figures of the graph `npm start` builds (scripts/audit-figures.ts, printed by
 * `npm run audit:data`) may only get better: each count is held against the committed baseline
 * (seed/data/audit-baseline.json), and the invariants must be 0 whatever the data.
 *
 * A figure that went down is good news: `npm run audit:data -- --write-baseline` holds the gain.
 * A figure that goes up on purpose (new data with gaps) needs the same command and a reason in
 * the commit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AUDIT_FIGURE_NAMES,
  AUDIT_FIGURES,
  type AuditBaseline,
  type AuditFigures,
  auditFigures,
  auditImprovements,
  auditProblems,
  readBaseline,
} from '../scripts/audit-figures.js';
import type { TestDatabase } from './helpers/database.js';
import { createFullGraphDatabase } from './helpers/full-graph.js';

let db: TestDatabase;
let figures: AuditFigures;
let baseline: AuditBaseline;

beforeAll(async () => {
  // The graph npm start prepares (built once per run; on PostgreSQL, copied into a schema).
  db = await createFullGraphDatabase('audit');
  figures = await auditFigures(db.database);
  baseline = readBaseline();
});
afterAll(async () => {
  await db?.cleanup();
});

describe('data-quality figures of the full graph', () => {
  it('keeps the invariants at 0: preferred values from their claims, no unmarked speculation, no association walked', () => {
    const invariants = AUDIT_FIGURE_NAMES.filter((name) => AUDIT_FIGURES[name].invariant);
    expect(invariants).toEqual([
      'preferredValuesOffClaims',
      'claimsWithoutRankReason',
      'speculativePreferredUnmarked',
      'associationEdgesWalkedByDefault',
    ]);
    expect(
      invariants.flatMap((name) =>
        figures[name].count === 0
          ? []
          : [
              `${AUDIT_FIGURES[name].label} (${name}): ${figures[name].count}; e.g. ${figures[name].examples.join('; ')}`,
            ],
      ),
    ).toEqual([]);
  });

  it('is no worse than the committed baseline on any figure', () => {
    const better = auditImprovements(figures, baseline);
    if (better.length > 0) {
      console.info(
        `Better than seed/data/audit-baseline.json (npm run audit:data -- --write-baseline holds it):\n  ${better.join('\n  ')}`,
      );
    }
    // Each problem names the figure, the baseline, the count now and the worst examples.
    expect(auditProblems(figures, baseline)).toEqual([]);
  });

  it('names the figure, the baseline, the count now and the examples of a figure that got worse', () => {
    const name = AUDIT_FIGURE_NAMES.find(
      (candidate) => !AUDIT_FIGURES[candidate].invariant && figures[candidate].count > 0,
    );
    if (!name) return;
    const { count, examples } = figures[name];
    const now = Object.fromEntries(AUDIT_FIGURE_NAMES.map((figure) => [figure, figures[figure].count]));
    expect(auditProblems(figures, { ...now, [name]: count - 1 })).toEqual([
      `${AUDIT_FIGURES[name].label} (${name}): worse than the baseline ${count - 1}, is ${count}; e.g. ${examples.join('; ')}`,
    ]);
  });

  it('has a baseline for every figure, and for nothing else', () => {
    expect(Object.keys(baseline).sort()).toEqual([...AUDIT_FIGURE_NAMES].sort());
  });

  it('gives at most ten examples per figure, one for each item up to ten', () => {
    for (const name of AUDIT_FIGURE_NAMES) {
      const { count, examples } = figures[name];
      expect({ name, examples: examples.length }).toEqual({ name, examples: Math.min(count, 10) });
    }
  });
});
