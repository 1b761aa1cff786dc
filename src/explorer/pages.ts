/**
 * The explorer's pages: server-rendered HTML from the results of the persisted operations
 * (src/explorer/operations.ts), readable without JavaScript; explorer.js adds search as you type,
 * the depth selector's instant reload and the editors' forms. Every text carries its language
 * (`lang="zh"` on Chinese), every entity is a link to its page, every fact names its source.
 */
import type { LineageKind } from '../domain/enums.js';
import { lineageRelationOf } from '../domain/lineage-kinds.js';
import type { ResultOf } from './graphql.js';
import { type Html, html, langOf, unsafeRaw } from './html.js';
import type {
  ArticlePage,
  ExplorerHome,
  ExplorerSearch,
  ModelPage,
  OrganizationPage,
  PersonPage,
  TopicPage,
} from './operations.js';
import { lineagePicture, type PictureEdge, type PlacedModel, timelinePicture, yearChart } from './pictures.js';

type Named = { slug: string; name: string; nameZh?: string | null };
type SourceRef = { slug: string; title: string; url?: string | null; license?: string | null } | null | undefined;

/** Where an entity's page is. Articles have no slug: their page is at their URL without its scheme. */
export const pathOf = {
  model: (slug: string) => `/models/${encodeURIComponent(slug)}`,
  organization: (slug: string) => `/organizations/${encodeURIComponent(slug)}`,
  topic: (slug: string) => `/topics/${encodeURIComponent(slug)}`,
  person: (slug: string) => `/people/${encodeURIComponent(slug)}`,
  article: (url: string) =>
    `/articles/${encodeURI(url.replace(/^https:\/\//, ''))
      .replace(/\?/g, '%3F')
      .replace(/#/g, '%23')}`,
};

/** The article URL a path under /articles/ names (the inverse of `pathOf.article`), or null. */
export function articleUrlOf(rest: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rest);
  } catch {
    return null;
  }
  if (!decoded) return null;
  return /^https?:\/\//.test(decoded) ? decoded : `https://${decoded}`;
}

/** A name in English with its Chinese name beside it, each marked with its language. */
function names(entity: { name: string; nameZh?: string | null }): Html {
  return html`<span lang="${langOf(entity.name)}">${entity.name}</span>${
    entity.nameZh ? html` <span class="zh" lang="${langOf(entity.nameZh)}">${entity.nameZh}</span>` : ''
  }`;
}

function entityLink(kind: 'model' | 'organization' | 'topic' | 'person', entity: Named): Html {
  return html`<a href="${pathOf[kind](entity.slug)}">${names(entity)}</a>`;
}

function articleLink(article: { url: string; title: string }): Html {
  return externalHref(article.url)
    ? html`<a href="${pathOf.article(article.url)}" lang="${langOf(article.title)}">${article.title}</a>`
    : html`<span lang="${langOf(article.title)}">${article.title}</span>`;
}

/**
 * A link out of the graph, or null for an address that is not http(s): the write layer checks the
 * URLs it stores, and the pages check again, so that no stored text becomes a `javascript:` link.
 */
export function externalHref(url: string | null | undefined): string | null {
  return url && /^https?:\/\//i.test(url) ? url : null;
}

/** `text` as a link to `url` when it is a web address, as plain text otherwise. */
function externalLink(url: string | null | undefined, text: string): Html {
  const href = externalHref(url);
  return href ? html`<a href="${href}" rel="external noopener">${text}</a>` : html`${text}`;
}

function sourceLink(source: SourceRef): Html {
  if (!source) return html`<span class="muted">no source recorded</span>`;
  const href = externalHref(source.url);
  return href
    ? html`<a href="${href}" rel="external noopener" title="${source.slug}">${source.title}</a>`
    : html`<span title="${source.slug}">${source.title}</span>`;
}

function enumWords(value: string): string {
  return value.toLowerCase().replace(/_/g, ' ');
}

function list<T>(items: readonly T[], render: (item: T) => Html, empty = 'none recorded'): Html {
  return items.length
    ? html`<ul>${items.map((item) => html`<li>${render(item)}</li>`)}</ul>`
    : html`<p class="muted">${empty}</p>`;
}

