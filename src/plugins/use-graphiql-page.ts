/**
 * GraphiQL, self-hosted, for a browser's `GET /graphql` (Yoga's own `graphiql` option is off).
 * Served by a plugin rather than by Yoga because Yoga answers its GraphiQL before any user
 * plugin runs, so the rate limit and the in-flight cap would not apply to a 9 MB page; here it
 * comes after them. The page is rendered once and kept; its 9 MB of code are loaded when it is
 * first asked for, not at start (0.1 s of a start, and memory a server without visitors does not
 * need).
 */
import type { GraphiQLOptions, Plugin } from 'graphql-yoga';

export type GraphiQLPageOptions = GraphiQLOptions & {
  /** Where GraphiQL is served and sends its operations. @default '/graphql' */
  endpoint?: string;
};

/** See the module comment. */
export function useGraphiQLPage(options: GraphiQLPageOptions = {}): Plugin {
  const { endpoint = '/graphql', ...graphiql } = options;
  let page: Promise<string> | undefined;
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (request.method !== 'GET' || !request.headers.get('accept')?.includes('text/html')) return;
      if (url.pathname !== endpoint && url.pathname !== `${endpoint}/`) return;
      page ??= import('@graphql-yoga/render-graphiql').then(({ renderGraphiQL }) =>
        renderGraphiQL({ endpoint, ...graphiql }),
      );
      return page.then((html) =>
        endResponse(
          new fetchAPI.Response(html, { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' } }),
        ),
      );
    },
  };
}
