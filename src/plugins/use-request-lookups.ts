/**
 * Looks up what an operation's filters name (slugs, the topic hierarchy) before it runs on this
 * thread (src/schema/request-lookups.ts). With an execution pool, the worker does it instead.
 */
import { print } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../context.js';
import { runWithLookups } from '../schema/request-lookups.js';

export function useRequestLookups(): Plugin {
  return {
    onExecute({ executeFn, setExecuteFn }) {
      setExecuteFn((args) =>
        runWithLookups(
          args.contextValue as Context,
          {
            query: args.document.loc?.source.body ?? print(args.document),
            document: args.document,
            variables: args.variableValues ?? undefined,
            operationName: args.operationName,
          },
          () => executeFn(args),
        ),
      );
    },
  };
}
