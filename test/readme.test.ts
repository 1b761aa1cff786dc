/**
 * The README's examples are exactly what the server answers: every ```graphql block followed by
 * a ```json block runs over HTTP on a database prepared as `npm start` prepares it (the note,
 * the curated data and Epoch AI's snapshot), and its `data` must equal that JSON.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  it('finds the five examples with their answers', () => {
    expect(examples.map((example) => example.title)).toEqual([
      "Which articles cover Baidu's models, and which of Baidu's models does each cover?",
      "ChatGPT's lineage back to GPT-1",
      'Models over 100B parameters from Chinese organizations, largest first',
      'Where do the sources disagree?',
      'Search',
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
