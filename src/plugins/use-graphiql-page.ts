/**
 * GraphiQL, self-hosted, for a browser's `GET /graphql` (Yoga's own `graphiql` option is off).
 * Served by a plugin rather than by Yoga because Yoga answers its GraphiQL before any user
 * plugin runs, so the rate limit and the in-flight cap would not apply to a 9 MB page; here it
 * comes after them. The page is rendered once and kept.
 */
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import type { GraphiQLOptions, Plugin } from 'graphql-yoga';

export type GraphiQLPageOptions = GraphiQLOptions & {
  /** Where GraphiQL is served and sends its operations. @default '/graphql' */
  endpoint?: string;
};

/** See the module comment. */
export function useGraphiQLPage(options: GraphiQLPageOptions = {}): Plugin {
  const { endpoint = '/graphql', ...graphiql } = options;
  let page: string | undefined;
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (request.method !== 'GET' || !request.headers.get('accept')?.includes('text/html')) return;
      if (url.pathname !== endpoint && url.pathname !== `${endpoint}/`) return;
      page ??= renderGraphiQL({ endpoint, ...graphiql });
      endResponse(
        new fetchAPI.Response(page, { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' } }),
      );
    },
  };
}
