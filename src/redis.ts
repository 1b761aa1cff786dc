/**
 * What several instances of the server share through Redis when `REDIS_URL` is set: the graph's
 * change events (subscriptions hear a write made through any instance, via Yoga's Redis event
 * target) and the per-client rate limit (one budget per client, whichever instance it reaches).
 * Without `REDIS_URL`, both stay in the process (src/events.ts, src/plugins/use-rate-limit.ts).
 *
 * Redis keeps nothing the graph needs: data, tokens and history live in the database. If Redis
 * goes away, the rate limit lets requests through (logged) and events wait for it to come back
 * (ioredis reconnects); nothing else is affected.
 */
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { Redis } from 'ioredis';
import { createGraphEvents, type GraphEvents, SUBSCRIPTION_LIMITS } from './events.js';
import type { Logger } from './logger.js';
import type { RateDecision, RateLimiter } from './plugins/use-rate-limit.js';

/** The Redis connections of one instance, and what it shares through them. */
export type SharedState = Readonly<{
  events: GraphEvents;
  /** The rate limiter for `perMinute` requests a minute per client; null when the limit is off. */
  rateLimiter: RateLimiter | null;
  close(): Promise<void>;
}>;

/**
 * A fixed-window limiter in Redis: one counter per client and minute (`INCR`, expiring with the
 * minute). Unlike the in-process token bucket it allows a burst of up to twice the rate across a
 * minute's edge; in exchange every instance counts the same requests with one round trip.
 */
export function createRedisRateLimiter(
  redis: Redis,
  options: { perMinute: number; prefix: string; logger: Logger; now?: () => number },
): RateLimiter {
  const now = options.now ?? Date.now;
  let warned = false;
  return {
    async take(client): Promise<RateDecision> {
      const at = now();
      const minute = Math.floor(at / 60_000);
      const key = `${options.prefix}rate:${minute}:${client}`;
      try {
        const [[incrementError, count] = [null, 0], [expireError] = [null]] =
          (await redis.multi().incr(key).expire(key, 61).exec()) ?? [];
        if (incrementError || expireError) throw incrementError ?? expireError;
        if (Number(count) <= options.perMinute) return { allowed: true };
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(((minute + 1) * 60_000 - at) / 1000)) };
      } catch (error) {
        // Availability first: a limit we cannot count does not refuse anyone.
        if (!warned) options.logger.warn({ err: error }, 'rate limit: Redis did not answer; requests are let through');
        warned = true;
        return { allowed: true };
      }
    },
  };
}

/** Connects to Redis at `url` (two connections: a subscriber cannot publish) and builds the shared state. */
export async function connectShared(
  url: string,
  options: { prefix: string; rateLimitPerMinute: number; logger: Logger },
): Promise<SharedState> {
  const connect = () =>
    new Redis(url, {
      // Fail a command fast instead of queueing it while Redis is away.
      maxRetriesPerRequest: 1,
      connectTimeout: 5_000,
      lazyConnect: true,
    });
  const publishClient = connect();
  const subscribeClient = connect();
  for (const client of [publishClient, subscribeClient])
    client.on('error', (error: Error) => options.logger.warn({ err: error }, 'Redis connection error'));
  try {
    await Promise.all([publishClient.connect(), subscribeClient.connect()]);
  } catch (error) {
    publishClient.disconnect();
    subscribeClient.disconnect();
    throw new Error(`cannot reach Redis at REDIS_URL (${redactedUrl(url)}): ${(error as Error).message}`, {
      cause: error,
    });
  }
  const events = createGraphEvents(SUBSCRIPTION_LIMITS, {
    eventTarget: createRedisEventTarget({ publishClient, subscribeClient }),
    prefix: options.prefix,
  });
  return {
    events,
    rateLimiter:
      options.rateLimitPerMinute > 0
        ? createRedisRateLimiter(publishClient, {
            perMinute: options.rateLimitPerMinute,
            prefix: options.prefix,
            logger: options.logger,
          })
        : null,
    async close() {
      await Promise.allSettled([publishClient.quit(), subscribeClient.quit()]);
    },
  };
}

/** The URL without its password, for messages. */
export function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'an unparsable URL';
  }
}
