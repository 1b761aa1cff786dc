/**
 * The operations the explorer's pages are built from: GraphQL of the public schema, nothing
 * else. They are persisted on the server (Yoga's persisted-operations plugin, src/yoga.ts), so a
 * browser, or any other frontend, runs the same ones by name:
 * by the SHA-256 of their text (`GET /explorer/operations.json` lists them).
 * Their types come from schema.graphql (src/explorer/graphql.ts).
 */
import { createHash } from 'node:crypto';
import { type DocumentNode, print } from 'graphql';
import { graphql } from './graphql.js';

/** `/`: the overview in numbers, models per year in the US and China, the largest models, the organizations with most models. */
export const ExplorerHome = graphql(`
  query ExplorerHome {
    overview {
      totals { organizations models articles topics people sources hardware datasets }
      countries { country modelCount organizationCount articleCount }
      topics { topic { slug name nameZh } modelCount articleCount }
    }
    all: models(first: 0) {
      facets { years { year count } organizations { count organization { slug name nameZh country } } }
    }
    us: models(first: 0, filter: { developedBy: { country: "US" } }) { facets { years { year count } } }
    cn: models(first: 0, filter: { developedBy: { country: "CN" } }) { facets { years { year count } } }
    largest: models(first: 12, orderBy: { field: PARAMETERS, direction: DESC }) {
      edges {
        node {
          slug name nameZh releaseDate
          parameterCount { display displayZh }
          developers { organization { slug name } }
        }
      }
    }
  }
`);

/** The search box: names, aliases, titles and descriptions, in English or Chinese. */
export const ExplorerSearch = graphql(`
  query ExplorerSearch($query: String!, $first: Int = 20) {
    search(query: $query, first: $first) {
      totalCount
      edges {
        matchedField
        matchedText
        node {
          __typename
          ... on Model { slug name nameZh }
          ... on Organization { slug name nameZh }
          ... on Topic { slug name nameZh }
          ... on Person { slug name nameZh }
          ... on Article { url title }
        }
      }
    }
  }
`);

/** A model's page: its facts with every claim, its kin, its lineage to `depth` steps each way, its articles. */
export const ModelPage = graphql(`
  query ModelPage($slug: String!, $depth: Int = 3, $associations: Boolean = true) {
    model(slug: $slug) {
      id slug name nameZh aliases description family architecture openWeights arxivId wikidataId
      paperTitle paperUrl releaseDate releaseDatePrecision version
      parameterCount { value display displayZh }
      developers { role organization { slug name nameZh } source { slug title url } }
      claims {
        property value rank rankReason confidence quote locator note
        parameters { display }
        source { slug title url license }
      }
      disagreements { property values }
      topics { slug name nameZh }
      domains { domain derivation source { slug title } }
      tasks { task source { slug title } }
      trainedOn { quantity hardware { slug name } source { slug title } }
      trainingData { dataset { slug name } source { slug title } }
      up: lineage(direction: UP, maxDepth: $depth, includeAssociations: $associations) {
        depth kind
        model { slug name nameZh releaseDate }
        edges { kind relation parent { slug } child { slug } source { slug title } }
      }
      down: lineage(direction: DOWN, maxDepth: $depth, includeAssociations: $associations) {
        depth kind
        model { slug name nameZh releaseDate }
        edges { kind relation parent { slug } child { slug } source { slug title } }
      }
      articles(first: 30) {
        totalCount
        edges {
          relevance confidence
          node { url title kind language publishedAt site }
        }
      }
    }
  }
`);

