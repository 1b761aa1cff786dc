/**
 * Cross-site request forgery: a page on another site can make a browser send a GET, or a POST
 * of a form or of `text/plain`, without asking first (no CORS preflight), so CORS alone cannot
 * stop it from running. Yoga's CSRF prevention refuses such requests unless they carry a header
 * that only a preflighted request can carry; this wrapper gives its refusal a code and a message
 * that says what to send instead.
 */
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { createGraphQLError, type Plugin } from 'graphql-yoga';

/** The header that marks a GET (or a form POST) as sent on purpose. */
export const CSRF_HEADER = 'x-graphql-yoga-csrf';

/**
 * Refuses, with a 403 and code `CSRF_PREVENTED`, a GraphQL request a browser would send from
 * another site without a preflight: a GET, or a POST whose content type is a form or text,
 * unless it carries the {@link CSRF_HEADER} header. POSTs of JSON (what GraphiQL and every
 * GraphQL client send) pass.
 */
export function useCsrfPrevention(): Plugin {
  const prevention = useCSRFPrevention({ requestHeaders: [CSRF_HEADER] });
  return {
    onRequestParse(payload) {
      try {
        return prevention.onRequestParse?.(payload);
      } catch {
        throw createGraphQLError(
          `This request could come from another site's page without the browser asking first: send it as a POST with content-type application/json, or add the header "${CSRF_HEADER}: 1".`,
          { extensions: { code: 'CSRF_PREVENTED', http: { status: 403 } } },
        );
      }
    },
  };
}
