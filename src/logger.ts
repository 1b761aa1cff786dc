/**
 * The server's log: one JSON object per line on stdout (pino), with an ISO time, the level's
 * name and, inside a request, its `requestId`. A stack trace is a field of its line, never lines
 * of its own, so a log collector keeps each event whole.
 */

import { GraphQLError } from 'graphql';
import type { YogaLogger } from 'graphql-yoga';
import { type DestinationStream, type Logger, pino } from 'pino';
import type { LogLevel } from './env.js';
import { currentRequest } from './request-scope.js';

export type { Logger };

/** A logger at `level` writing to `destination` (stdout by default). */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
    mixin: () => {
      const scope = currentRequest();
      return scope ? { requestId: scope.id } : {};
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** The fields of an error worth logging: a GraphQL error's cause, path and code beside it. */
function errorFields(error: Error): Record<string, unknown> {
  if (error instanceof GraphQLError) {
    return {
      err: error.originalError ?? error,
      path: error.path?.join('.'),
      code: error.extensions?.code,
    };
  }
  return { err: error };
}

/**
 * Routes Yoga's own log calls to `logger`: unexpected errors (the ones answered "Unexpected
 * error.") become one `error` line with the original error, its stack and the GraphQL path.
 */
export function yogaLogger(logger: Logger): YogaLogger {
  const route =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (...args: unknown[]) => {
      // Yoga logs a few debug lines per request: skip building them when they are dropped.
      if (!logger.isLevelEnabled(level)) return;
      const [first, ...rest] = args;
      if (first instanceof Error) {
        logger[level](errorFields(first), rest.length > 0 ? rest.map(String).join(' ') : first.message);
      } else {
        logger[level](args.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' '));
      }
    };
  return { debug: route('debug'), info: route('info'), warn: route('warn'), error: route('error') };
}