/** A whole page: header with the search box, the content, a footer pointing at GraphiQL and the exports. */
export function layout(title: string, content: Html, options: { operations?: string; query?: string } = {}): string {
  return `<!doctype html>${html`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · llm-atlas</title>
<link rel="stylesheet" href="/explorer/explorer.css">
<link rel="icon" href="/explorer/icon.svg" type="image/svg+xml">
<script type="module" src="/explorer/explorer.js"></script>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="top">
  <a class="brand" href="/">llm-atlas</a>
  <form class="search" action="/search" method="get" role="search">
    <label for="q" class="visually-hidden">Search the graph</label>
    <input id="q" name="q" type="search" role="combobox" placeholder="Search models, organizations, people… 搜索" autocomplete="off"
      aria-autocomplete="list" aria-controls="live-results" aria-expanded="false" maxlength="200" value="${options.query ?? ''}">
    <button type="submit">Search</button>
    <ul id="live-results" role="listbox" aria-label="Matches" hidden></ul>
    <p id="live-status" class="visually-hidden" role="status" aria-live="polite"></p>
  </form>
  <nav aria-label="Elsewhere"><a href="/graphql">GraphiQL</a> <a href="/export">Exports</a></nav>
</header>
<main id="main">${content}</main>
<footer>Every fact names its source. Data from the user's note, curated sources and Epoch AI (CC BY 4.0): see <a href="/export/LICENSES.md">LICENSES.md</a>.
This page is built from the persisted GraphQL operation${options.operations ? html` <code>${options.operations}</code>` : ''} of the public schema: <a href="/graphql">ask your own</a>.</footer>
</body>
</html>`}\n`;
}

/** A page that says why there is no page (not found, a bad address, our failure), with the search box to go on. */
export function messagePage(title: string, message: string): string {
  return layout(
    title,
    html`<h1>${title}</h1><p>${message}</p><p>Try the search box above, or <a href="/">the overview</a>.</p>`,
  );
}

// ---------------------------------------------------------------------------------------------
// Home

export function homePage(data: ResultOf<typeof ExplorerHome>): string {
  const { overview } = data;
  const totals = overview.totals;
  const countries = [
    { label: 'United States', years: data.us.facets.years },
    { label: 'China', years: data.cn.facets.years },
  ];
  const chart = yearChart(data.all.facets.years, countries);
  const numbers: [string, number][] = [
    ['models', totals.models],
    ['organizations', totals.organizations],
    ['articles', totals.articles],
    ['people', totals.people],
    ['topics', totals.topics],
    ['sources', totals.sources],
    ['kinds of hardware', totals.hardware],
    ['datasets', totals.datasets],
  ];
  const organizations = data.all.facets.organizations.slice(0, 20);
  return layout(
    'The LLM landscape as a graph',
    html`<h1>The large-language-model landscape, as a graph <span class="zh" lang="zh">大模型图谱</span></h1>
<p class="lead">Models, the organizations that build them, the articles and papers about them, and the people who wrote those: every fact with its source. Start with <a href="/models/chatgpt">ChatGPT</a> and its lineage, or <a href="/organizations/baidu">what Baidu has built</a>.</p>
<section aria-labelledby="numbers"><h2 id="numbers">In numbers</h2>
<dl class="numbers">${numbers.map(([label, count]) => html`<div><dt>${label}</dt><dd>${count.toLocaleString('en')}</dd></div>`)}</dl></section>
<section aria-labelledby="per-year"><h2 id="per-year">Models per year, by the country of a developer</h2>${unsafeRaw(chart)}</section>
<section aria-labelledby="largest"><h2 id="largest">The largest models</h2>
<ol>${data.largest.edges.map(
      ({ node }) =>
        html`<li>${entityLink('model', node)} <span class="value">${node.parameterCount?.display}</span> <span class="zh" lang="zh">${node.parameterCount?.displayZh}</span> · ${node.developers.map(
          (developer, index) => html`${index ? ', ' : ''}${entityLink('organization', developer.organization)}`,
        )}${node.releaseDate ? html` · ${node.releaseDate.slice(0, 4)}` : ''}</li>`,
    )}</ol></section>
<section aria-labelledby="organizations"><h2 id="organizations">Organizations with most models</h2>
<table><thead><tr><th scope="col">Organization</th><th scope="col">Country</th><th scope="col">Models</th></tr></thead>
<tbody>${organizations.map(
      (row) =>
        html`<tr><td>${entityLink('organization', row.organization)}</td><td>${row.organization.country ?? ''}</td><td class="num">${row.count}</td></tr>`,
    )}</tbody></table></section>
<section aria-labelledby="topics"><h2 id="topics">Topics</h2>
${list(overview.topics, (row) => html`${entityLink('topic', row.topic)} <span class="muted">${row.modelCount} models, ${row.articleCount} articles</span>`)}</section>
<section aria-labelledby="countries"><h2 id="countries">Countries</h2>
<table><thead><tr><th scope="col">Country</th><th scope="col">Organizations</th><th scope="col">Models</th><th scope="col">Articles</th></tr></thead>
<tbody>${overview.countries.map(
      (row) =>
        html`<tr><td>${row.country}</td><td class="num">${row.organizationCount}</td><td class="num">${row.modelCount}</td><td class="num">${row.articleCount}</td></tr>`,
    )}</tbody></table></section>`,
    { operations: 'ExplorerHome' },
  );
}

