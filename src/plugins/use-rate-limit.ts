/**
 * Per-client rate limiting: a token bucket per client address holding up to `perMinute` tokens,
 * refilled at `perMinute` per minute. A request takes a token; without one it is answered 429
 * `RATE_LIMITED` with `Retry-After` (whole seconds until a token is back), before its body is read.
 *
 * The buckets live in this process's memory: each instance limits on its own, and a restart
 * forgets them. With `REDIS_URL` set, the server passes the shared limiter of src/redis.ts
 * instead: every instance draws on the same per-client budget.
 */
import { isIPv6 } from 'node:net';
import type { Plugin } from 'graphql-yoga';
import { currentRequest } from '../request-scope.js';
import { EXEMPT_PATHS, rejection } from './rejection.js';

/** What a limiter answers for one request of a client. */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Takes one request from a client's budget; a shared limiter (src/redis.ts) answers asynchronously. */
export type RateLimiter = { take(client: string): RateDecision | Promise<RateDecision> };

type Bucket = { tokens: number; updatedAt: number };

/**
 * An in-memory token-bucket limiter. It keeps at most `maxClients` buckets: a full bucket is
 * forgotten (it is what a new client gets), and past the bound the oldest are dropped, so a
 * stream of new addresses cannot grow memory without end.
 */
export function createRateLimiter(options: {
  /** Requests per minute per client, and the largest burst. */
  perMinute: number;
  /** @default 100_000 */
  maxClients?: number;
  /** Milliseconds; injectable so tests need no waiting. @default Date.now */
  now?: () => number;
}): RateLimiter {
  const capacity = options.perMinute;
  const perMs = options.perMinute / 60_000;
  const maxClients = options.maxClients ?? 100_000;
  const now = options.now ?? Date.now;
  const buckets = new Map<string, Bucket>();
  let sweptAt = now();

  /** Drops the buckets that have refilled: remembering them changes nothing. */
  function sweep(at: number): void {
    sweptAt = at;
    for (const [client, bucket] of buckets) {
      if (bucket.tokens + (at - bucket.updatedAt) * perMs >= capacity) buckets.delete(client);
    }
  }

  return {
    take(client) {
      const at = now();
      if (at - sweptAt > 60_000) sweep(at);
      const bucket = buckets.get(client);
      const tokens = bucket ? Math.min(capacity, bucket.tokens + (at - bucket.updatedAt) * perMs) : capacity;
      if (tokens < 1) {
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / perMs / 1000)) };
      }
      if (bucket) {
        bucket.tokens = tokens - 1;
        bucket.updatedAt = at;
      } else {
        if (buckets.size >= maxClients) {
          const oldest = buckets.keys().next().value;
          if (oldest !== undefined) buckets.delete(oldest);
        }
        buckets.set(client, { tokens: tokens - 1, updatedAt: at });
      }
      return { allowed: true };
    },
  };
}

/**
 * The budget a client address draws on: an IPv4 address, or an IPv6 address's /64 network (one
 * subscriber usually holds a whole /64, so per-address buckets would be free to multiply).
 */
export function rateLimitKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1] as string;
  if (!isIPv6(address)) return address;
  const [head = '', tail = ''] = address.toLowerCase().split('%')[0]?.split('::') ?? [];
  const left = head === '' ? [] : head.split(':');
  const right = address.includes('::') ? (tail === '' ? [] : tail.split(':')) : [];
  const groups = [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

export type RateLimitOptions = {
  /** Requests per minute per client address; 0 turns the limit off. @default 600 */
  perMinute?: number;
  /** The limiter; by default {@link createRateLimiter} with `perMinute`. */
  limiter?: RateLimiter;
};

/**
 * See the module comment. The client is the scope's address (see `TRUST_PROXY`) keyed by
 * {@link rateLimitKey}; a request without one (an in-process `app.fetch`) is not limited.
 * Probes and /metrics are exempt.
 */
export function useRateLimit(options: RateLimitOptions = {}): Plugin {
  const perMinute = options.perMinute ?? 600;
  if (perMinute === 0 && !options.limiter) return {};
  const limiter = options.limiter ?? createRateLimiter({ perMinute });
  return {
    async onRequest({ url, endResponse, fetchAPI }) {
      const client = currentRequest()?.client;
      if (client === undefined || EXEMPT_PATHS.has(url.pathname)) return;
      const decision = await limiter.take(rateLimitKey(client));
      if (decision.allowed) return;
      endResponse(
        rejection(
          fetchAPI,
          429,
          'RATE_LIMITED',
          `Too many requests: at most ${perMinute} a minute from one client; retry in ${decision.retryAfterSeconds} s.`,
          decision.retryAfterSeconds,
        ),
      );
    },
  };
}
