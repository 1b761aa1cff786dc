/**
 * How the server turns a request away before reading it (rate limit, in-flight cap): a status,
 * `Retry-After`, and a GraphQL-shaped body with one error and its code, so a GraphQL client shows
 * the message as it shows any other error.
 */
import type { FetchAPI } from 'graphql-yoga';
import { currentRequest } from '../request-scope.js';

/**
 * Paths no limit applies to: probes must answer while the server is saturated (that is when
 * they matter), and a scrape must see the saturation.
 */
export const EXEMPT_PATHS: ReadonlySet<string> = new Set(['/health', '/ready', '/live', '/metrics']);

/** A response refusing the request, counted as a GraphQL error with `code` for logs and metrics. */
export function rejection(
  fetchAPI: FetchAPI,
  status: number,
  code: string,
  message: string,
  retryAfterSeconds: number,
): Response {
  currentRequest()?.errorCodes.push(code);
  return new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'retry-after': String(retryAfterSeconds) },
  });
}
