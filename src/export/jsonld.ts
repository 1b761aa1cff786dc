/**
 * The graph as one JSON-LD document, and back.
 *
 * Written with schema.org terms where they fit (Organization, SoftwareApplication for models,
 * ScholarlyArticle/BlogPosting/Article, Person, DefinedTerm for topics, CreativeWork for sources,
 * Product for hardware, Dataset), Wikidata items as `sameAs`, and `atlas:` terms
 * (`urn:llm-atlas:vocab:`) for the rest. It is lossless: every row of every table
 * (./tables.ts) is in it, so that {@link fromJsonLd} gives the tables back and
 * `npm run import:jsonld` (./restore.ts) rebuilds the same graph in an empty database. What
 * the graph derives (a model's preferred parameters, an organization's country) is written too,
 * for readers, and derived again on import from the claims it came from.
 *
 * Each subject is one node with what belongs to it nested: a model carries its claims, lineage
 * steps, developers, topics, domains, tasks and training; an article its coverage, authors and
 * dated claims; a model, organization or topic the slugs it had before (`atlas:formerSlug`).
 * Schema.org readers get `creator`, `about` and `author` (plain links); the `atlas:` objects beside
 * them carry what schema.org has no term for (a developer's role and source, a coverage's relevance).
 */
import {
  ArticleKind,
  ArticleProperty,
  ArticleSite,
  ClaimProperty,
  ClaimRank,
  Confidence,
  DatePrecision,
  DeveloperRole,
  Domain,
  LineageKind,
  OrganizationKind,
  OrganizationProperty,
  Relevance,
  SlugEntity,
  SourceKind,
} from '../domain/enums.js';
import { type Cell, type GraphTables, TABLES, type Table, type TableName, tableNamed } from './tables.js';

type Node = Record<string, unknown>;

/** The base of the graph's identifiers in JSON-LD and GraphML (`urn:llm-atlas:model:chatgpt`). */
export const ID_BASE = 'urn:llm-atlas:';

/** The rows of a table as objects keyed by column. */
export function records(table: Table): Record<string, Cell>[] {
  return table.rows.map((row) =>
    Object.fromEntries(table.columns.map((column, index) => [column, row[index] ?? null])),
  );
}

export const id = (kind: string, key: string) => `${ID_BASE}${kind}:${encodeURIComponent(key)}`;
const ref = (kind: string, key: Cell | undefined) => (key == null ? undefined : { '@id': id(kind, String(key)) });
const wikidata = (item: Cell | undefined) => (item ? `http://www.wikidata.org/entity/${item}` : undefined);

/** Drops the keys whose value is null or undefined. */
function compact(node: Node): Node {
  return Object.fromEntries(Object.entries(node).filter(([, value]) => value !== null && value !== undefined));
}

export const JSONLD_CONTEXT = {
  '@vocab': 'https://schema.org/',
  atlas: `${ID_BASE}vocab:`,
  nameZh: { '@id': 'name', '@language': 'zh' },
  developer: { '@id': 'creator', '@type': '@id' },
  parentOrganization: { '@type': '@id' },
  about: { '@type': '@id' },
  author: { '@type': '@id', '@container': '@list' },
  isBasedOn: { '@type': '@id' },
  sameAs: { '@type': '@id' },
  license: { '@type': '@id' },
  citation: 'atlas:citation',
  claims: 'atlas:claim',
  lineage: 'atlas:lineage',
  trainedOn: 'atlas:trainedOn',
} as const;

/** The fields of a claim of a model or an organization: the columns of their tables after the subject's. */
const CLAIM_TABLE_FIELDS = TABLES['model-claims'].columns.slice(1);

/** A claim of a model or an organization as a node: the same fields under `atlas:` (value as schema:value). */
function claimNode(row: Record<string, Cell>): Node {
  return compact({
    '@type': 'atlas:Claim',
    ...Object.fromEntries(
      CLAIM_TABLE_FIELDS.map((field) => [
        field === 'value' ? 'value' : `atlas:${field}`,
        field === 'source' ? ref('source', row.source) : row[field],
      ]),
    ),
  });
}

