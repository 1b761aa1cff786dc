/**
 * The messages between the server's main thread and its execution workers (./pool.ts,
 * ./worker.ts): the main thread parses and validates a request, a worker executes it on its own
 * database connection and sends back a result that survives structured cloning.
 */
import type { DatabaseConfig } from '../db/config.js';
import type { LogLevel } from '../env.js';
import type { GraphChange } from '../events.js';

/**
 * What a worker is started with (`workerData`). With `connectLater`, it loads the schema but
 * connects only when told ({@link ConnectMessage}): the database may not be migrated yet.
 */
export type WorkerSetup = { database: DatabaseConfig; logLevel: LogLevel; connectLater?: boolean };

/** Tells a worker started with `connectLater` that it may connect now. */
export type ConnectMessage = { connect: true };

/** One operation to execute: the document's text (already validated), its variables and name. */
export type ExecuteMessage = {
  id: number;
  query: string;
  variables: Readonly<Record<string, unknown>> | undefined;
  operationName: string | null | undefined;
  /** The request's `Authorization` header: the worker checks the token when an operation asks who it is. */
  authorization: string | null;
};

/** A GraphQL error as plain data; `unexpected` when it did not come from a GraphQLError thrown on purpose. */
export type ErrorData = {
  message: string;
  path?: readonly (string | number)[];
  positions?: readonly number[];
  extensions?: Record<string, unknown>;
  unexpected: boolean;
};

/** The answer to an {@link ExecuteMessage}, with the SQL statements it ran and their time. */
export type ResultMessage = {
  id: number;
  data?: Record<string, unknown> | null;
  errors?: ErrorData[];
  statements: number;
  statementMs: number;
  /** The changes its writes committed, for the main thread to publish to subscribers. */
  events?: GraphChange[];
};

/** Sent once by a worker when its database and schema are loaded. */
export type ReadyMessage = { ready: true };
