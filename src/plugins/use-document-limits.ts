/**
 * Limits on the size of a GraphQL document, checked while it is parsed and validated (GraphQL
 * Armor): a document of a few hundred aliased connections, or megabytes of tokens, is refused
 * with a 400 before any work. The cost of what a document asks for (depth, breadth, page sizes)
 * is limited by Pothos's complexity plugin in src/schema/builder.ts.
 */
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { GraphQLError, type ValidationContext } from 'graphql';
import type { Plugin } from 'graphql-yoga';

export type DocumentLimits = {
  /** Aliases per document. @default 15 */
  maxAliases: number;
  /** Lexical tokens per document. @default 3000 */
  maxTokens: number;
};

export const DEFAULT_DOCUMENT_LIMITS: DocumentLimits = { maxAliases: 15, maxTokens: 3000 };

/** The Yoga plugins enforcing {@link DocumentLimits}. */
export function useDocumentLimits(limits: DocumentLimits = DEFAULT_DOCUMENT_LIMITS): Plugin[] {
  return [
    maxTokensPlugin({ n: limits.maxTokens }),
    maxAliasesPlugin({
      n: limits.maxAliases,
      exposeLimits: true,
      // Report the rejection as a validation error (400) rather than throwing out of validation,
      // which Yoga answers with 200.
      propagateOnRejection: false,
      onReject: [
        (context, error) =>
          (context as ValidationContext | null)?.reportError(
            new GraphQLError(error.message.replace(/^Syntax Error: /, '')),
          ),
      ],
    }),
  ] as Plugin[];
}
