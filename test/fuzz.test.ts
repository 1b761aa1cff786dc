/**
 * A fixed, small fuzz run over real HTTP (test/helpers/fuzz.ts; `npm run fuzz` runs larger ones):
 * operations generated from schema.graphql with random arguments, mutated documents and hostile
 * requests against a server over the seeded test graph. No answer may be a 5xx, leak internals,
 * carry an error without a code, or take longer than its budget.
 *
 * The defects it found (codeless errors of nested connections, variables and missing root types,
 * invalid cursors accepted, a parser stack overflow, an unused planned query) are fixed; their
 * smallest documents are cases of test/hardening.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAnswer, formatFinding, runFuzz, send } from './helpers/fuzz.js';
import { startTestServer, type TestServer } from './helpers/server.js';

/** The fixed run: change the seed only to widen what `npm test` covers, and say so. */
const SEED = 20261202;
const RUNS = 200;
const BUDGET_MS = 2000;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer('fuzz');
});
afterAll(async () => {
  await server?.close();
});

describe(`fuzz: ${RUNS} requests, seed ${SEED}`, () => {
  it('never answers 5xx, never leaks, gives every error a code, answers within the budget', async () => {
    // One request first, so that the first case is not charged for compiling the server's code.
    await send(server.url, { query: '{ __typename }', accept: 'application/json' }, 30_000);
    const report = await runFuzz({ url: server.url, seed: SEED, runs: RUNS, budgetMs: BUDGET_MS });
    console.info(
      `fuzz seed ${SEED}: ${report.runs} requests (${report.kinds.generated} generated, ${report.kinds.mutated} mutated, ` +
        `${report.kinds.hostile} hostile), statuses ${JSON.stringify(report.statuses)}, slowest ${Math.round(report.slowestMs)} ms`,
    );
    // The run must exercise all three kinds, and most requests must get past parsing.
    expect(report.runs).toBe(RUNS);
    expect(Math.min(report.kinds.generated, report.kinds.mutated, report.kinds.hostile)).toBeGreaterThan(10);
    expect(report.statuses[200] ?? 0).toBeGreaterThan(RUNS / 2);
    // A failure prints the seed and case of each finding, and the command that replays it.
    expect(report.findings.map(formatFinding)).toEqual([]);
  });

  it('checks what it claims to: a leak, a codeless error, a 5xx and a slow answer are findings', () => {
    expect(checkAnswer({ status: 200, ms: 5, text: '{"data":{"a":1}}' }, 2000)).toEqual([]);
    expect(
      checkAnswer({ status: 500, ms: 5, text: '{"errors":[{"message":"x","extensions":{"code":"X"}}]}' }, 2000),
    ).toEqual(['status 500']);
    expect(checkAnswer({ status: 200, ms: 2500, text: '{"data":null}' }, 2000)).toEqual([
      'took 2500 ms (budget 2000 ms)',
    ]);
    expect(checkAnswer({ status: 400, ms: 5, text: '{"errors":[{"message":"bad"}]}' }, 2000)).toEqual([
      'error without a code: "bad"',
    ]);
    const leak = checkAnswer(
      {
        status: 200,
        ms: 5,
        text: JSON.stringify({
          errors: [
            {
              message: 'Invalid `prisma.model.findMany()` invocation in\n/work/src/x.ts:3:4',
              extensions: { code: 'X' },
            },
          ],
        }),
      },
      2000,
    );
    expect(leak.join('\n')).toMatch(/names Prisma[\s\S]*carries a Prisma invocation[\s\S]*carries a file path/);
    expect(checkAnswer({ status: 200, ms: 5, text: '{"data":{}}' }, 2000, true)).toEqual([
      'accepted what it must refuse (no error)',
    ]);
  });
});
