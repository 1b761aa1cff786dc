/**
 * What a server process does with a promise that rejects with no one waiting for it. graphql-js
 * stops waiting for a field's siblings once a non-null field fails synchronously, and a sibling
 * that then fails rejects unobserved: Node's default ends the process on that, so one document
 * (`npm run fuzz`, seed 42 case 1103) could stop the server. Such rejections carry a GraphQL
 * error of a request already answered: they are logged at debug level; any other is logged as an
 * error, and the process goes on serving.
 */
import { GraphQLError } from 'graphql';
import type { Logger } from './logger.js';

let installed = false;

/** Installs the handler once per process (or worker thread). */
export function keepServingOnUnhandledRejections(logger: Pick<Logger, 'debug' | 'error'>): void {
  if (installed) return;
  installed = true;
  process.on('unhandledRejection', (reason) => {
    if (reason instanceof GraphQLError) {
      logger.debug({ err: reason.message, path: reason.path }, 'a field error of an answered request');
      return;
    }
    logger.error({ err: reason }, 'unhandled rejection (the server goes on)');
  });
}