// ---------------------------------------------------------------------------------------------
// Search

type SearchNode = ResultOf<typeof ExplorerSearch>['search']['edges'][number]['node'];

/** Where a search result leads, and how it is named. */
export function searchTarget(node: SearchNode): { href: string; label: Html; kind: string } {
  switch (node.__typename) {
    case 'Article':
      return {
        href: pathOf.article(node.url),
        label: html`<span lang="${langOf(node.title)}">${node.title}</span>`,
        kind: 'article',
      };
    case 'Model':
      return { href: pathOf.model(node.slug), label: names(node), kind: 'model' };
    case 'Organization':
      return { href: pathOf.organization(node.slug), label: names(node), kind: 'organization' };
    case 'Topic':
      return { href: pathOf.topic(node.slug), label: names(node), kind: 'topic' };
    case 'Person':
      return { href: pathOf.person(node.slug), label: names(node), kind: 'person' };
  }
}

export function searchPage(query: string, data: ResultOf<typeof ExplorerSearch> | null, error?: string): string {
  const results = data?.search;
  return layout(
    query ? `Search: ${query}` : 'Search',
    html`<h1>Search${query ? html`: <q lang="${langOf(query)}">${query}</q>` : ''}</h1>
${error ? html`<p class="error" role="alert">${error}</p>` : ''}
${
  results
    ? html`<p>${results.totalCount} results${results.totalCount > results.edges.length ? html`, the first ${results.edges.length}` : ''}.</p>
<ol class="results">${results.edges.map((edge) => {
        const target = searchTarget(edge.node);
        return html`<li><span class="kind">${target.kind}</span> <a href="${target.href}">${target.label}</a> <span class="muted">matched ${enumWords(edge.matchedField)}: <span lang="${langOf(edge.matchedText)}">${edge.matchedText}</span></span></li>`;
      })}</ol>`
    : ''
}`,
    { operations: 'ExplorerSearch', query },
  );
}

// ---------------------------------------------------------------------------------------------
// Claims, shared by models and organizations

type ClaimRow = {
  property: string;
  value: string;
  rank: string;
  rankReason: string;
  confidence: string;
  quote?: string | null;
  locator?: string | null;
  note?: string | null;
  parameters?: { display: string } | null;
  source: { slug: string; title: string; url?: string | null };
};

function claimValue(claim: ClaimRow): Html {
  return html`<span lang="${langOf(claim.value)}">${claim.parameters?.display ?? claim.value}</span>`;
}