/** The graph as one JSON-LD document (see the module comment). */
export function toJsonLd(tables: GraphTables): Node {
  type Row = Record<string, Cell>;
  const group = <T>(table: string, key: string | ((row: Row) => string), map: (row: Row) => T) => {
    const grouped = new Map<string, T[]>();
    for (const row of records(tableNamed(tables, table))) {
      const owner = typeof key === 'string' ? String(row[key]) : key(row);
      grouped.set(owner, [...(grouped.get(owner) ?? []), map(row)]);
    }
    return grouped;
  };
  const modelClaims = group('model-claims', 'model', claimNode);
  const organizationClaims = group('organization-claims', 'organization', claimNode);
  const developers = group('developers', 'model', (row) => ({ '@id': id('organization', String(row.organization)) }));
  const developments = group('developers', 'model', (row) =>
    compact({
      '@type': 'atlas:Development',
      'atlas:organization': ref('organization', row.organization),
      'atlas:role': row.role,
      'atlas:source': ref('source', row.source),
    }),
  );
  const parents = group('lineage', 'child', (row) =>
    compact({
      '@type': 'atlas:LineageStep',
      'atlas:kind': row.kind,
      'atlas:parent': ref('model', row.parent),
      'atlas:note': row.note,
      'atlas:source': ref('source', row.source),
    }),
  );
  const aliases = group('model-aliases', 'model', (row) => row.alias);
  const organizationAliases = group('organization-aliases', 'organization', (row) => row.alias);
  const topicsOf = group('model-topics', 'model', (row) => ({ '@id': id('topic', String(row.topic)) }));
  const memberships = group('model-topics', 'model', (row) =>
    compact({
      '@type': 'atlas:Membership',
      'atlas:topic': ref('topic', row.topic),
      'atlas:derivation': row.derivation,
    }),
  );
  const domains = group('model-domains', 'model', (row) =>
    compact({
      '@type': 'atlas:DomainOfWork',
      'atlas:domain': row.domain,
      'atlas:source': ref('source', row.source),
      'atlas:derivation': row.derivation,
    }),
  );
  const tasks = group('model-tasks', 'model', (row) =>
    compact({ '@type': 'atlas:Task', name: row.task, 'atlas:source': ref('source', row.source) }),
  );
  const trained = group('training', 'model', (row) =>
    compact({
      '@id': id(String(row.kind), String(row.slug)),
      'atlas:quantity': row.quantity,
      'atlas:source': ref('source', row.source),
      'atlas:locator': row.locator,
    }),
  );
  const covers = group('coverage', 'article', (row) => ({ '@id': id(String(row.target), String(row.slug)) }));
  const coverage = group('coverage', 'article', (row) =>
    compact({
      '@type': 'atlas:Coverage',
      'atlas:target': ref(String(row.target), row.slug),
      'atlas:relevance': row.relevance,
      'atlas:confidence': row.confidence,
      'atlas:basis': row.basis,
    }),
  );
  const authors = group('authors', 'article', (row) => ({ '@id': id('person', String(row.person)) }));
  const authorships = group('authors', 'article', (row) =>
    compact({
      '@type': 'atlas:Authorship',
      'atlas:person': ref('person', row.person),
      'atlas:position': row.position,
      'atlas:writtenAs': row.writtenAs,
    }),
  );
  const articleClaims = group('article-claims', 'article', (row) =>
    compact({
      '@type': 'atlas:DatedClaim',
      'atlas:property': row.property,
      value: row.value,
      'atlas:asOf': row.asOf,
      'atlas:source': ref('source', row.source),
      'atlas:locator': row.locator,
    }),
  );
  // A slug that changed, on the entity it names now (by kind: a model and a topic may share a slug).
  const formerSlugs = group(
    'slug-redirects',
    (row) => `${row.entity}:${row.redirectsTo}`,
    (row) => compact({ '@type': 'atlas:FormerSlug', identifier: row.slug, 'atlas:reason': row.reason }),
  );
  const former = (entity: string, slug: string) => formerSlugs.get(`${entity}:${slug}`);

  const nodes: Node[] = [];
  for (const source of records(tableNamed(tables, 'sources')))
    nodes.push(
      compact({
        '@id': id('source', String(source.slug)),
        '@type': 'CreativeWork',
        identifier: source.slug,
        'atlas:sourceKind': source.kind,
        name: source.title,
        url: source.url,
        publisher: source.publisher,
        datePublished: source.publishedAt,
        'atlas:snapshotDate': source.snapshotDate,
        license: source.license,
        creditText: source.attribution,
        description: source.description,
      }),
    );
  for (const row of records(tableNamed(tables, 'organizations'))) {
    const slug = String(row.slug);
    nodes.push(
      compact({
        '@id': id('organization', slug),
        '@type': 'Organization',
        identifier: slug,
        name: row.name,
        nameZh: row.nameZh,
        alternateName: organizationAliases.get(slug),
        'atlas:kind': row.kind,
        'atlas:country': row.country,
        url: row.website,
        foundingDate: row.foundedYear === null ? undefined : String(row.foundedYear),
        sameAs: wikidata(row.wikidataId),
        parentOrganization: row.parent === null ? undefined : id('organization', String(row.parent)),
        description: row.description,
        claims: organizationClaims.get(slug),
        'atlas:formerSlug': former('ORGANIZATION', slug),
      }),
    );
  }
  for (const row of records(tableNamed(tables, 'topics'))) {
    const slug = String(row.slug);
    nodes.push(
      compact({
        '@id': id('topic', slug),
        '@type': 'DefinedTerm',
        identifier: slug,
        name: row.name,
        nameZh: row.nameZh,
        'atlas:broader': ref('topic', row.parent),
        description: row.description,
        'atlas:formerSlug': former('TOPIC', slug),
      }),
    );
  }
  for (const row of records(tableNamed(tables, 'models'))) {
    const slug = String(row.slug);
    nodes.push(
      compact({
        '@id': id('model', slug),
        '@type': 'SoftwareApplication',
        applicationCategory: 'AI model',
        identifier: slug,
        name: row.name,
        nameZh: row.nameZh,
        alternateName: aliases.get(slug),
        'atlas:family': row.family,
        'atlas:architecture': row.architecture,
        'atlas:arxivId': row.arxivId,
        'atlas:paperUrl': row.paperUrl,
        'atlas:paperTitle': row.paperTitle,
        'atlas:parameters': row.parameters,
        datePublished: row.releaseDate,
        'atlas:releaseDatePrecision': row.releaseDatePrecision,
        'atlas:openWeights': row.openWeights,
        sameAs: wikidata(row.wikidataId),
        description: row.description,
        developer: developers.get(slug),
        'atlas:development': developments.get(slug),
        about: topicsOf.get(slug),
        'atlas:membership': memberships.get(slug),
        'atlas:domain': domains.get(slug),
        'atlas:task': tasks.get(slug),
        lineage: parents.get(slug),
        trainedOn: trained.get(slug),
        claims: modelClaims.get(slug),
        'atlas:formerSlug': former('MODEL', slug),
      }),
    );
  }
  for (const row of records(tableNamed(tables, 'articles'))) {
    const url = String(row.url);
    nodes.push(
      compact({
        '@id': url,
        '@type': row.kind === 'PAPER' ? 'ScholarlyArticle' : row.kind === 'BLOG_POST' ? 'BlogPosting' : 'Article',
        url,
        headline: row.title,
        inLanguage: row.language,
        datePublished: row.publishedAt,
        abstract: row.summary,
        'atlas:excerpt': row.excerpt,
        'atlas:site': row.site,
        'atlas:kind': row.kind,
        'atlas:source': ref('source', row.source),
        citation: row.citations === null ? undefined : { value: row.citations, 'atlas:asOf': row.citationsAsOf },
        'atlas:articleClaim': articleClaims.get(url),
        author: authors.get(url),
        'atlas:authorship': authorships.get(url),
        'atlas:authorsNotListed': row.authorsNotListed,
        about: covers.get(url),
        'atlas:coverage': coverage.get(url),
      }),
    );
  }
  for (const row of records(tableNamed(tables, 'people')))
    nodes.push(
      compact({
        '@id': id('person', String(row.slug)),
        '@type': 'Person',
        identifier: row.slug,
        name: row.name,
        nameZh: row.nameZh,
        'atlas:identity': row.identity,
        'atlas:source': ref('source', row.source),
      }),
    );
  for (const kind of ['hardware', 'datasets'] as const)
    for (const row of records(tableNamed(tables, kind)))
      nodes.push(
        compact({
          '@id': id(kind === 'hardware' ? 'hardware' : 'dataset', String(row.slug)),
          '@type': kind === 'hardware' ? 'Product' : 'Dataset',
          identifier: row.slug,
          name: row.name,
          'atlas:source': ref('source', row.source),
        }),
      );
  return {
    '@context': JSONLD_CONTEXT,
    '@id': `${ID_BASE}export`,
    '@type': 'Dataset',
    name: 'llm-atlas: a knowledge graph of the large-language-model landscape',
    dateCreated: tables.exportedAt,
    // The licences of the sources it includes: each fact cites its source.
    isBasedOn: tables.sources.map((source) => id('source', source.slug)),
    'atlas:attributions': tables.sources.flatMap((source) =>
      source.attribution
        ? [
            compact({
              source: source.slug,
              license: source.license,
              creditText: source.attribution,
              snapshot: source.snapshotDate,
            }),
          ]
        : [],
    ),
    '@graph': nodes,
  };
}

