/**
 * Issue 14, exports: the graph `npm start` builds, written by `npm run export` in JSON-LD, CSV and
 * GraphML and served at `GET /export/...`. Each format is read back with a library made for it
 * (jsonld.js expands the document, csv-parse reads the tables, fast-xml-parser validates and
 * reads the GraphML) and counted against the database; the licences and snapshot dates of the
 * sources travel with every format; the server and the command write the same bytes.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse as parseCsv } from 'csv-parse/sync';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import jsonld from 'jsonld';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableToCsv, toGraphMl } from '../src/export/formats.js';
import { fromJsonLd } from '../src/export/jsonld.js';
import { type GraphTables, readGraphTables } from '../src/export/tables.js';
import { EXAMPLE_OPERATIONS } from '../src/graphiql-examples.js';
import { createTestDatabase, TEST_DATABASE } from './helpers/database.js';
import { startFullGraphServer } from './helpers/full-graph.js';
import { serveTestDatabase, type TestServer } from './helpers/server.js';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..');

let server: TestServer;
let out: string;
beforeAll(async () => {
  server = await startFullGraphServer('export');
  out = mkdtempSync(join(tmpdir(), 'llm-atlas-export-'));
  // The command line, as a user runs it, on the test's database file.
  for (const format of ['jsonld', 'csv', 'graphml'])
    await run(
      process.execPath,
      ['scripts/run.mjs', 'scripts/export.ts', '--format', format, '--out', join(out, format)],
      {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: server.databaseUrl, INIT_CWD: ROOT },
      },
    );
}, 180_000);
afterAll(async () => {
  await server?.close();
  if (out) rmSync(out, { recursive: true, force: true });
});

const file = (format: string, name: string) => readFileSync(join(out, format, name), 'utf8');

describe('the writers, on text that needs care', () => {
  it('quote CSV fields with commas, quotes and line breaks, and leave others bare', () => {
    const table = {
      name: 't',
      description: '',
      columns: ['a', 'b', 'c'],
      rows: [
        ['x, y', 'say "hi"', 'one\ntwo'],
        [null, 3, true],
      ],
    };
    expect(tableToCsv(table)).toBe('a,b,c\r\n"x, y","say ""hi""","one\ntwo"\r\n,3,true\r\n');
  });

  it('escape GraphML text and drop the control characters XML cannot hold', () => {
    const empty = (name: string, columns: string[]) => ({ name, description: '', columns, rows: [] });
    const tables: GraphTables = {
      exportedAt: '2026-01-26T00:00:00.000Z',
      sources: [],
      tables: [
        { name: 'models', description: '', columns: ['slug', 'name'], rows: [['a', 'A <b> & "c"\u0001\u0007 d']] },
        ...['organizations', 'topics', 'people', 'hardware', 'datasets'].map((name) =>
          empty(name, ['slug', 'name', 'parent']),
        ),
        empty('articles', ['url', 'title']),
        ...['developers', 'lineage', 'model-topics', 'coverage', 'authors', 'training'].map((name) => empty(name, [])),
      ],
    };
    const text = toGraphMl(tables);
    expect(XMLValidator.validate(text)).toBe(true);
    expect(text).toContain('<data key="label">A &lt;b&gt; &amp; &quot;c&quot; d</data>');
  });
});

describe('CSV', () => {
  it('writes a table per kind of entity, edge and claim, with as many rows as the database', async () => {
    const names = readdirSync(join(out, 'csv')).sort();
    expect(names).toContain('LICENSES.md');
    const rows = (name: string) => parseCsv(file('csv', `${name}.csv`), { columns: true }) as Record<string, string>[];
    const prisma = server.prisma;
    expect(rows('models')).toHaveLength(await prisma.model.count());
    expect(rows('organizations')).toHaveLength(await prisma.organization.count());
    expect(rows('articles')).toHaveLength(await prisma.article.count());
    expect(rows('people')).toHaveLength(await prisma.person.count());
    expect(rows('authors')).toHaveLength(await prisma.articleAuthor.count());
    expect(rows('model-claims')).toHaveLength(await prisma.claim.count());
    expect(rows('lineage')).toHaveLength(await prisma.modelLineage.count());
    expect(rows('training')).toHaveLength((await prisma.modelHardware.count()) + (await prisma.modelDataset.count()));
    // A claim names its model and source by slug; text with commas, quotes and Chinese survives.
    const ernie = rows('model-claims').filter(
      (claim) => claim.model === 'ernie-3-0' && claim.property === 'PARAMETERS',
    );
    expect(ernie.map((claim) => [claim.source, claim.value]).sort()).toEqual([
      ['arxiv-2107-02137', '10000000000'],
      ['epoch-notable-ai-models', '10000000000'],
      ['user-note', '260000000000'],
    ]);
    const wudao = rows('models').find((model) => model.slug === 'wudao-2-0');
    expect(wudao?.nameZh).toBe('悟道2.0');
  });
});

describe('JSON-LD', () => {
  it('expands with schema.org terms, Wikidata items as sameAs, and every node of the graph', async () => {
    const document = JSON.parse(file('jsonld', 'llm-atlas.jsonld'));
    const expanded = await jsonld.expand(document);
    const nodes = (expanded[0]?.['@graph'] as { '@id': string; '@type'?: string[] }[]) ?? [];
    const ofType = (type: string) => nodes.filter((node) => node['@type']?.includes(`https://schema.org/${type}`));
    expect(ofType('SoftwareApplication')).toHaveLength(await server.prisma.model.count());
    expect(ofType('Organization')).toHaveLength(await server.prisma.organization.count());
    expect(ofType('Person')).toHaveLength(await server.prisma.person.count());
    const chatgpt = nodes.find((node) => node['@id'] === 'urn:llm-atlas:model:chatgpt') as Record<string, unknown>;
    expect(chatgpt['https://schema.org/name']).toEqual([{ '@value': 'ChatGPT' }]);
    expect(chatgpt['https://schema.org/creator']).toEqual([{ '@id': 'urn:llm-atlas:organization:openai' }]);
    const withWikidata = await server.prisma.model.count({ where: { wikidataId: { not: null } } });
    const sameAs = nodes.filter((node) =>
      (node['https://schema.org/sameAs' as never] as { '@id': string }[] | undefined)?.some((item) =>
        item['@id'].startsWith('http://www.wikidata.org/entity/Q'),
      ),
    );
    expect(sameAs.length).toBeGreaterThanOrEqual(withWikidata);
    // An article's authors stay in their order.
    const instruct = nodes.find((node) => node['@id'] === 'https://arxiv.org/abs/2203.02155') as Record<
      string,
      unknown
    >;
    const authors = (instruct['https://schema.org/author'] as { '@list': { '@id': string }[] }[])[0]?.['@list'];
    expect(authors?.[0]).toEqual({ '@id': 'urn:llm-atlas:person:long-ouyang' });
  });
});

describe('GraphML', () => {
  it('is well-formed GraphML with a node per entity and an edge per link', async () => {
    const text = file('graphml', 'llm-atlas.graphml');
    expect(XMLValidator.validate(text)).toBe(true);
    const graph = new XMLParser({ ignoreAttributes: false }).parse(text).graphml.graph;
    const prisma = server.prisma;
    const entities =
      (await prisma.model.count()) +
      (await prisma.organization.count()) +
      (await prisma.topic.count()) +
      (await prisma.person.count()) +
      (await prisma.hardware.count()) +
      (await prisma.dataset.count()) +
      (await prisma.article.count());
    expect(graph.node).toHaveLength(entities);
    const links =
      (await prisma.modelDeveloper.count()) +
      (await prisma.modelLineage.count()) +
      (await prisma.modelTopic.count()) +
      (await prisma.articleModel.count()) +
      (await prisma.articleOrganization.count()) +
      (await prisma.articleTopic.count()) +
      (await prisma.articleAuthor.count()) +
      (await prisma.modelHardware.count()) +
      (await prisma.modelDataset.count()) +
      (await prisma.organization.count({ where: { parentId: { not: null } } }));
    expect(graph.edge).toHaveLength(links);
    const ids = new Set(graph.node.map((node: Record<string, string>) => node['@_id']));
    for (const edge of graph.edge) {
      expect(ids.has(edge['@_source'])).toBe(true);
      expect(ids.has(edge['@_target'])).toBe(true);
    }
  });
});

describe('licences and the server', () => {
  it("carry every source's licence, attribution and snapshot date in every format", async () => {
    const epoch = await server.prisma.source.findUniqueOrThrow({ where: { slug: 'epoch-notable-ai-models' } });
    for (const format of ['csv', 'jsonld', 'graphml']) {
      const licences = file(format, 'LICENSES.md');
      expect(licences).toContain('CC BY 4.0');
      expect(licences).toContain(epoch.attribution as string);
      expect(licences).toContain(`Snapshot: ${epoch.snapshotDate?.toISOString().slice(0, 10)}`);
    }
    expect(file('jsonld', 'llm-atlas.jsonld')).toContain(epoch.attribution as string);
    expect(file('graphml', 'llm-atlas.graphml')).toContain('CC BY 4.0');
  });

  it('serves the same files at GET /export, listed there, and refuses what is not one', async () => {
    const index = (await (await fetch(`${server.url}/export`)).json()) as {
      files: { path: string; contentType: string; bytes: number }[];
    };
    const paths = index.files.map((entry) => entry.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/export/llm-atlas.jsonld',
        '/export/llm-atlas.graphml',
        '/export/csv/models.csv',
        '/export/LICENSES.md',
      ]),
    );
    const base = server.url;
    const served = await fetch(`${base}/export/llm-atlas.jsonld`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('application/ld+json; charset=utf-8');
    expect(await served.text()).toBe(file('jsonld', 'llm-atlas.jsonld'));
    expect(await (await fetch(`${base}/export/csv/models.csv`)).text()).toBe(file('csv', 'models.csv'));
    const missing = await fetch(`${base}/export/secrets.txt`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    expect((await fetch(`${base}/export/llm-atlas.jsonld`, { method: 'POST' })).status).toBe(405);
  });

  it('fails with one line when the folder cannot be written or the format is unknown', async () => {
    const failed = (args: string[]) =>
      run(process.execPath, ['scripts/run.mjs', 'scripts/export.ts', ...args], {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: server.databaseUrl, INIT_CWD: ROOT },
      }).then(
        () => '',
        (error: { stderr: string }) => error.stderr.trim(),
      );
    expect(await failed(['--format', 'rdf', '--out', out])).toBe(
      'export: usage: npm run export -- --format jsonld|csv|graphml --out <dir>',
    );
    // A file where the folder should be.
    const blocked = join(out, 'csv', 'models.csv', 'inside');
    expect(await failed(['--format', 'csv', '--out', blocked])).toBe(
      `export: cannot write into ${blocked}: it is not a folder this user can write`,
    );
  });
});

/** Each table's rows as sorted JSON lines: the same graph gives the same lines, whatever its database ids. */
function rowsOf(tables: GraphTables): Record<string, string[]> {
  return Object.fromEntries(
    tables.tables.map((table) => [table.name, table.rows.map((row) => JSON.stringify(row)).sort()]),
  );
}