function claimsTable(claims: readonly ClaimRow[]): Html {
  if (claims.length === 0) return html`<p class="muted">No claims recorded.</p>`;
  return html`<table class="claims"><thead><tr><th scope="col">Property</th><th scope="col">Value</th><th scope="col">Rank</th><th scope="col">Confidence</th><th scope="col">Source</th></tr></thead>
<tbody>${claims.map(
    (claim) =>
      html`<tr class="rank-${claim.rank.toLowerCase()}"><td>${enumWords(claim.property)}</td><td>${claimValue(claim)}${
        claim.quote ? html`<blockquote lang="${langOf(claim.quote)}">${claim.quote}</blockquote>` : ''
      }</td><td><span class="rank" title="${claim.rankReason}">${enumWords(claim.rank)}</span></td><td>${enumWords(claim.confidence)}</td><td>${sourceLink(claim.source)}${
        claim.locator ? html` <span class="muted">(${claim.locator})</span>` : ''
      }</td></tr>`,
  )}</tbody></table>`;
}

/** The properties on which sources disagree: each value in its own column, with the sources that give it. */
function disagreementsBlock(
  disagreements: readonly { property: string; values: readonly string[] }[],
  claims: readonly ClaimRow[],
): Html {
  if (disagreements.length === 0) return html``;
  return html`<section class="disagreements" aria-labelledby="disagree"><h2 id="disagree">Where the sources disagree</h2>
${disagreements.map((disagreement) => {
  const ofProperty = claims.filter((claim) => claim.property === disagreement.property);
  return html`<h3>${enumWords(disagreement.property)}</h3><div class="side-by-side">${disagreement.values.map(
    (value) => {
      const saying = ofProperty.filter((claim) => claim.value === value);
      return html`<div class="side"><p class="value">${saying[0] ? claimValue(saying[0]) : value}</p>${list(
        saying,
        (claim) =>
          html`${sourceLink(claim.source)} <span class="rank" title="${claim.rankReason}">${enumWords(claim.rank)}</span>, ${enumWords(claim.confidence)}`,
        'no claim gives this value',
      )}</div>`;
    },
  )}</div>`;
})}</section>`;
}

// ---------------------------------------------------------------------------------------------
// Models

/** At most this many models in each list beside the lineage picture. */
const STEP_LIST_LIMIT = 100;

/** The depths the lineage picture offers. */
export const LINEAGE_DEPTHS = [1, 2, 3, 4, 5, 6] as const;

type ModelData = NonNullable<ResultOf<typeof ModelPage>['model']>;

/** The models and edges of a model's lineage picture, from the two traversals of ModelPage. */
export function lineageOf(model: ModelData): { placed: PlacedModel[]; edges: PictureEdge[] } {
  const placed: PlacedModel[] = [
    ...model.up.map((step) => ({ model: step.model, column: -step.depth })),
    ...model.down.map((step) => ({ model: step.model, column: step.depth })),
  ];
  const edges = new Map<string, PictureEdge>();
  for (const step of [...model.up, ...model.down])
    for (const edge of step.edges)
      edges.set(`${edge.parent.slug} ${edge.kind} ${edge.child.slug}`, {
        parent: edge.parent.slug,
        child: edge.child.slug,
        kind: edge.kind,
        relation: edge.relation,
      });
  return { placed, edges: [...edges.values()] };
}

function factRow(label: string, value: Html | string | null | undefined): Html {
  return value === null || value === undefined || value === ''
    ? html``
    : html`<tr><th scope="row">${label}</th><td>${value}</td></tr>`;
}