// --- Reading it back ---------------------------------------------------------------------------

/** A JSON-LD document that is not an llm-atlas export, or not a whole one: what is wrong, where. */
export class JsonLdImportError extends Error {}

/** The columns a row cannot go without (the rest may be null). */
const REQUIRED: Record<string, readonly string[]> = {
  sources: ['slug', 'kind', 'title'],
  organizations: ['slug', 'name', 'kind'],
  'organization-aliases': ['organization', 'alias'],
  'organization-claims': ['organization', 'property', 'value', 'source', 'confidence', 'rank'],
  topics: ['slug', 'name'],
  models: ['slug', 'name'],
  'model-aliases': ['model', 'alias'],
  'model-claims': ['model', 'property', 'value', 'source', 'confidence', 'rank'],
  developers: ['model', 'organization', 'role'],
  lineage: ['child', 'parent', 'kind'],
  'model-topics': ['model', 'topic'],
  'model-domains': ['model', 'domain'],
  'model-tasks': ['model', 'task', 'source'],
  articles: ['url', 'title', 'language', 'site', 'kind'],
  coverage: ['article', 'target', 'slug', 'relevance', 'confidence'],
  'article-claims': ['article', 'property', 'value', 'asOf', 'source'],
  people: ['slug', 'name'],
  authors: ['article', 'position', 'person', 'writtenAs'],
  hardware: ['slug', 'name'],
  datasets: ['slug', 'name'],
  training: ['model', 'kind', 'slug'],
  'slug-redirects': ['entity', 'slug', 'redirectsTo'],
};

