/**
 * The graph in the formats others' tools read, from its tables (./tables.ts):
 *
 * - **CSV**: one file per table (RFC 4180: a header, fields quoted when they hold a comma, quote
 *   or line break), and `LICENSES.md` naming every source with its licence, attribution and
 *   snapshot date.
 * - **JSON-LD**: one document, schema.org terms where they fit (Organization, SoftwareApplication
 *   for models, ScholarlyArticle/Article, Person, DefinedTerm, Dataset) and `atlas:` terms for the
 *   rest (claims with their source and rank, lineage by kind); Wikidata items as `sameAs`.
 * - **GraphML**: models, organizations, articles, topics, people, hardware and datasets as nodes,
 *   every link as an edge with its kind, for Gephi, Cytoscape and yEd.
 *
 * Every export carries the licences and attributions of the sources it includes and their
 * snapshot dates.
 */
import { id, records, toJsonLd } from './jsonld.js';
import { type Cell, type GraphTables, type Table, tableNamed } from './tables.js';

export { ID_BASE, toJsonLd } from './jsonld.js';

export type ExportFormat = 'jsonld' | 'csv' | 'graphml';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['jsonld', 'csv', 'graphml'];

/** An exported file: its name and text. */
export type ExportFile = Readonly<{ name: string; contentType: string; text: string }>;

// --- CSV ---------------------------------------------------------------------------------------

function csvField(cell: Cell): string {
  if (cell === null) return '';
  const text = String(cell);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One table as CSV text (a header line, then a line per row, CRLF as RFC 4180 says). */
export function tableToCsv(table: Table): string {
  return `${[table.columns, ...table.rows].map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/** The licences and attributions of the sources an export includes, as Markdown. */
export function licensesMarkdown(tables: GraphTables): string {
  const lines = [
    '# Sources, licences and attributions',
    '',
    `Exported from llm-atlas as of ${tables.exportedAt} (its latest change). Every fact cites one of these sources (its slug);`,
    'show the attribution a source asks for wherever its data is shown.',
    '',
  ];
  for (const source of tables.sources) {
    lines.push(`## ${source.title} (\`${source.slug}\`)`, '');
    if (source.url) lines.push(`- URL: ${source.url}`);
    lines.push(`- Licence: ${source.license ?? 'not stated'}`);
    if (source.attribution) lines.push(`- Attribution: ${source.attribution}`);
    if (source.snapshotDate) lines.push(`- Snapshot: ${source.snapshotDate}`);
    lines.push('');
  }
  return lines.join('\n');
}

export function csvFiles(tables: GraphTables): ExportFile[] {
  return [
    ...tables.tables.map((table) => ({
      name: `${table.name}.csv`,
      contentType: 'text/csv; charset=utf-8',
      text: tableToCsv(table),
    })),
    { name: 'LICENSES.md', contentType: 'text/markdown; charset=utf-8', text: licensesMarkdown(tables) },
  ];
}

// --- GraphML -----------------------------------------------------------------------------------

const xml = (text: string) =>
  text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    // Control characters XML 1.0 cannot hold at all (tab, line feed and carriage return it can).
    .split('')
    .filter((char) => char >= ' ' || char === '\t' || char === '\n' || char === '\r')
    .join('');