export function modelPage(
  model: ModelData,
  depth: number,
  associations: boolean,
  claimProperties: readonly string[],
): string {
  const lineage = lineageOf(model);
  const picture = lineagePicture(model, lineage.placed, lineage.edges);
  // Kin reached through a variant or sibling step is not descent: counted apart.
  const isKin = (step: ModelData['up'][number]) => lineageRelationOf(step.kind as LineageKind) === 'ASSOCIATION';
  const ancestors = model.up.filter((step) => !isKin(step)).length;
  const descendants = model.down.filter((step) => !isKin(step)).length;
  const kin = model.up.length + model.down.length - ancestors - descendants;
  const plural = (count: number, word: string, words = `${word}s`) => `${count} ${count === 1 ? word : words}`;
  const stepList = (steps: ModelData['up']) => {
    const shown = steps.slice(0, STEP_LIST_LIMIT);
    return html`${list(
      shown,
      (step) =>
        html`${entityLink('model', step.model)} <span class="muted">${enumWords(step.kind)}, ${plural(step.depth, 'step')}</span>`,
      'none within this depth',
    )}${steps.length > shown.length ? html`<p class="muted">and ${steps.length - shown.length} more: GraphiQL lists them all.</p>` : ''}`;
  };
  return layout(
    model.name,
    html`<article class="entity model" data-slug="${model.slug}" data-version="${model.version}">
<p class="kind">Model</p>
<h1>${names(model)}</h1>
${model.aliases.length ? html`<p class="aliases">Also known as ${model.aliases.map((alias, index) => html`${index ? ', ' : ''}<span lang="${langOf(alias)}">${alias}</span>`)}</p>` : ''}
${model.description ? html`<p class="description" lang="${langOf(model.description)}">${model.description}</p>` : ''}
<table class="facts"><tbody>
${factRow('Parameters', model.parameterCount ? html`${model.parameterCount.display} <span class="zh" lang="zh">${model.parameterCount.displayZh}</span>` : html`<span class="muted">not disclosed, or no source qualifies</span>`)}
${factRow('Released', model.releaseDate ? html`${model.releaseDate}${model.releaseDatePrecision && model.releaseDatePrecision !== 'DAY' ? html` <span class="muted">(to the ${enumWords(model.releaseDatePrecision)})</span>` : ''}` : null)}
${factRow('Developed by', model.developers.length ? html`${model.developers.map((developer, index) => html`${index ? '; ' : ''}${entityLink('organization', developer.organization)} <span class="muted">(${enumWords(developer.role)}; ${sourceLink(developer.source)})</span>`)}` : null)}
${factRow('Family', model.family)}
${factRow('Architecture', model.architecture)}
${factRow('Open weights', model.openWeights === null || model.openWeights === undefined ? null : model.openWeights ? 'yes' : 'no')}
${factRow('Paper', model.paperUrl ? externalLink(model.paperUrl, model.paperTitle ?? model.paperUrl) : model.paperTitle)}
${factRow('arXiv', model.arxivId ? html`<a href="https://arxiv.org/abs/${model.arxivId}" rel="external noopener">${model.arxivId}</a>` : null)}
${factRow('Wikidata', model.wikidataId ? html`<a href="https://www.wikidata.org/wiki/${model.wikidataId}" rel="external noopener">${model.wikidataId}</a>` : null)}
${factRow('Topics', model.topics.length ? html`${model.topics.map((topic, index) => html`${index ? ', ' : ''}${entityLink('topic', topic)}`)}` : null)}
${factRow('Domains', model.domains.length ? html`${model.domains.map((domain, index) => html`${index ? ', ' : ''}${enumWords(domain.domain)}${domain.source ? html` <span class="muted">(${domain.source.title})</span>` : domain.derivation ? html` <span class="muted">(${domain.derivation})</span>` : ''}`)}` : null)}
${factRow('Tasks', model.tasks.length ? model.tasks.map((task) => task.task).join(', ') : null)}
${factRow('Trained on', model.trainedOn.length ? html`${model.trainedOn.map((entry, index) => html`${index ? ', ' : ''}${entry.quantity ? `${entry.quantity.toLocaleString('en')} × ` : ''}${entry.hardware.name}`)}` : null)}
${factRow('Training data', model.trainingData.length ? model.trainingData.map((entry) => entry.dataset.name).join(', ') : null)}
</tbody></table>
${disagreementsBlock(model.disagreements, model.claims)}
<section aria-labelledby="lineage"><h2 id="lineage">Lineage</h2>
<form class="depth" method="get" action="${pathOf.model(model.slug)}#lineage">
  <label for="depth">Steps each way</label>
  <select id="depth" name="depth">${LINEAGE_DEPTHS.map((option) => html`<option value="${option}"${option === depth ? unsafeRaw(' selected') : ''}>${option}</option>`)}</select>
  <label><input type="checkbox" name="associations" value="true"${associations ? unsafeRaw(' checked') : ''}> variants and siblings</label>
  <input type="hidden" name="set" value="1">
  <button type="submit">Show</button>
</form>
<p class="muted">${plural(ancestors, 'ancestor')} and ${plural(descendants, 'descendant')}${associations ? `, ${plural(kin, 'variant or sibling', 'variants or siblings')}` : ''} within ${plural(depth, 'step')}.</p>
<div class="picture">${unsafeRaw(picture)}</div>
<div class="columns"><div><h3>Ancestors${associations ? ' and their kin' : ''}</h3>${stepList(model.up)}</div><div><h3>Descendants${associations ? ' and their kin' : ''}</h3>${stepList(model.down)}</div></div>
</section>
<section aria-labelledby="claims"><h2 id="claims">Every claim, with its source and rank</h2>${claimsTable(model.claims)}</section>
<section aria-labelledby="articles"><h2 id="articles">Articles that cover it (${model.articles.totalCount})</h2>
${list(model.articles.edges, (edge) => html`${articleLink(edge.node)} <span class="muted">${enumWords(edge.relevance)}${edge.node.publishedAt ? `, ${edge.node.publishedAt}` : ''}</span>`)}
</section>
${editPanel(model, claimProperties)}
</article>`,
    { operations: 'ModelPage' },
  );
}

