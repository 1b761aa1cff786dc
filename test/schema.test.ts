import { readFileSync } from 'node:fs';
import {
  type GraphQLArgument,
  type GraphQLNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isScalarType,
  isUnionType,
  parse,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../src/schema/index.js';
import { GRAPHQL_ENV_FILE, printGraphQLEnvFile, printSchemaFile, SCHEMA_FILE } from '../src/schema/print.js';

// One graphql-js for everything, as under Node. Pothos is loaded by Node, which resolves `graphql`
// to its CommonJS build (the package has no `exports` map); Vite resolves the same import in our
// own files to `index.mjs` by the `module` field. Two copies make printSchema and the `isXType`
// checks throw "Cannot use GraphQLObjectType from another module or realm". Under tsx (`npm run
// schema`) both resolve to the CommonJS build, so load that one here as well.
/** The built-in scalars come with graphql-js's own descriptions; they are not ours to document. */
const BUILT_IN_SCALARS = new Set(['String', 'Int', 'Float', 'Boolean', 'ID']);

const blank = (text: string | null | undefined) => !text || text.trim() === '';

/** Every type, field, argument, enum value and input field of the schema that has no description. */
function undocumented(): string[] {
  const missing: string[] = [];
  const checkArgs = (owner: string, args: readonly GraphQLArgument[]) => {
    for (const arg of args) if (blank(arg.description)) missing.push(`argument ${owner}(${arg.name}:)`);
  };
  const types = Object.values(schema.getTypeMap()).filter(
    (type: GraphQLNamedType) => !type.name.startsWith('__') && !(isScalarType(type) && BUILT_IN_SCALARS.has(type.name)),
  );
  for (const type of types) {
    if (blank(type.description)) missing.push(`type ${type.name}`);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (blank(field.description)) missing.push(`field ${type.name}.${field.name}`);
        checkArgs(`${type.name}.${field.name}`, field.args);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (blank(field.description)) missing.push(`input field ${type.name}.${field.name}`);
      }
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) {
        if (blank(value.description)) missing.push(`enum value ${type.name}.${value.name}`);
      }
    } else if (!isUnionType(type) && !isScalarType(type)) {
      missing.push(`type ${(type as GraphQLNamedType).name}: unexpected kind`);
    }
  }
  for (const directive of schema.getDirectives()) {
    // The built-in directives (@include, @skip, @deprecated, @specifiedBy, @oneOf) are documented by graphql-js.
    if (['include', 'skip', 'deprecated', 'specifiedBy', 'oneOf'].includes(directive.name)) continue;
    if (blank(directive.description)) missing.push(`directive @${directive.name}`);
    checkArgs(`@${directive.name}`, directive.args);
  }
  return missing.sort();
}

describe('schema.graphql', () => {
  it('is what `npm run schema` prints from src/schema', () => {
    const committed = readFileSync(SCHEMA_FILE, 'utf8');
    const printed = printSchemaFile();
    // Compare as text: a difference in descriptions or order must fail too, not only in shape.
    expect(committed === printed, 'schema.graphql is out of date: run `npm run schema` and commit the result').toBe(
      true,
    );
  });

  it('gives the explorer its types: src/explorer/graphql-env.d.ts is what `npm run schema` derives from it', () => {
    const committed = readFileSync(GRAPHQL_ENV_FILE, 'utf8');
    expect(
      committed === printGraphQLEnvFile(readFileSync(SCHEMA_FILE, 'utf8')),
      'src/explorer/graphql-env.d.ts is out of date: run `npm run schema` and commit the result',
    ).toBe(true);
  });

  it('is valid SDL that declares the root Query type', () => {
    const document = parse(readFileSync(SCHEMA_FILE, 'utf8'));
    const names = document.definitions.flatMap((definition) =>
      'name' in definition && definition.name ? [definition.name.value] : [],
    );
    expect(names).toContain('Query');
    expect(names).toEqual(expect.arrayContaining(['Organization', 'Model', 'Article', 'Topic', 'Source']));
  });
});

/**
 * Elements the Relay plugin generates (paging arguments, the Node interface and ids, connection
 * and edge fields, PageInfo fields). They take their descriptions from the plugin's options in
 * src/schema/builder.ts, which do not set them yet: reported as a bug.
 */
const RELAY_GENERATED = [
  /^argument [\w.]+\((first|last|before|after):\)$/,
  /^argument Query\.(node\(id|nodes\(ids):\)$/,
  /^type Node$/,
  /^field \w+\.id$/,
  /^field PageInfo\.\w+$/,
  /^field \w+(Connection|Edge)\.(edges|node|cursor|pageInfo|totalCount)$/,
];
const isRelayGenerated = (entry: string) => RELAY_GENERATED.some((pattern) => pattern.test(entry));

describe('the built schema', () => {
  it('documents every type, field, argument, enum value and input field written in src/schema', () => {
    const missing = undocumented().filter((entry) => !isRelayGenerated(entry));
    expect(missing, `${missing.length} schema element(s) without a description:\n  ${missing.join('\n  ')}`).toEqual(
      [],
    );
  });

  it('documents every type, field, argument, enum value and input field, the Relay ones included', () => {
    const missing = undocumented();
    expect(missing, `${missing.length} schema element(s) without a description:\n  ${missing.join('\n  ')}`).toEqual(
      [],
    );
  });

  it('the description check does look at fields, arguments, enum values and input fields', () => {
    // Guards the test above against passing vacuously (e.g. if the walk found nothing).
    const types = Object.values(schema.getTypeMap()).filter((type) => !type.name.startsWith('__'));
    const query = schema.getQueryType();
    expect(query?.name).toBe('Query');
    const fields = Object.values(query?.getFields() ?? {});
    expect(fields.length).toBeGreaterThan(3);
    expect(fields.some((field) => field.args.length > 0)).toBe(true);
    expect(types.some((type) => isEnumType(type) && type.getValues().length > 0)).toBe(true);
    expect(types.some((type) => isInputObjectType(type) && Object.keys(type.getFields()).length > 0)).toBe(true);
  });
});
