/**
 * The atlas explorer (src/explorer/): `/` (overview and search), a page per model, organization,
 * topic, person and article at URLs built from slugs (`/models/chatgpt`, `/organizations/baidu`,
 * `/articles/arxiv.org/abs/2203.02155`), `/search?q=`, and the pages' stylesheet and script
 * under `/explorer/`. Each page runs one persisted operation of the public schema on this thread
 * (bounded selections: the lineage is cut at six steps, lists at a hundred) and renders HTML
 * that reads without JavaScript. Requests pass the rate limit and in-flight cap first.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type DocumentNode, type ExecutionResult, execute, GraphQLEnumType, parse } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { createContext } from '../context.js';
import type { Database } from '../db/client.js';
import { databaseTrouble, sqliteCode } from '../db/errors.js';
import type { GraphEvents } from '../events.js';
import type { ExecutionPool } from '../execution/pool.js';
import type { ResultOf } from '../explorer/graphql.js';
import {
  type ArticlePage,
  type ExplorerHome,
  type ExplorerSearch,
  type ModelPage,
  type OrganizationPage,
  PERSISTED_OPERATIONS,
  type PersonPage,
  type TopicPage,
} from '../explorer/operations.js';
import {
  articlePage,
  articleUrlOf,
  homePage,
  LINEAGE_DEPTHS,
  messagePage,
  modelPage,
  organizationPage,
  pathOf,
  personPage,
  searchPage,
  topicPage,
} from '../explorer/pages.js';
import type { Logger } from '../logger.js';
import { PROJECT_ROOT } from '../paths.js';
import { currentRequest } from '../request-scope.js';
import { schema } from '../schema/index.js';
import { runWithLookups } from '../schema/request-lookups.js';

const ASSETS = join(PROJECT_ROOT, 'src', 'explorer', 'assets');

/** What the pages allow the browser to load: this origin only, no inline script or style. */
const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/** The default number of lineage steps each way on a model's page. */
export const DEFAULT_LINEAGE_DEPTH = 3;

/** A user's mistake in a page's address: answered 400 with the reason. */
class BadAddress extends Error {}

/** The server cannot build the page now (busy, out of time, the database unavailable): 503, retry. */
class Unavailable extends Error {}

/** The persisted operations parsed by graphql-js once (with their text, for the request lookups). */
const documents = new Map<string, { document: DocumentNode; query: string }>(
  [...PERSISTED_OPERATIONS.values()].map((operation) => [
    operation.name,
    { document: parse(operation.query), query: operation.query },
  ]),
);

/** The values of ClaimProperty, as the schema has them (the editors' form offers them). */
const CLAIM_PROPERTIES = (() => {
  const type = schema.getType('ClaimProperty');
  return type instanceof GraphQLEnumType ? type.getValues().map((value) => value.name) : [];
})();

function assets() {
  const operations = Object.fromEntries(
    [...PERSISTED_OPERATIONS.values()].map((operation) => [operation.name, operation.sha256Hash]),
  );
  return new Map<string, { type: string; text: string }>([
    [
      '/explorer/explorer.js',
      {
        type: 'text/javascript; charset=utf-8',
        text: `const OPERATIONS = ${JSON.stringify(operations)};\n${readFileSync(join(ASSETS, 'explorer.js'), 'utf8')}`,
      },
    ],
    [
      '/explorer/explorer.css',
      { type: 'text/css; charset=utf-8', text: readFileSync(join(ASSETS, 'explorer.css'), 'utf8') },
    ],
    ['/explorer/icon.svg', { type: 'image/svg+xml', text: readFileSync(join(ASSETS, 'icon.svg'), 'utf8') }],
    // Browsers ask for it whatever the page says.
    ['/favicon.ico', { type: 'image/svg+xml', text: readFileSync(join(ASSETS, 'icon.svg'), 'utf8') }],
    [
      '/explorer/operations.json',
      {
        type: 'application/json; charset=utf-8',
        text: `${JSON.stringify(
          {
            description:
              'The persisted operations of the llm-atlas explorer. Send `extensions: {"persistedQuery": {"version": 1, "sha256Hash": <sha256Hash>}}` to /graphql instead of the query.',
            operations: [...PERSISTED_OPERATIONS.values()],
          },
          null,
          2,
        )}\n`,
      },
    ],
  ]);
}