/** The editors' panel: a claim with its source, or a new description; explorer.js sends them with the editor's token. */
function editPanel(model: ModelData, claimProperties: readonly string[]): Html {
  // Hidden until explorer.js shows it: the forms send the token in a header, which only a script can.
  return html`<details class="edit" hidden><summary>Correct a fact (editors)</summary>
<p>Writes go through the public mutations (<code>addClaim</code>, <code>updateModel</code>) with your token, kept in this tab only. The page reloads with the result, and the change is in the model's history.</p>
<p><label>Token <input type="password" id="edit-token" autocomplete="off"></label></p>
<form class="add-claim" data-model="${model.slug}">
  <fieldset><legend>Add a claim</legend>
  <label>Property <select name="property">${claimProperties.map((property) => html`<option value="${property}">${enumWords(property)}</option>`)}</select></label>
  <label>Value <input name="value" required placeholder="175000000000, 2022-11-30, ..."></label>
  <label>Source (slug) <input name="source" required placeholder="a source's slug, e.g. user-note"></label>
  <label>Quote <input name="quote" placeholder="the words of the source"></label>
  <label>Confidence <select name="confidence"><option>CONFIDENT</option><option>LIKELY</option><option>SPECULATIVE</option></select></label>
  <button type="submit">Add the claim</button></fieldset>
</form>
<form class="update-model" data-model="${model.slug}" data-version="${model.version}">
  <fieldset><legend>Description</legend>
  <label for="description" class="visually-hidden">Description</label>
  <textarea id="description" name="description" rows="3">${model.description ?? ''}</textarea>
  <button type="submit">Save the description</button></fieldset>
</form>
<p class="edit-result" role="status" aria-live="polite"></p>
</details>`;
}

// ---------------------------------------------------------------------------------------------
// Organizations

type OrganizationData = NonNullable<ResultOf<typeof OrganizationPage>['organization']>;