/** An organization's page: its facts and claims, its models over time (with the lineage between them), its articles. */
export const OrganizationPage = graphql(`
  query OrganizationPage($slug: String!) {
    organization(slug: $slug) {
      id slug name nameZh aliases description country kind foundedYear website wikidataId version
      parent { slug name nameZh }
      children { slug name nameZh }
      claims { property value rank rankReason confidence quote source { slug title url } }
      models(first: 100, orderBy: { field: RELEASE_DATE, direction: ASC }) {
        totalCount
        edges {
          role
          node {
            slug name nameZh releaseDate
            parameterCount { display }
            parents { kind relation parent { slug } }
          }
        }
      }
      articles(first: 30) {
        totalCount
        edges { relevance node { url title language publishedAt site } }
      }
    }
  }
`);

/** A topic's page: its place in the topic tree, its models, its articles. */
export const TopicPage = graphql(`
  query TopicPage($slug: String!) {
    topic(slug: $slug) {
      id slug name nameZh description version
      parent { slug name nameZh }
      children { slug name nameZh }
      models(first: 50) { totalCount edges { derivation node { slug name nameZh releaseDate } } }
      articles(first: 50) { totalCount edges { relevance node { url title language publishedAt site } } }
    }
  }
`);

/** A person's page: the papers they wrote, the models and organizations of those papers, their namesakes. */
export const PersonPage = graphql(`
  query PersonPage($slug: String!) {
    person(slug: $slug) {
      id slug name nameZh identity version
      source { slug title url }
      namesakes { slug name }
      models { articles model { slug name nameZh } }
      organizations { articles organization { slug name nameZh } }
      articles(first: 50) { totalCount edges { position node { url title language publishedAt } } }
    }
  }
`);

/** An article's page: what it covers (models, organizations, topics), who wrote it, how often it was cited. */
export const ArticlePage = graphql(`
  query ArticlePage($url: String!) {
    article(url: $url) {
      id url title kind language publishedAt site summary excerpt citations citationsAsOf authorsNotListed version
      source { slug title url license }
      authors(first: 100) { totalCount edges { position writtenAs node { slug name nameZh } } }
      models(first: 50) { edges { relevance confidence basis node { slug name nameZh } } }
      organizations { relevance confidence organization { slug name nameZh } }
      topics { relevance confidence topic { slug name nameZh } }
      claims { property value asOf source { slug title } }
    }
  }
`);

/** An editor's correction from a model's page: a claim with its source (the rules rank it among the others). */
export const ExplorerAddClaim = graphql(`
  mutation ExplorerAddClaim($input: AddClaimInput!) {
    addClaim(input: $input) {
      __typename
      ... on AddClaimPayload { model { slug version } }
      ... on MutationError { code message }
    }
  }
`);

/** An editor's new description of a model, refused if someone else's write came first (`expectedVersion`). */
export const ExplorerUpdateModel = graphql(`
  mutation ExplorerUpdateModel($input: UpdateModelInput!) {
    updateModel(input: $input) {
      __typename
      ... on UpdateModelPayload { model { slug version description } }
      ... on MutationError { code message }
    }
  }
`);

/** A persisted operation: its name, its text, and the id clients send (the SHA-256 of the text, in hex). */
export type PersistedOperation = Readonly<{ name: string; query: string; sha256Hash: string }>;

/**
 * Every persisted operation by name. Clients send `extensions: {"persistedQuery": {"version": 1,
 * "sha256Hash": ...}}` (the Apollo convention Yoga's plugin reads); `GET /explorer/operations.json`
 * lists them.
 */
export const PERSISTED_OPERATIONS: ReadonlyMap<string, PersistedOperation> = new Map(
  [
    ExplorerHome,
    ExplorerSearch,
    ModelPage,
    OrganizationPage,
    TopicPage,
    PersonPage,
    ArticlePage,
    ExplorerAddClaim,
    ExplorerUpdateModel,
  ].map((document) => {
    const definition = document.definitions[0];
    const name = definition?.kind === 'OperationDefinition' ? definition.name?.value : undefined;
    if (!name) throw new Error('every persisted operation is named');
    const query = print(document as unknown as DocumentNode);
    return [name, { name, query, sha256Hash: createHash('sha256').update(query).digest('hex') }];
  }),
);