/** The columns that hold a value of one of the graph's vocabularies, by column name. */
const VOCABULARIES: Record<string, Record<string, readonly string[]>> = {
  sources: { kind: Object.values(SourceKind) },
  organizations: { kind: Object.values(OrganizationKind) },
  'organization-claims': {
    property: Object.values(OrganizationProperty),
    confidence: Object.values(Confidence),
    rank: Object.values(ClaimRank),
    assertedRank: Object.values(ClaimRank),
  },
  models: { releaseDatePrecision: Object.values(DatePrecision) },
  'model-claims': {
    property: Object.values(ClaimProperty),
    confidence: Object.values(Confidence),
    rank: Object.values(ClaimRank),
    assertedRank: Object.values(ClaimRank),
  },
  developers: { role: Object.values(DeveloperRole) },
  lineage: { kind: Object.values(LineageKind) },
  'model-domains': { domain: Object.values(Domain) },
  articles: { site: Object.values(ArticleSite), kind: Object.values(ArticleKind) },
  coverage: {
    target: ['model', 'organization', 'topic'],
    relevance: Object.values(Relevance),
    confidence: Object.values(Confidence),
  },
  'article-claims': { property: Object.values(ArticleProperty) },
  training: { kind: ['hardware', 'dataset'] },
  'slug-redirects': { entity: Object.values(SlugEntity) },
};