function lineageDepth(value: string | null): number {
  if (value === null || value === '') return DEFAULT_LINEAGE_DEPTH;
  const depth = Number(value);
  if (!LINEAGE_DEPTHS.includes(depth as (typeof LINEAGE_DEPTHS)[number]))
    throw new BadAddress(`depth must be one of ${LINEAGE_DEPTHS.join(', ')}, not "${value}"`);
  return depth;
}

/**
 * Serves the explorer's pages and assets; `logger` hears the unexpected errors (the page shows
 * none of their details). With an execution `pool`, pages run their operation in its workers
 * like any other request (the same time budget, the same fairness between clients): the main
 * thread only renders.
 */
export function useExplorer(database: Database, events: GraphEvents, logger: Logger, pool?: ExecutionPool): Plugin {
  const files = assets();
  async function run<T>(name: string, variables: Record<string, unknown>): Promise<T> {
    const operation = documents.get(name);
    if (!operation) throw new Error(`no persisted operation ${name}`);
    let result: { data?: unknown; errors?: readonly { message: string; extensions?: Record<string, unknown> }[] };
    if (pool) {
      const outcome = await pool.execute(
        { query: operation.query, variables, operationName: name, authorization: null },
        currentRequest()?.client ?? '',
      );
      if ('refused' in outcome)
        throw new Unavailable(
          outcome.refused === 'timeout'
            ? 'building this page took longer than the server allows'
            : 'the server is busy or restarting',
        );
      const scope = currentRequest();
      if (scope) {
        scope.statements += outcome.statements;
        scope.statementMs += outcome.statementMs;
      }
      result = outcome;
    } else {
      // A page is a read: a read replica's, when there are some.
      const context = createContext(database, null, events, database.reader());
      result = (await runWithLookups(
        context,
        { query: operation.query, document: operation.document, variables, operationName: name },
        () => execute({ schema, document: operation.document, variableValues: variables, contextValue: context }),
      )) as ExecutionResult;
    }
    if (result.errors?.length) {
      const [error] = result.errors;
      const code = error?.extensions?.code;
      // An error of the request (a search of 201 characters) is the reader's to fix; any other is ours.
      if (code === 'BAD_USER_INPUT' || code === 'INVALID_INPUT') throw new BadAddress(error?.message ?? 'bad input');
      if (code === 'DATABASE_UNAVAILABLE' || code === 'DATABASE_TIMEOUT') throw new Unavailable(error?.message ?? code);
      throw Object.assign(new Error(error?.message ?? 'the operation failed'), { cause: error });
    }
    return result.data as T;
  }

  async function render(url: URL): Promise<{ status: number; body: string } | { redirect: string } | undefined> {
    const path = url.pathname;
    if (path === '/')
      return { status: 200, body: homePage(await run<ResultOf<typeof ExplorerHome>>('ExplorerHome', {})) };
    if (path === '/search') {
      const query = (url.searchParams.get('q') ?? '').trim();
      if (!query) return { status: 200, body: searchPage('', null) };
      try {
        return {
          status: 200,
          body: searchPage(query, await run<ResultOf<typeof ExplorerSearch>>('ExplorerSearch', { query, first: 50 })),
        };
      } catch (error) {
        if (error instanceof BadAddress) return { status: 400, body: searchPage(query, null, error.message) };
        throw error;
      }
    }
    const match = /^\/(models|organizations|topics|people|articles)\/(.+)$/.exec(path);
    if (!match) return undefined;
    const [, kind, rest] = match as unknown as [string, string, string];
    if (kind === 'articles') {
      // An article URL pasted with its query string (`?v=...`) keeps it: the canonical page has it as %3F.
      const articleUrl = articleUrlOf(rest + url.search);
      if (!articleUrl)
        throw new BadAddress('an article page is at /articles/ followed by the article URL without https://');
      const data = await run<ResultOf<typeof ArticlePage>>('ArticlePage', { url: articleUrl });
      if (!data.article)
        return { status: 404, body: messagePage('Not found', `No article has the URL ${articleUrl}.`) };
      if (pathOf.article(data.article.url) !== path) return { redirect: pathOf.article(data.article.url) };
      return { status: 200, body: articlePage(data.article) };
    }
    let slug: string;
    try {
      slug = decodeURIComponent(rest);
    } catch {
      throw new BadAddress(`"${rest}" is not a valid slug`);
    }
    switch (kind) {
      case 'models': {
        const depth = lineageDepth(url.searchParams.get('depth'));
        // A checkbox left unchecked sends nothing: the form's `set` tells "unchecked" from "not given".
        const associations = url.searchParams.has('set')
          ? url.searchParams.get('associations') === 'true'
          : url.searchParams.get('associations') !== 'false';
        const data = await run<ResultOf<typeof ModelPage>>('ModelPage', { slug, depth, associations });
        if (!data.model) return { status: 404, body: messagePage('Not found', `No model has the slug "${slug}".`) };
        if (data.model.slug !== slug) return { redirect: `${pathOf.model(data.model.slug)}${url.search}` };
        return { status: 200, body: modelPage(data.model, depth, associations, CLAIM_PROPERTIES) };
      }
      case 'organizations': {
        const data = await run<ResultOf<typeof OrganizationPage>>('OrganizationPage', { slug });
        if (!data.organization)
          return { status: 404, body: messagePage('Not found', `No organization has the slug "${slug}".`) };
        if (data.organization.slug !== slug) return { redirect: pathOf.organization(data.organization.slug) };
        return { status: 200, body: organizationPage(data.organization) };
      }
      case 'topics': {
        const data = await run<ResultOf<typeof TopicPage>>('TopicPage', { slug });
        if (!data.topic) return { status: 404, body: messagePage('Not found', `No topic has the slug "${slug}".`) };
        if (data.topic.slug !== slug) return { redirect: pathOf.topic(data.topic.slug) };
        return { status: 200, body: topicPage(data.topic) };
      }
      default: {
        const data = await run<ResultOf<typeof PersonPage>>('PersonPage', { slug });
        if (!data.person) return { status: 404, body: messagePage('Not found', `No person has the slug "${slug}".`) };
        return { status: 200, body: personPage(data.person) };
      }
    }
  }

  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      const asset = files.get(url.pathname);
      const isPage =
        url.pathname === '/' ||
        url.pathname === '/search' ||
        /^\/(models|organizations|topics|people|articles)\/./.test(url.pathname);
      if (!asset && !isPage) return;
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        endResponse(
          new fetchAPI.Response('Pages are read with GET.\n', { status: 405, headers: { allow: 'GET, HEAD' } }),
        );
        return;
      }
      const respond = (status: number, type: string, text: string, headers: Record<string, string> = {}) =>
        endResponse(
          new fetchAPI.Response(request.method === 'HEAD' ? null : text, {
            status,
            headers: { 'content-type': type, 'x-content-type-options': 'nosniff', ...headers },
          }),
        );
      if (asset) {
        respond(200, asset.type, asset.text, { 'cache-control': 'no-cache' });
        return;
      }
      const pageHeaders = {
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'cache-control': 'no-cache',
        // A page's address never leaves this site in a Referer header.
        'referrer-policy': 'same-origin',
      };
      try {
        const page = await render(url);
        if (!page) return;
        if ('redirect' in page) {
          endResponse(new fetchAPI.Response(null, { status: 301, headers: { location: page.redirect } }));
          return;
        }
        respond(page.status, 'text/html; charset=utf-8', page.body, pageHeaders);
      } catch (error) {
        if (error instanceof Unavailable || sqliteCode(error) !== undefined || databaseTrouble(error) !== undefined) {
          logger.warn({ err: error, path: url.pathname }, 'explorer page unavailable');
          respond(
            503,
            'text/html; charset=utf-8',
            messagePage('Unavailable', 'The graph cannot answer right now. Please try again in a few seconds.'),
            { ...pageHeaders, 'retry-after': '5' },
          );
          return;
        }
        if (error instanceof BadAddress) {
          respond(
            400,
            'text/html; charset=utf-8',
            messagePage('Bad address', `This address is not one the explorer reads: ${error.message}.`),
            pageHeaders,
          );
          return;
        }
        logger.error({ err: error, path: url.pathname }, 'explorer page failed');
        respond(
          500,
          'text/html; charset=utf-8',
          messagePage(
            'Something went wrong',
            'Something went wrong on our side while building this page; it has been logged. Please try again.',
          ),
          pageHeaders,
        );
      }
    },
  };
}
