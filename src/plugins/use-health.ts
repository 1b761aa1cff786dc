/**
 * `GET /ready` and `GET /health`: whether this instance can answer from its database, for a load
 * balancer or an orchestrator. (`GET /live`, Yoga's own check, only says the process is up.)
 */
import type { Plugin } from 'graphql-yoga';
import type { Database } from '../db/client.js';
import { type Readiness, readinessOf } from '../db/live.js';

/** The paths that answer readiness. `/health` predates `/ready` and answers the same, so existing probes see the truth. */
export const READINESS_PATHS = ['/ready', '/health'];

/**
 * `GET /ready` (and `/health`): 200 `{"status":"ok","database":"up"}` when the file at
 * `DATABASE_URL` exists, is the file the server opened and a table reads; otherwise 503
 * `{"status":"unavailable","database":"missing"|"down"}`. On a database that `serve` holds, a
 * check also reopens the database once the file is usable again (src/db/live.ts). With read
 * replicas (PostgreSQL), `"replicas":{"up":n,"down":m}` too, and 503 when none of them answers.
 */
export function useReadiness(database: Database): Plugin {
  const check = readinessOf(database);
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (!READINESS_PATHS.includes(url.pathname) || (request.method !== 'GET' && request.method !== 'HEAD')) return;
      const readiness: Readiness = await check().catch(() => ({ ready: false, database: 'down' }));
      endResponse(
        new fetchAPI.Response(
          JSON.stringify({
            status: readiness.ready ? 'ok' : 'unavailable',
            database: readiness.database,
            ...(readiness.replicas ? { replicas: readiness.replicas } : {}),
          }),
          {
            status: readiness.ready ? 200 : 503,
            headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
          },
        ),
      );
    },
  };
}

/** The name `src/yoga.ts` has always used: `/health` and `/ready` are one check. */
export const useDatabaseHealth = useReadiness;
