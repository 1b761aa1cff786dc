import { GraphQLError } from 'graphql';

/**
 * A user's mistake in an argument: a GraphQL error with code `BAD_USER_INPUT` naming the
 * argument, never masked, never a stack trace.
 */
export function badInput(argument: string, message: string): GraphQLError {
  return new GraphQLError(`Argument "${argument}": ${message}`, {
    extensions: { code: 'BAD_USER_INPUT', argument },
  });
}