describe('the JSON-LD round trip', () => {
  const importJsonLd = (file: string, databaseUrl: string, ...extra: string[]) =>
    run(process.execPath, ['scripts/run.mjs', 'scripts/import-jsonld.ts', '--file', file, ...extra], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl, INIT_CWD: ROOT },
    }).then(
      ({ stdout }) => ({ code: 0, stdout, stderr: '' }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );

  it('is lossless: the document holds every row of every table', async () => {
    const original = await readGraphTables(server.prisma);
    const read = fromJsonLd(JSON.parse(file('jsonld', 'llm-atlas.jsonld')));
    expect(read.exportedAt).toBe(original.exportedAt);
    expect(rowsOf(read)).toEqual(rowsOf(original));
    // Not a vacuous check: every table of the graph `npm start` builds has rows.
    for (const table of original.tables) expect(table.rows.length, table.name).toBeGreaterThan(0);
  });

  it('imported into an empty database, gives the same graph: every table, and every example answer', async () => {
    const restored = await createTestDatabase('export-restored');
    const copy = await serveTestDatabase(restored);
    try {
      const imported = await importJsonLd(join(out, 'jsonld', 'llm-atlas.jsonld'), restored.databaseUrl);
      expect(imported.stderr).toBe('');
      expect(imported.stdout).toMatch(/^Imported .* in [\d.]+ s:\n {2}sources: 51\n/);
      expect(rowsOf(await readGraphTables(copy.prisma))).toEqual(rowsOf(await readGraphTables(server.prisma)));

      const names = [...EXAMPLE_OPERATIONS.matchAll(/^query (\w+)/gm)].map((match) => match[1] as string);
      expect(names.length).toBeGreaterThanOrEqual(10);
      for (const operationName of names) {
        const [before, after] = await Promise.all(
          [server, copy].map((each) => each.graphql(EXAMPLE_OPERATIONS, undefined, { operationName })),
        );
        expect(before?.body.errors, operationName).toBeUndefined();
        expect(after?.body, operationName).toEqual(before?.body);
      }

      // A second import would merge two graphs: refused, and nothing written.
      const models = await copy.prisma.model.count();
      const again = await importJsonLd(join(out, 'jsonld', 'llm-atlas.jsonld'), restored.databaseUrl);
      expect(again.code).toBe(1);
      expect(again.stderr.trim()).toMatch(
        /^import:jsonld: the graph is not empty \(51 sources, .*\): import into a new database/,
      );
      expect(await copy.prisma.model.count()).toBe(models);
    } finally {
      await copy.close();
    }
  }, 180_000);

  // Into new SQLite files in either project: run once, on SQLite.
  it.skipIf(TEST_DATABASE !== 'sqlite')(
    'refuses what is not a whole export with one line naming the node, and writes nothing',
    async () => {
      const document = JSON.parse(file('jsonld', 'llm-atlas.jsonld'));
      const model = document['@graph'].find((node: { '@type': string }) => node['@type'] === 'SoftwareApplication');
      delete model.name;
      const cases: [string, string, RegExp][] = [
        ['not-json.jsonld', '{"@context": ', /is not a JSON file/],
        [
          'other.jsonld',
          JSON.stringify({ '@context': 'https://schema.org/', '@graph': [] }),
          /does not use the @context of an llm-atlas export/,
        ],
        [
          'nameless.jsonld',
          JSON.stringify(document),
          new RegExp(`@graph\\[\\d+\\] \\(${model['@id']}\\): name of a models row is missing`),
        ],
      ];
      for (const [name, text, message] of cases) {
        const path = join(out, name);
        writeFileSync(path, text);
        const target = join(out, `${name}.db`);
        const result = await importJsonLd(path, `file:${target}`, '--create');
        expect(result.code, name).toBe(1);
        expect(result.stderr.trim().split('\n'), name).toHaveLength(1);
        expect(result.stderr, name).toMatch(message);
        expect(existsSync(target), name).toBe(false);
      }
    },
    120_000,
  );
});
