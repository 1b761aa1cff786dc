/**
 * The README's examples are exactly what the server answers: every ```graphql block followed by
 * a ```json block runs over HTTP on a database prepared as `npm start` prepares it (the note,
 * the curated data and Epoch AI's snapshot), and its `data` must equal that JSON.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../src/auth/tokens.js';
import { startFullGraphServer } from './helpers/full-graph.js';
import type { TestServer } from './helpers/server.js';

type Example = { title: string; line: number; query: string; answer: unknown };

/** Each ```graphql block immediately followed (blank lines aside) by a ```json block. */
function readExamples(markdown: string): Example[] {
  const block = /^```graphql\n([\s\S]*?)^```\n\s*^```json\n([\s\S]*?)^```$/gm;
  return [...markdown.matchAll(block)].map((match) => {
    const before = markdown.slice(0, match.index);
    const line = before.split('\n').length;
    // The bold question above the block names the test.
    const title = [...before.matchAll(/^\*\*(.+?)\*\*/gm)].at(-1)?.[1] ?? `block at line ${line}`;
    return { title, line, query: match[1] as string, answer: JSON.parse(match[2] as string) };
  });
}

const README = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');
const examples = readExamples(README);

let server: TestServer;
beforeAll(async () => {
  server = await startFullGraphServer('readme');
});
afterAll(async () => {
  await server?.close();
});

describe('README: questions, one request each', () => {
  it('finds the nine examples with their answers', () => {
    expect(examples.map((example) => example.title)).toEqual([
      "Which articles cover Baidu's models, and which models does each cover?",
      "ChatGPT's lineage back to GPT-1",
      'Models over 100B parameters from Chinese organizations, largest first',
      'Where do the sources disagree?',
      'Search',
      'Who co-authored papers on both GPT-3 and InstructGPT?',
      'Which people wrote papers on Chinese models over 100B?',
      'Who wrote a paper, in its order',
      'Which models were trained on Ascend 910?',
    ]);
  });

  for (const { title, line, query, answer } of examples) {
    it(`${title} (README.md line ${line})`, async () => {
      const { status, body } = await server.graphql(query);
      expect(body).toEqual({ data: answer });
      expect(status).toBe(200);
    });
  }
});

describe('README: editing the graph', () => {
  it('the feeding script runs as shown: the articles are added, then found unchanged', async () => {
    const script =
      /\*\*Feeding the graph from a script\.\*\*[\s\S]*?^```js\n([\s\S]*?)^```\n```text\n([\s\S]*?)^```/m.exec(README);
    expect(script).not.toBeNull();
    const [, code, transcript] = script as unknown as [string, string, string];
    const articles = /where `articles.json` is a list such as `([\s\S]*?)` \(the kind/.exec(README)?.[1] ?? '';
    const folder = mkdtempSync(join(tmpdir(), 'llm-atlas-readme-script-'));
    try {
      writeFileSync(join(folder, 'add-articles.mjs'), code);
      writeFileSync(join(folder, 'articles.json'), articles.replace(/\n/g, ' '));
      const { token } = await createToken(server.prisma, { name: 'readme', role: 'EDITOR' });
      // Asynchronously: the server answering the script runs in this process.
      const run = () =>
        new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
          execFile(
            process.execPath,
            ['add-articles.mjs', 'articles.json'],
            { cwd: folder, env: { ...process.env, ATLAS_URL: `${server.url}/graphql`, ATLAS_TOKEN: token } },
            (error, stdout, stderr) => resolve({ status: error ? (error.code as number) : 0, stdout, stderr }),
          );
        });
      // The README's transcript adds two articles; its example list holds one: the counts follow the list.
      const expected = transcript
        .split('\n')
        .filter((line) => line.startsWith('articles '))
        .map((line) => line.replace('1-2', '1-1').replace(/\b2 (created|unchanged)/, '1 $1'));
      expect(await run()).toEqual({ status: 0, stdout: `${expected[0]}\n`, stderr: '' });
      expect(await run()).toEqual({ status: 0, stdout: `${expected[1]}\n`, stderr: '' });
      const { body } = await server.graphql<{ model: { articles: { edges: { node: { url: string } }[] } } }>(
        '{ model(slug: "gpt-2") { articles { edges { node { url } } } } }',
      );
      expect(body.data?.model.articles.edges.map((edge) => edge.node.url)).toContain(
        'https://jalammar.github.io/illustrated-gpt2/',
      );
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }, 30_000);
});
