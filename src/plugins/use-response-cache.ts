/**
 * A cache of whole answers to anonymous queries, keyed by the graph's version: an answer is
 * served again only while the graph is the one it was computed from, so no answer is ever stale
 * after a write, whoever made it (a mutation through any instance, an importer on the command
 * line, a restored backup). The version is the id of the latest revision (`GraphStore.graphVersion`,
 * one index lookup): a request answered from the cache costs that one statement.
 *
 * Not Yoga's response-cache plugin: it invalidates by the entities an answer contains, which
 * misses what a write adds (a new article covering Baidu belongs in an answer that did not hold
 * it), and only hears writes made through the server; and it rewrites every document to ask for
 * `__typename` and ids. Keying by the version needs neither.
 *
 * Only queries without an `Authorization` header are cached (an editor's answers may hold what is
 * theirs: `viewer`), only answers without errors, at most `maxBytes` of answers (the least
 * recently used go first).
 */
import { getOperationAST, print } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../context.js';
import { currentRequest } from '../request-scope.js';

/** Answers by key, least recently used first out, bounded by the size of their JSON. */
export class ResponseCache {
  private readonly entries = new Map<string, string>();
  private bytes = 0;
  /** Answers served from the cache, and answers computed while it was on (for metrics and tests). */
  readonly counts = { hits: 0, misses: 0 };

  constructor(readonly maxBytes: number) {}

  get(key: string): string | undefined {
    const json = this.entries.get(key);
    if (json === undefined) return undefined;
    // Most recently used last: Map keeps insertion order.
    this.entries.delete(key);
    this.entries.set(key, json);
    return json;
  }

  set(key: string, json: string): void {
    const size = key.length + json.length;
    if (size > this.maxBytes / 4) return;
    const previous = this.entries.get(key);
    if (previous !== undefined) {
      this.bytes -= key.length + previous.length;
      this.entries.delete(key);
    }
    this.entries.set(key, json);
    this.bytes += size;
    for (const [oldest, value] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= oldest.length + value.length;
    }
  }

  /** Forgets every answer (the database was replaced under the server). */
  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }
}

/** Serves anonymous queries from `cache` while the graph's version is the same; see the module's comment. */
export function useResponseCache(cache: ResponseCache): Plugin {
  return {
    async onExecute({ args, setResultAndStopExecution }) {
      if (getOperationAST(args.document, args.operationName)?.operation !== 'query') return;
      const context = args.contextValue as unknown as Context & { request?: Request };
      if (context.request?.headers.get('authorization')) return;
      const version = await context.store.graphVersion();
      const key = JSON.stringify([
        version,
        args.document.loc?.source.body ?? print(args.document),
        args.operationName ?? null,
        args.variableValues ?? null,
      ]);
      const hit = cache.get(key);
      const scope = currentRequest();
      if (hit !== undefined) {
        cache.counts.hits += 1;
        if (scope) scope.cache = 'hit';
        setResultAndStopExecution(JSON.parse(hit));
        return;
      }
      cache.counts.misses += 1;
      if (scope) scope.cache = 'miss';
      return {
        onExecuteDone({ result }) {
          if (Symbol.asyncIterator in result) return;
          if (result.errors && result.errors.length > 0) return;
          cache.set(key, JSON.stringify(result));
        },
      };
    },
    onResponse({ response }) {
      // Says which answers came from the cache (`x-cache: hit`), for clients and for tests.
      const cached = currentRequest()?.cache;
      if (cached) response.headers.set('x-cache', cached);
    },
  };
}