const list = (value: unknown): Node[] =>
  value === undefined ? [] : ((Array.isArray(value) ? value : [value]) as Node[]);
const cell = (value: unknown): Cell => (value === undefined || value === null ? null : (value as Cell));

/** The kind and key an `urn:llm-atlas:<kind>:<key>` identifier names; null for any other. */
export function parseId(value: unknown): { kind: string; key: string } | null {
  const text = typeof value === 'object' && value !== null ? (value as Node)['@id'] : value;
  if (typeof text !== 'string' || !text.startsWith(ID_BASE)) return null;
  const rest = text.slice(ID_BASE.length);
  const colon = rest.indexOf(':');
  if (colon < 0) return null;
  return { kind: rest.slice(0, colon), key: decodeURIComponent(rest.slice(colon + 1)) };
}

/**
 * The tables a document written by {@link toJsonLd} holds (in the compact form it is written
 * in: its `@context`). Throws a {@link JsonLdImportError} naming the node and field when it is
 * not one; nothing is written anywhere by reading.
 */
export function fromJsonLd(document: unknown): GraphTables {
  if (typeof document !== 'object' || document === null || Array.isArray(document))
    throw new JsonLdImportError('the document is not a JSON object: an llm-atlas JSON-LD export is one');
  const root = document as Node;
  if (JSON.stringify(root['@context']) !== JSON.stringify(JSONLD_CONTEXT))
    throw new JsonLdImportError(
      'the document does not use the @context of an llm-atlas export (compact it against that context first)',
    );
  if (!Array.isArray(root['@graph'])) throw new JsonLdImportError('the document has no @graph list');
  const rows = new Map<string, Cell[][]>(Object.keys(TABLES).map((name) => [name, []]));
  let where = '';
  const add = (table: string, row: Record<string, unknown>) => {
    for (const column of REQUIRED[table] ?? [])
      if (row[column] === undefined || row[column] === null)
        throw new JsonLdImportError(`${where}: ${column} of a ${table} row is missing`);
    for (const [column, values] of Object.entries(VOCABULARIES[table] ?? {})) {
      const value = row[column];
      if (value !== undefined && value !== null && !values.includes(String(value)))
        throw new JsonLdImportError(`${where}: ${column} "${String(value)}" is not one of ${values.join(', ')}`);
    }
    for (const [column, value] of Object.entries(row))
      if (typeof value === 'object' && value !== null)
        throw new JsonLdImportError(`${where}: ${column} of a ${table} row is not a value`);
    rows.get(table)?.push(TABLES[table as TableName].columns.map((column) => cell(row[column])));
  };
  const slugOf = (value: unknown, kind: string, where: string): string | null => {
    if (value === undefined || value === null) return null;
    const parsed = parseId(value);
    if (!parsed || parsed.kind !== kind)
      throw new JsonLdImportError(`${where}: expected a ${kind} identifier (${ID_BASE}${kind}:...)`);
    return parsed.key;
  };
  const wikidataId = (value: unknown) =>
    typeof value === 'string' ? value.replace('http://www.wikidata.org/entity/', '') : null;
  const claimRow = (claim: Node, where: string) =>
    Object.fromEntries(
      CLAIM_TABLE_FIELDS.map((field) => [
        field,
        field === 'value'
          ? claim.value
          : field === 'source'
            ? slugOf(claim['atlas:source'], 'source', `${where}.source`)
            : claim[`atlas:${field}`],
      ]),
    );
  const former = (node: Node, entity: string, slug: string) => {
    for (const entry of list(node['atlas:formerSlug']))
      add('slug-redirects', { entity, slug: entry.identifier, redirectsTo: slug, reason: entry['atlas:reason'] });
  };
  const sources: GraphTables['sources'][number][] = [];

  for (const [index, node] of (root['@graph'] as Node[]).entries()) {
    where = `@graph[${index}]${typeof node?.['@id'] === 'string' ? ` (${node['@id']})` : ''}`;
    if (typeof node !== 'object' || node === null) throw new JsonLdImportError(`${where}: not a node`);
    const parsed = parseId(node['@id']);
    if (!parsed) {
      // Articles are identified by their URL.
      if (typeof node.url !== 'string')
        throw new JsonLdImportError(`${where}: a node without an llm-atlas identifier or a URL`);
      const url = node.url;
      const citation = node.citation as Node | undefined;
      add('articles', {
        url,
        title: node.headline,
        language: node.inLanguage,
        site: node['atlas:site'],
        kind: node['atlas:kind'],
        publishedAt: node.datePublished,
        summary: node.abstract,
        excerpt: node['atlas:excerpt'],
        source: slugOf(node['atlas:source'], 'source', `${where}.source`),
        citations: citation?.value,
        citationsAsOf: citation?.['atlas:asOf'],
        authorsNotListed: node['atlas:authorsNotListed'],
      });
      for (const [at, entry] of list(node['atlas:coverage']).entries()) {
        const target = parseId(entry['atlas:target']);
        if (!target) throw new JsonLdImportError(`${where}.coverage[${at}]: no target`);
        add('coverage', {
          article: url,
          target: target.kind,
          slug: target.key,
          relevance: entry['atlas:relevance'],
          confidence: entry['atlas:confidence'],
          basis: entry['atlas:basis'],
        });
      }
      for (const [at, entry] of list(node['atlas:articleClaim']).entries())
        add('article-claims', {
          article: url,
          property: entry['atlas:property'],
          value: entry.value,
          asOf: entry['atlas:asOf'],
          source: slugOf(entry['atlas:source'], 'source', `${where}.articleClaim[${at}]`),
          locator: entry['atlas:locator'],
        });
      for (const [at, entry] of list(node['atlas:authorship']).entries())
        add('authors', {
          article: url,
          position: entry['atlas:position'],
          person: slugOf(entry['atlas:person'], 'person', `${where}.authorship[${at}]`),
          writtenAs: entry['atlas:writtenAs'],
        });
      continue;
    }
    const { kind, key } = parsed;
    switch (kind) {
      case 'source':
        add('sources', {
          slug: key,
          kind: node['atlas:sourceKind'],
          title: node.name,
          url: node.url,
          publisher: node.publisher,
          publishedAt: node.datePublished,
          snapshotDate: node['atlas:snapshotDate'],
          license: node.license,
          attribution: node.creditText,
          description: node.description,
        });
        sources.push({
          slug: key,
          title: String(node.name),
          url: cell(node.url) as string | null,
          license: cell(node.license) as string | null,
          attribution: cell(node.creditText) as string | null,
          snapshotDate: cell(node['atlas:snapshotDate']) as string | null,
        });
        break;
      case 'organization':
        add('organizations', {
          slug: key,
          name: node.name,
          nameZh: node.nameZh,
          kind: node['atlas:kind'],
          country: node['atlas:country'],
          website: node.url,
          foundedYear: node.foundingDate === undefined ? null : Number(node.foundingDate),
          wikidataId: wikidataId(node.sameAs),
          parent: slugOf(node.parentOrganization, 'organization', `${where}.parentOrganization`),
          description: node.description,
        });
        for (const alias of list(node.alternateName)) add('organization-aliases', { organization: key, alias });
        for (const [at, claim] of list(node.claims).entries())
          add('organization-claims', { organization: key, ...claimRow(claim, `${where}.claim[${at}]`) });
        former(node, 'ORGANIZATION', key);
        break;
      case 'topic':
        add('topics', {
          slug: key,
          name: node.name,
          nameZh: node.nameZh,
          parent: slugOf(node['atlas:broader'], 'topic', `${where}.broader`),
          description: node.description,
        });
        former(node, 'TOPIC', key);
        break;
      case 'model':
        add('models', {
          slug: key,
          name: node.name,
          nameZh: node.nameZh,
          family: node['atlas:family'],
          parameters: node['atlas:parameters'],
          releaseDate: node.datePublished,
          releaseDatePrecision: node['atlas:releaseDatePrecision'],
          openWeights: node['atlas:openWeights'],
          architecture: node['atlas:architecture'],
          arxivId: node['atlas:arxivId'],
          paperUrl: node['atlas:paperUrl'],
          paperTitle: node['atlas:paperTitle'],
          wikidataId: wikidataId(node.sameAs),
          description: node.description,
        });
        for (const alias of list(node.alternateName)) add('model-aliases', { model: key, alias });
        for (const [at, claim] of list(node.claims).entries())
          add('model-claims', { model: key, ...claimRow(claim, `${where}.claim[${at}]`) });
        for (const [at, entry] of list(node['atlas:development']).entries())
          add('developers', {
            model: key,
            organization: slugOf(entry['atlas:organization'], 'organization', `${where}.development[${at}]`),
            role: entry['atlas:role'],
            source: slugOf(entry['atlas:source'], 'source', `${where}.development[${at}].source`),
          });
        for (const [at, entry] of list(node.lineage).entries())
          add('lineage', {
            child: key,
            parent: slugOf(entry['atlas:parent'], 'model', `${where}.lineage[${at}]`),
            kind: entry['atlas:kind'],
            note: entry['atlas:note'],
            source: slugOf(entry['atlas:source'], 'source', `${where}.lineage[${at}].source`),
          });
        for (const [at, entry] of list(node['atlas:membership']).entries())
          add('model-topics', {
            model: key,
            topic: slugOf(entry['atlas:topic'], 'topic', `${where}.membership[${at}]`),
            derivation: entry['atlas:derivation'],
          });
        for (const [at, entry] of list(node['atlas:domain']).entries())
          add('model-domains', {
            model: key,
            domain: entry['atlas:domain'],
            source: slugOf(entry['atlas:source'], 'source', `${where}.domain[${at}].source`),
            derivation: entry['atlas:derivation'],
          });
        for (const [at, entry] of list(node['atlas:task']).entries())
          add('model-tasks', {
            model: key,
            task: entry.name,
            source: slugOf(entry['atlas:source'], 'source', `${where}.task[${at}].source`),
          });
        for (const [at, entry] of list(node.trainedOn).entries()) {
          const resource = parseId(entry);
          if (!resource || (resource.kind !== 'hardware' && resource.kind !== 'dataset'))
            throw new JsonLdImportError(`${where}.trainedOn[${at}]: expected hardware or a dataset`);
          add('training', {
            model: key,
            kind: resource.kind,
            slug: resource.key,
            quantity: entry['atlas:quantity'],
            source: slugOf(entry['atlas:source'], 'source', `${where}.trainedOn[${at}].source`),
            locator: entry['atlas:locator'],
          });
        }
        former(node, 'MODEL', key);
        break;
      case 'person':
        add('people', {
          slug: key,
          name: node.name,
          nameZh: node.nameZh,
          identity: node['atlas:identity'],
          source: slugOf(node['atlas:source'], 'source', `${where}.source`),
        });
        break;
      case 'hardware':
      case 'dataset':
        add(kind === 'hardware' ? 'hardware' : 'datasets', {
          slug: key,
          name: node.name,
          source: slugOf(node['atlas:source'], 'source', `${where}.source`),
        });
        break;
      default:
        throw new JsonLdImportError(`${where}: "${kind}" is not a kind of node an llm-atlas export has`);
    }
  }
  return {
    exportedAt: String(root.dateCreated),
    sources,
    tables: Object.entries(TABLES).map(([name, table]) => ({ name, ...table, rows: rows.get(name) ?? [] })),
  };
}
