/**
 * Live changes of the graph: every write the API makes is published, after it commits, as one
 * `GraphChange` per entity it changed (its revision). Subscriptions (src/schema/subscriptions.ts)
 * filter them. The events go through Yoga's pub/sub (its own package: an execution worker loads no
 * HTTP server), whose in-process event target a shared one (Redis) can replace for several
 * instances; an operation executed in a worker thread hands its changes to the main thread, which
 * publishes them (src/plugins/use-execution-pool.ts).
 */
import { createPubSub } from '@graphql-yoga/subscription';
import { GraphQLError } from 'graphql';
import type { Actor, RecordedRevision } from './graph/index.js';

/** One entity's change by one write, as subscribers receive it. */
export type GraphChange = RecordedRevision & Readonly<{ actor: string; actorKind: Actor['kind']; at: string }>;

/** Where changes are published and heard. */
export type GraphEvents = Readonly<{
  publish(changes: readonly GraphChange[]): void;
  /**
   * The changes from now on, for one subscription of `client` (an address). Throws a
   * `TOO_MANY_SUBSCRIPTIONS` error past the limits: each open subscription holds a connection.
   */
  subscribe(client?: string): AsyncIterable<GraphChange>;
}>;

const TOPIC = 'graph:changed';

/** An event target shared by instances (Yoga's Redis event target is one). */
export type SharedEventTarget = NonNullable<NonNullable<Parameters<typeof createPubSub>[0]>['eventTarget']>;

/** Open subscriptions one process serves, and one client may hold. */
export const SUBSCRIPTION_LIMITS = { total: 1000, perClient: 20 } as const;

/**
 * Events within this process (Yoga's default, in-memory event target), or through `eventTarget`
 * (src/redis.ts: Redis, shared by every instance) on the channel `${prefix}graph:changed`. The
 * subscription limits are this process's: each open subscription holds one of its connections.
 */
export function createGraphEvents(
  limits: { total: number; perClient: number } = SUBSCRIPTION_LIMITS,
  shared: { eventTarget?: SharedEventTarget; prefix?: string } = {},
): GraphEvents {
  const topic = `${shared.prefix ?? ''}${TOPIC}`;
  const pubsub = createPubSub<Record<string, [GraphChange]>>(
    shared.eventTarget ? { eventTarget: shared.eventTarget } : {},
  );
  let total = 0;
  const perClient = new Map<string, number>();
  return {
    publish(changes) {
      for (const change of changes) pubsub.publish(topic, change);
    },
    subscribe(client = '') {
      const held = perClient.get(client) ?? 0;
      if (total >= limits.total || held >= limits.perClient) {
        throw new GraphQLError(
          total >= limits.total
            ? `The server holds ${limits.total} subscriptions, its limit: retry later.`
            : `A client may hold ${limits.perClient} subscriptions at once: close one first (one subscription with a broader filter hears the same changes).`,
          { extensions: { code: 'TOO_MANY_SUBSCRIPTIONS' } },
        );
      }
      total += 1;
      perClient.set(client, held + 1);
      const source = pubsub.subscribe(topic);
      let released = false;
      // Released once, however the subscription ends (the client leaves, the server stops),
      // even if it ends before its first event.
      const release = () => {
        if (released) return;
        released = true;
        total -= 1;
        const left = (perClient.get(client) ?? 1) - 1;
        if (left === 0) perClient.delete(client);
        else perClient.set(client, left);
      };
      const iterator: AsyncIterableIterator<GraphChange> = {
        [Symbol.asyncIterator]: () => iterator,
        async next() {
          const result = await source.next();
          if (result.done) release();
          return result as IteratorResult<GraphChange>;
        },
        async return() {
          release();
          await source.return();
          return { done: true, value: undefined };
        },
        async throw(error?: unknown) {
          release();
          await source.return();
          throw error;
        },
      };
      return iterator;
    },
  };
}

/** Events kept for the thread that publishes them (an execution worker collects its operation's). */
export function collectGraphEvents(into: GraphChange[]): GraphEvents {
  return {
    publish(changes) {
      into.push(...changes);
    },
    subscribe() {
      throw new Error('subscriptions run on the main thread, not in an execution worker');
    },
  };
}

/** The changes of a committed write, as events. */
export function changesOf(revisions: readonly RecordedRevision[], actor: Actor): GraphChange[] {
  const at = new Date().toISOString();
  return revisions.map((revision) => ({ ...revision, actor: actor.name, actorKind: actor.kind, at }));
}