/** The graph as GraphML (see the module comment). */
export function toGraphMl(tables: GraphTables): string {
  const nodeLines: string[] = [];
  const edgeLines: string[] = [];
  const node = (kind: string, key: string, label: string) =>
    nodeLines.push(
      `    <node id="${xml(id(kind, key))}"><data key="type">${kind}</data><data key="key">${xml(key)}</data><data key="label">${xml(label)}</data></node>`,
    );
  let edges = 0;
  const edge = (from: string, to: string, kind: string, extra = '') => {
    edges += 1;
    edgeLines.push(
      `    <edge id="e${edges}" source="${xml(from)}" target="${xml(to)}"><data key="kind">${xml(kind)}</data>${extra}</edge>`,
    );
  };
  for (const [table, kind, key, label] of [
    ['organizations', 'organization', 'slug', 'name'],
    ['models', 'model', 'slug', 'name'],
    ['topics', 'topic', 'slug', 'name'],
    ['people', 'person', 'slug', 'name'],
    ['hardware', 'hardware', 'slug', 'name'],
    ['datasets', 'dataset', 'slug', 'name'],
    ['articles', 'article', 'url', 'title'],
  ] as const)
    for (const row of records(tableNamed(tables, table))) node(kind, String(row[key]), String(row[label]));
  for (const row of records(tableNamed(tables, 'developers')))
    edge(id('organization', String(row.organization)), id('model', String(row.model)), 'DEVELOPED');
  for (const row of records(tableNamed(tables, 'lineage')))
    edge(id('model', String(row.parent)), id('model', String(row.child)), String(row.kind));
  for (const row of records(tableNamed(tables, 'model-topics')))
    edge(id('model', String(row.model)), id('topic', String(row.topic)), 'IN_TOPIC');
  for (const row of records(tableNamed(tables, 'coverage')))
    edge(
      id('article', String(row.article)),
      id(String(row.target), String(row.slug)),
      'COVERS',
      `<data key="relevance">${row.relevance}</data>`,
    );
  for (const row of records(tableNamed(tables, 'authors')))
    edge(
      id('person', String(row.person)),
      id('article', String(row.article)),
      'WROTE',
      `<data key="position">${row.position}</data>`,
    );
  for (const row of records(tableNamed(tables, 'training')))
    edge(id('model', String(row.model)), id(String(row.kind), String(row.slug)), 'TRAINED_ON');
  for (const row of records(tableNamed(tables, 'organizations')))
    if (row.parent !== null)
      edge(id('organization', String(row.slug)), id('organization', String(row.parent)), 'PART_OF');
  const sources = tables.sources
    .map(
      (source) =>
        `${source.title} (${source.slug}): ${source.license ?? 'licence not stated'}${source.attribution ? `; ${source.attribution}` : ''}${source.snapshotDate ? `; snapshot ${source.snapshotDate}` : ''}`,
    )
    .join('\n');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
    '  <key id="sources" for="graph" attr.name="sources" attr.type="string"/>',
    '  <key id="exportedAt" for="graph" attr.name="exportedAt" attr.type="string"/>',
    '  <key id="type" for="node" attr.name="type" attr.type="string"/>',
    '  <key id="key" for="node" attr.name="key" attr.type="string"/>',
    '  <key id="label" for="node" attr.name="label" attr.type="string"/>',
    '  <key id="kind" for="edge" attr.name="kind" attr.type="string"/>',
    '  <key id="relevance" for="edge" attr.name="relevance" attr.type="string"/>',
    '  <key id="position" for="edge" attr.name="position" attr.type="int"/>',
    '  <graph id="llm-atlas" edgedefault="directed">',
    `    <data key="sources">${xml(sources)}</data>`,
    `    <data key="exportedAt">${tables.exportedAt}</data>`,
    ...nodeLines,
    ...edgeLines,
    '  </graph>',
    '</graphml>',
    '',
  ].join('\n');
}

/** The files of an export in one format. */
export function exportFiles(tables: GraphTables, format: ExportFormat): ExportFile[] {
  switch (format) {
    case 'csv':
      return csvFiles(tables);
    case 'jsonld':
      return [
        {
          name: 'llm-atlas.jsonld',
          contentType: 'application/ld+json; charset=utf-8',
          text: `${JSON.stringify(toJsonLd(tables), null, 1)}\n`,
        },
        { name: 'LICENSES.md', contentType: 'text/markdown; charset=utf-8', text: licensesMarkdown(tables) },
      ];
    case 'graphml':
      return [
        { name: 'llm-atlas.graphml', contentType: 'application/graphml+xml; charset=utf-8', text: toGraphMl(tables) },
        { name: 'LICENSES.md', contentType: 'text/markdown; charset=utf-8', text: licensesMarkdown(tables) },
      ];
  }
}