export function organizationPage(organization: OrganizationData): string {
  const models = organization.models.edges.map((edge) => edge.node);
  const edges: PictureEdge[] = models.flatMap((model) =>
    model.parents.map((edge) => ({
      parent: edge.parent.slug,
      child: model.slug,
      kind: edge.kind,
      relation: edge.relation,
    })),
  );
  const timeline = timelinePicture(organization.name, models, edges);
  const undated = models.filter((model) => !model.releaseDate);
  return layout(
    organization.name,
    html`<article class="entity organization" data-slug="${organization.slug}">
<p class="kind">Organization</p>
<h1>${names(organization)}</h1>
${organization.aliases.length ? html`<p class="aliases">Also known as ${organization.aliases.map((alias, index) => html`${index ? ', ' : ''}<span lang="${langOf(alias)}">${alias}</span>`)}</p>` : ''}
${organization.description ? html`<p class="description" lang="${langOf(organization.description)}">${organization.description}</p>` : ''}
<table class="facts"><tbody>
${factRow('Country', organization.country)}
${factRow('Kind', enumWords(organization.kind))}
${factRow('Founded', organization.foundedYear ? String(organization.foundedYear) : null)}
${factRow('Website', organization.website ? externalLink(organization.website, organization.website) : null)}
${factRow('Wikidata', organization.wikidataId ? html`<a href="https://www.wikidata.org/wiki/${organization.wikidataId}" rel="external noopener">${organization.wikidataId}</a>` : null)}
${factRow('Part of', organization.parent ? entityLink('organization', organization.parent) : null)}
${factRow('Parts', organization.children.length ? html`${organization.children.map((child, index) => html`${index ? ', ' : ''}${entityLink('organization', child)}`)}` : null)}
</tbody></table>
<section aria-labelledby="models"><h2 id="models">Models over time (${organization.models.totalCount})</h2>
${timeline ? html`<div class="picture">${unsafeRaw(timeline)}</div>` : ''}
<table><thead><tr><th scope="col">Model</th><th scope="col">Released</th><th scope="col">Parameters</th><th scope="col">Role</th></tr></thead>
<tbody>${organization.models.edges.map(
      (edge) =>
        html`<tr><td>${entityLink('model', edge.node)}</td><td>${edge.node.releaseDate ?? ''}</td><td>${edge.node.parameterCount?.display ?? ''}</td><td>${enumWords(edge.role)}</td></tr>`,
    )}</tbody></table>
${organization.models.totalCount > organization.models.edges.length ? html`<p class="muted">The first ${organization.models.edges.length} of ${organization.models.totalCount}: GraphiQL pages through them all.</p>` : ''}
${undated.length ? html`<p class="muted">${undated.length} without a release date are not on the timeline.</p>` : ''}
</section>
<section aria-labelledby="claims"><h2 id="claims">Claims</h2>${claimsTable(organization.claims.map((claim) => ({ ...claim, locator: null })))}</section>
<section aria-labelledby="articles"><h2 id="articles">Articles that cover it (${organization.articles.totalCount})</h2>
${list(organization.articles.edges, (edge) => html`${articleLink(edge.node)} <span class="muted">${enumWords(edge.relevance)}${edge.node.publishedAt ? `, ${edge.node.publishedAt}` : ''}</span>`)}
</section>
</article>`,
    { operations: 'OrganizationPage' },
  );
}

// ---------------------------------------------------------------------------------------------
// Topics, people, articles

export function topicPage(topic: NonNullable<ResultOf<typeof TopicPage>['topic']>): string {
  return layout(
    topic.name,
    html`<article class="entity topic" data-slug="${topic.slug}">
<p class="kind">Topic</p>
<h1>${names(topic)}</h1>
${topic.description ? html`<p class="description" lang="${langOf(topic.description)}">${topic.description}</p>` : ''}
<table class="facts"><tbody>
${factRow('Within', topic.parent ? entityLink('topic', topic.parent) : null)}
${factRow('Narrower topics', topic.children.length ? html`${topic.children.map((child, index) => html`${index ? ', ' : ''}${entityLink('topic', child)}`)}` : null)}
</tbody></table>
<section aria-labelledby="models"><h2 id="models">Models (${topic.models.totalCount})</h2>
${list(topic.models.edges, (edge) => html`${entityLink('model', edge.node)}${edge.derivation ? html` <span class="muted">(${edge.derivation})</span>` : ''}`)}</section>
<section aria-labelledby="articles"><h2 id="articles">Articles (${topic.articles.totalCount})</h2>
${list(topic.articles.edges, (edge) => html`${articleLink(edge.node)} <span class="muted">${enumWords(edge.relevance)}</span>`)}</section>
</article>`,
    { operations: 'TopicPage' },
  );
}

