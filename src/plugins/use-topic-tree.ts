/**
 * Loads the topic hierarchy before an operation that asks for topic descendants runs on this
 * thread (src/schema/topic-tree.ts). With an execution pool, the worker does it instead.
 */
import { print } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../context.js';
import { runWithTopicTree } from '../schema/topic-tree.js';

export function useTopicTree(): Plugin {
  return {
    onExecute({ executeFn, setExecuteFn }) {
      setExecuteFn((args) =>
        runWithTopicTree(
          (args.contextValue as Context).prisma,
          { query: args.document.loc?.source.body ?? print(args.document), variables: args.variableValues },
          () => executeFn(args),
        ),
      );
    },
  };
}
