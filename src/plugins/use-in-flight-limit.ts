/**
 * A cap on the requests handled at once. Past it a request is answered 503 `SERVER_BUSY` with
 * `Retry-After: 1` as soon as its headers arrive, before its body is read or parsed, so a flood
 * costs almost nothing and the requests already admitted keep the process to themselves.
 */
import type { Plugin } from 'graphql-yoga';
import { EXEMPT_PATHS, rejection } from './rejection.js';

export type InFlightLimitOptions = {
  /** Requests handled at once (probes and /metrics are always admitted); 0 turns the cap off. @default 64 */
  maxInFlight?: number;
};

/** See the module comment. */
export function useInFlightLimit(options: InFlightLimitOptions = {}): Plugin {
  const max = options.maxInFlight ?? 64;
  let inFlight = 0;
  return {
    // Counted around the whole handling, so a request that fails anywhere still leaves the count.
    instrumentation: {
      request: async (_payload, handle) => {
        inFlight += 1;
        try {
          await handle();
        } finally {
          inFlight -= 1;
        }
      },
    },
    onRequest({ url, endResponse, fetchAPI }) {
      // inFlight includes this request.
      if (max === 0 || inFlight <= max || EXEMPT_PATHS.has(url.pathname)) return;
      endResponse(
        rejection(
          fetchAPI,
          503,
          'SERVER_BUSY',
          `The server is handling ${max} requests at once, its limit; retry in a second.`,
          1,
        ),
      );
    },
  };
}
