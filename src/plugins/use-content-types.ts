/**
 * The request bodies the API reads: JSON (`application/json`, what every GraphQL client sends)
 * and a bare document (`application/graphql`). Anything else, an upload's `multipart/form-data`
 * included (the API takes no uploads), is refused with a 415 and a code, where Yoga answered an
 * empty 415.
 */
import { createGraphQLError, type Plugin } from 'graphql-yoga';

const READ_BODIES = ['application/json', 'application/graphql', 'application/x-www-form-urlencoded', 'text/plain'];

/** Refuses POST bodies of a type the API does not read: 415, code `UNSUPPORTED_MEDIA_TYPE`. */
export function useKnownContentTypes(): Plugin {
  return {
    onRequestParse({ request }) {
      if (request.method !== 'POST') return;
      const type = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
      if (READ_BODIES.includes(type)) return;
      throw createGraphQLError(
        `A GraphQL request is a POST with content-type application/json (got "${type || 'none'}"); the API takes no uploads.`,
        { extensions: { code: 'UNSUPPORTED_MEDIA_TYPE', http: { status: 415 } } },
      );
    },
  };
}
