/**
 * How much of the schema the server tells a client who has not read `schema.graphql`:
 * introspection (`__schema`, `__type`; `__typename` always works) and graphql-js's "Did you
 * mean ...?" suggestions, which let a blind prober map the schema one typo at a time.
 */
import { GraphQLError, type ValidationRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';

export type SchemaDisclosureOptions = {
  /** Answer introspection queries; when false they fail validation (400, `GRAPHQL_VALIDATION_FAILED`). @default true */
  introspection?: boolean;
  /** Keep "Did you mean ...?" in error messages. @default true */
  fieldSuggestions?: boolean;
};

/**
 * Refuses `__schema` and `__type`, once each where they appear. graphql-js's
 * `NoSchemaIntrospectionCustomRule` also reports every field below them (one error per
 * `queryType`, `name`, ...), which buries the one thing to say.
 */
const NoIntrospection: ValidationRule = (context) => ({
  Field(node) {
    const name = node.name.value;
    if (name === '__schema' || name === '__type') {
      context.reportError(
        new GraphQLError(`Introspection is turned off on this server: "${name}" cannot be queried.`, { nodes: node }),
      );
      return false;
    }
    return undefined;
  },
});

/** Every suggestion graphql-js writes: fields, arguments, types, input fields, enum values. */
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

/** See the module comment. */
export function useSchemaDisclosure(options: SchemaDisclosureOptions = {}): Plugin {
  const plugin: Plugin = {};
  if (options.introspection === false) {
    plugin.onValidate = ({ addValidationRule }) => {
      addValidationRule(NoIntrospection);
    };
  }
  if (options.fieldSuggestions === false) {
    // On the final result, so suggestions from validation, variable coercion and execution all go.
    plugin.onResultProcess = ({ result }) => {
      for (const single of Array.isArray(result) ? result : [result]) {
        if (!single || !('errors' in single) || !single.errors) continue;
        for (const error of single.errors) {
          if (error.message.includes('Did you mean')) {
            (error as { message: string }).message = error.message.replace(SUGGESTION, '');
          }
        }
      }
    };
  }
  return plugin;
}
