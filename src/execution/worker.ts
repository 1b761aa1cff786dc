/**
 * An execution worker: a thread with its own database connection and schema that executes one
 * validated operation at a time for the main thread (./pool.ts). better-sqlite3 and Prisma's
 * query compiler run synchronously, so a costly operation blocks the thread that runs it: here
 * it blocks this worker only, and the main thread can stop it (`terminate`) when its time is up.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { execute, GraphQLError, parse } from 'graphql';
import { createContext, readerFor } from '../context.js';
import { openDatabase } from '../db/client.js';
import { databaseTrouble, databaseTroubleError } from '../db/errors.js';
import { collectGraphEvents, type GraphChange } from '../events.js';
import { createLogger } from '../logger.js';
import { newRequestScope, runInRequestScope } from '../request-scope.js';
import { schema } from '../schema/index.js';
import { runWithLookups } from '../schema/request-lookups.js';
import { keepServingOnUnhandledRejections } from '../unhandled.js';
import type { ConnectMessage, ErrorData, ExecuteMessage, ResultMessage, WorkerSetup } from './protocol.js';

const { database: config, logLevel, connectLater } = workerData as WorkerSetup;
// A rejection no one waits for must not end the worker (it would fail the operation it runs).
keepServingOnUnhandledRejections(createLogger(logLevel));
const database = openDatabase(config);

function toErrorData(thrown: GraphQLError): ErrorData {
  // A database that cannot answer now travels as the 503 the main thread would make of it.
  const trouble = databaseTrouble(thrown.originalError);
  const error = trouble ? databaseTroubleError(trouble, thrown) : thrown;
  // A GraphQLError thrown on purpose (a bad argument, a limit) is shown as it is; anything else
  // (a database failure, a bug) is masked by the main thread like any unexpected error.
  const unexpected = error.originalError != null && !(error.originalError instanceof GraphQLError);
  return {
    message: error.message,
    path: error.path,
    positions: error.positions,
    extensions: unexpected ? undefined : { ...error.extensions },
    unexpected,
  };
}

async function run(message: ExecuteMessage): Promise<ResultMessage> {
  // The scope counts the statements Prisma runs for this operation (src/db/client.ts).
  const scope = newRequestScope(String(message.id));
  const events: GraphChange[] = [];
  return runInRequestScope(scope, async () => {
    const result = await executeMessage(message, events);
    return {
      ...result,
      statements: scope.statements,
      statementMs: scope.statementMs,
      ...(events.length > 0 ? { events } : {}),
    };
  });
}

async function executeMessage(
  message: ExecuteMessage,
  events: GraphChange[],
): Promise<Omit<ResultMessage, 'statements' | 'statementMs'>> {
  try {
    const document = parse(message.query);
    // A query reads a replica when there are some; a mutation writes and answers on the primary.
    const readFrom = readerFor(database, { document, operationName: message.operationName });
    const context = createContext(database, message.authorization, collectGraphEvents(events), readFrom);
    const result = await runWithLookups(readFrom, { ...message, document }, () =>
      execute({
        schema,
        document,
        contextValue: context,
        variableValues: message.variables,
        operationName: message.operationName,
      }),
    );
    return {
      id: message.id,
      ...('data' in result ? { data: result.data as Record<string, unknown> | null } : {}),
      ...(result.errors ? { errors: result.errors.map(toErrorData) } : {}),
    };
  } catch (error) {
    // Before execution (the filters' lookups): a database that cannot answer is the same 503.
    const trouble = databaseTrouble(error);
    if (trouble) return { id: message.id, errors: [toErrorData(databaseTroubleError(trouble))] };
    return {
      id: message.id,
      errors: [{ message: error instanceof Error ? error.message : String(error), unexpected: true }],
    };
  }
}

const port = parentPort;
if (!port) throw new Error('src/execution/worker.ts runs as a worker thread of the server');
// Connect and compile before the first request, so that it does not pay for it; when started
// before the database is prepared, only once the main thread says so.
const connect = () => void database.store.isReachable().then(() => port.postMessage({ ready: true }));
port.on('message', (message: ExecuteMessage | ConnectMessage) => {
  if ('connect' in message) connect();
  else void run(message).then((result) => port.postMessage(result));
});
if (!connectLater) connect();