export function personPage(person: NonNullable<ResultOf<typeof PersonPage>['person']>): string {
  return layout(
    person.name,
    html`<article class="entity person" data-slug="${person.slug}">
<p class="kind">Person</p>
<h1>${names(person)}</h1>
<table class="facts"><tbody>
${factRow('Source', person.source ? sourceLink(person.source) : null)}
${factRow('Identity', person.identity)}
${factRow('Namesakes', person.namesakes.length ? html`${person.namesakes.map((namesake, index) => html`${index ? ', ' : ''}<a href="${pathOf.person(namesake.slug)}">${namesake.name}</a> <span class="muted">(${namesake.slug})</span>`)}` : null)}
</tbody></table>
<section aria-labelledby="articles"><h2 id="articles">Papers and articles (${person.articles.totalCount})</h2>
${list(person.articles.edges, (edge) => html`${articleLink(edge.node)} <span class="muted">author ${edge.position}${edge.node.publishedAt ? `, ${edge.node.publishedAt}` : ''}</span>`)}</section>
<div class="columns">
<section aria-labelledby="models"><h2 id="models">Models of their papers</h2>${list(person.models, (row) => html`${entityLink('model', row.model)} <span class="muted">${row.articles}</span>`)}</section>
<section aria-labelledby="organizations"><h2 id="organizations">Organizations of their papers</h2>${list(person.organizations, (row) => html`${entityLink('organization', row.organization)} <span class="muted">${row.articles}</span>`)}</section>
</div>
</article>`,
    { operations: 'PersonPage' },
  );
}

export function articlePage(article: NonNullable<ResultOf<typeof ArticlePage>['article']>): string {
  const notListed = article.authorsNotListed
    ? html`<li class="muted">and ${article.authorsNotListed} more the source does not list</li>`
    : '';
  return layout(
    article.title,
    html`<article class="entity article">
<p class="kind">${enumWords(article.kind)}</p>
<h1 lang="${langOf(article.title)}">${article.title}</h1>
<p>${externalLink(article.url, article.url)}</p>
${article.summary ? html`<p class="description" lang="${langOf(article.summary)}">${article.summary}</p>` : ''}
<table class="facts"><tbody>
${factRow('Published', article.publishedAt)}
${factRow('Site', enumWords(article.site))}
${factRow('Language', article.language)}
${factRow('Citations', article.citations === null || article.citations === undefined ? null : html`${article.citations.toLocaleString('en')} <span class="muted">as of ${article.citationsAsOf} (${article.claims.filter((claim) => claim.asOf === article.citationsAsOf).map((claim) => claim.source.title)[0] ?? ''})</span>`)}
${factRow('Recorded from', article.source ? sourceLink(article.source) : null)}
</tbody></table>
${article.excerpt ? html`<blockquote lang="${langOf(article.excerpt)}">${article.excerpt}</blockquote>` : ''}
<section aria-labelledby="covers"><h2 id="covers">What it covers</h2>
<div class="columns">
<div><h3>Models</h3>${list(article.models.edges, (edge) => html`${entityLink('model', edge.node)} <span class="muted">${enumWords(edge.relevance)}, ${enumWords(edge.confidence)}${edge.basis ? `: ${edge.basis}` : ''}</span>`)}</div>
<div><h3>Organizations</h3>${list(article.organizations, (row) => html`${entityLink('organization', row.organization)} <span class="muted">${enumWords(row.relevance)}</span>`)}</div>
<div><h3>Topics</h3>${list(article.topics, (row) => html`${entityLink('topic', row.topic)} <span class="muted">${enumWords(row.relevance)}</span>`)}</div>
</div></section>
<section aria-labelledby="authors"><h2 id="authors">Authors (${article.authors.totalCount})</h2>
${article.authors.edges.length || notListed ? html`<ol>${article.authors.edges.map((edge) => html`<li>${entityLink('person', edge.node)}${edge.writtenAs !== edge.node.name ? html` <span class="muted">(written “<span lang="${langOf(edge.writtenAs)}">${edge.writtenAs}</span>”)</span>` : ''}</li>`)}${notListed}</ol>` : html`<p class="muted">none recorded</p>`}
</section>
</article>`,
    { operations: 'ArticlePage' },
  );
}
