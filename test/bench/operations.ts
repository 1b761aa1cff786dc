/**
 * The operations `npm run bench:http` times on the server (P1) and on its lower bound (P0,
 * test/bench/p0.ts): issue 13's workloads that P0 serves. test/plans.test.ts checks that P0
 * answers them as the server does.
 */

/** The benchmark's operations (issue 13's workloads that P0 serves), with their variables. */
export const BENCH_OPERATIONS: Record<string, { query: string; variables: Record<string, unknown> }> = {
  'W1 node(id:)': {
    query: 'query W1($id: ID!) { node(id: $id) { id ... on Model { slug name } } }',
    variables: {}, // ChatGPT's id: set by whoever runs it (the server knows it)
  },
  'W2 an organization, its models, their first articles': {
    query: `query W2($slug: String!) { organization(slug: $slug) { name models(first: 20) { totalCount
      edges { node { slug articles(first: 5) { totalCount edges { relevance node { title url } } } } } } } }`,
    variables: { slug: 'openai' },
  },
  'W2 flat: articles covering the models of an organization': {
    query: `query W2flat($slug: String!) { articles(first: 20, filter: { coversModelOf: { slug: $slug } }) {
      totalCount edges { node { title url } } } }`,
    variables: { slug: 'baidu' },
  },
  'W3 search in Chinese (two characters: the grams)': {
    query: `query W3zh($q: String!) { search(query: $q, first: 10) { totalCount edges { matchedField score
      node { __typename ... on Organization { slug name } ... on Model { slug name } ... on Article { title } } } } }`,
    variables: { q: '百度' },
  },
  'W3 search in English': {
    query: `query W3en($q: String!) { search(query: $q, first: 10) { totalCount edges { matchedField score
      node { __typename ... on Organization { slug name } ... on Model { slug name } ... on Article { title } } } } }`,
    variables: { q: 'language model' },
  },
  'W3 search for a common word (模型, in a quarter of the synthetic titles)': {
    query: `query W3common($q: String!) { search(query: $q, first: 10) { totalCount edges { matchedField score
      node { __typename ... on Organization { slug name } ... on Model { slug name } ... on Article { title } } } } }`,
    variables: { q: '模型' },
  },
  'W4 lineage down, depth 5': {
    query: `query W4($slug: String!) { model(slug: $slug) { slug lineage(direction: DOWN, maxDepth: 5) {
      depth model { slug } } } }`,
    variables: { slug: 'gpt-3' },
  },
};

/**
 * W5, the mutation: an editor sets an article's language (a write the server records in the
 * article's history, its kept counts and its search documents). Its answer is the value sent,
 * whatever the order the writes land in.
 */
export const W5_NAME = 'W5 updateArticle (an editor changes a language)';
export const W5_QUERY = `mutation W5($url: String!, $language: String!) {
  updateArticle(input: { url: $url, language: $language }) { ... on UpdateArticlePayload { article { language } } } }`;
/** The languages W5 sets in turn: each visit to an article changes it (no article has them before). */
export const W5_LANGUAGES = ['de', 'fr'] as const;

/** The `n`th W5 request over `urls` (each article in turn, each turn the other language), and its answer. */
export function w5Request(urls: readonly string[], n: number) {
  const url = urls[n % urls.length] as string;
  const language = W5_LANGUAGES[Math.floor(n / urls.length) % W5_LANGUAGES.length] as string;
  return {
    body: { query: W5_QUERY, variables: { url, language } },
    expected: JSON.stringify({ data: { updateArticle: { article: { language } } } }),
  };
}
