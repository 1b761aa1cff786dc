/**
 * A fuzzer of the GraphQL endpoint, shared by the fixed run in `npm test` (test/fuzz.test.ts) and
 * the long one of `npm run fuzz` (scripts/fuzz.ts).
 *
 * Each case is drawn from its own seed (derived from the run's seed and the case's number, so one
 * case can be replayed alone): an operation generated from the schema (schema.graphql) with random
 * arguments, the same operation mutated (tokens dropped, duplicated, swapped or replaced, huge
 * numbers, random Unicode, truncation), or a hostile request (deep nesting, fragment cycles,
 * directive floods, batches, malformed bodies, bad cursors and ids). Every answer must hold:
 * no 5xx, no leak of internals (stack, Prisma, SQLite, file paths), a code on every error, and an
 * answer within the time budget.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildSchema,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  getNamedType,
  isAbstractType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
} from 'graphql';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The printed contract, as graphql-js types: what the generator draws operations from. */
export function loadFuzzSchema(file = join(root, 'schema.graphql')): GraphQLSchema {
  return buildSchema(readFileSync(file, 'utf8'));
}

// ── Random numbers ──────────────────────────────────────────────────────────────────────────

/** A seeded PRNG (mulberry32): the same seed draws the same cases on every machine. */
export class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }
}

/** The seed of case `index` of a run seeded `seed`: a case replays alone from it. */
export function caseSeed(seed: number, index: number): number {
  let h = (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  return (h ^ (h >>> 15)) >>> 0;
}

// ── Values ──────────────────────────────────────────────────────────────────────────────────

/** Slugs, names and URLs of the seeded graph, and near misses. */
const SLUGS = [
  'gpt-3',
  'chatgpt',
  'gpt-1',
  'instructgpt',
  'ernie-3-0',
  'baidu',
  'openai',
  'rlhf',
  'wudao-2-0',
  'nope',
  '',
];
const NAMES = ['InstructGPT', '悟道2.0', '百度', 'GPT-3', 'gpt 3', 'OpenAI', 'ChatGPT'];
const URLS = [
  'https://example.com/none',
  'https://zhuanlan.zhihu.com/p/1',
  'not a url',
  'javascript:alert(1)',
  'http://',
];

/** Strings an attacker or a careless client sends. Never the words the leak check looks for. */
const NASTY_STRINGS = [
  '',
  ' ',
  'a',
  'gpt',
  '悟道',
  '🦙🦙',
  'e\u0301',
  '\u202eevil',
  '\u0000',
  'gpt\u0000',
  '\u0007bell',
  '\ud800',
  "' OR 1=1 --",
  '"; DROP TABLE Model; --',
  '%_%',
  '*',
  'NEAR(a b)',
  '"unterminated',
  '\\',
  '../../etc/passwd',
  `\${7*7}`,
  '<script>alert(1)</script>',
  'x'.repeat(201),
  '字'.repeat(300),
  'a'.repeat(5000),
];

const INTS = [0, 1, 2, 3, 5, 10, 20, 99, 100, 101, 1000, -1, -5, -100, 2147483647, -2147483648];
const HUGE_NUMBERS = [
  '2147483648',
  '-2147483649',
  '99999999999999999999999999',
  '1e309',
  '-1e309',
  '1.7976931348623157e309',
  '0.0000001',
  '-0',
  '1e2',
  '0x10',
  '00',
];
const BIGINTS = ['0', '1', '175000000000', '-1', '1e11', '1.5', 'abc', '99999999999999999999999999999', ' 7', ''];
const DATES = ['2020-01-01', '2023-03-14', '2020-02-30', '2020-13-01', '0000-01-01', '9999-12-31', 'yesterday', '2020'];
const DATETIMES = ['2020-01-01T00:00:00Z', '2020-01-01T25:00:00Z', 'now', '2020-01-01'];

const base64 = (text: string) => Buffer.from(text).toString('base64');
/** " (what it decodes to)" for a base64 cursor, for the reader of a finding. */
const decoded = (cursor: string) => {
  const text = Buffer.from(cursor, 'base64').toString('latin1');
  return cursor !== '' && base64(text) === cursor ? ` (${text})` : '';
};

/** Cursors and ids that are not the server's: malformed, of another type, negative offsets. */
const FORGED_IDS = [
  'not-a-global-id',
  base64('Model:999999'),
  base64('Model:abc'),
  base64('Model:-1'),
  base64('Nope:1'),
  base64('Organization:1e3'),
  base64(':'),
  '',
  '====',
  base64('Model:1'.repeat(200)),
];
/** Cursors no list of the server hands out: each must be refused with an error. */
const INVALID_CURSORS = [
  'garbage',
  '%%%',
  base64('arrayconnection:-1'),
  base64('OffsetConnection:-1'),
  base64('OffsetConnection:-5'),
  base64('OffsetConnection:abc'),
  base64('OffsetConnection:1e400'),
  base64('GPC:N:1e400'),
  base64('GPC:J:['),
  base64('GPC:J:{"a":1}'),
  base64('T:["N:-1"]'),
];
/** Connections in each kind of place; `$CURSOR` is replaced by the cursor. */
const CURSOR_PLACES = [
  '{ models(first: 2, after: $CURSOR) { edges { cursor } } }',
  '{ articles(last: 2, before: $CURSOR) { edges { cursor } } }',
  '{ search(query: "gpt", first: 3, after: $CURSOR) { totalCount edges { cursor } } }',
  '{ sources(first: 2) { edges { node { claims(first: 1, after: $CURSOR) { edges { cursor } } } } } }',
  '{ organization(slug: "openai") { models(first: 2, after: $CURSOR) { edges { cursor } } } }',
  '{ model(slug: "gpt-3") { articles(first: 2, after: $CURSOR) { edges { cursor } } } }',
  '{ topics(first: 1) { edges { node { models(first: 2, after: $CURSOR) { edges { cursor } } } } } }',
];
/** Cursors that may be answered either way (an empty page, or an error), but never with a 500. */
// GPC:N:-5 names a row id no row has: like the cursor of a deleted row, an empty page is a fair answer.
const ODD_CURSORS = [
  base64('GPC:N:-5'),

  '',
  base64('OffsetConnection:99999999'),
  base64('GPC:S:x'),
  base64('GPC:J:[1,2,3]'),
  base64('T:[1]'),
];
const FORGED_CURSORS = [...INVALID_CURSORS, ...ODD_CURSORS];

/** Cursors and ids the server handed out, gathered by {@link harvest}: real, but maybe of another list. */
export type Harvest = { cursors: string[]; ids: string[] };

type Context = {
  random: Random;
  harvest: Harvest;
  schema: GraphQLSchema;
  variables: Record<string, unknown>;
  definitions: string[];
};

/** A value for an argument or input field, as a JavaScript value, by its type and name. */
function valueFor(type: GraphQLInputType, name: string, context: Context, depth: number): unknown {
  const { random } = context;
  if (isNonNullType(type)) return valueFor(type.ofType, name, context, depth);
  if (isListType(type)) {
    const length = random.chance(0.05) ? 150 + random.int(400) : random.int(4);
    return Array.from({ length }, () => valueFor(type.ofType, name, context, depth + 1));
  }
  if (isEnumType(type)) return { enum: random.pick(type.getValues()).name };
  if (isInputObjectType(type)) {
    const result: Record<string, unknown> = {};
    for (const field of Object.values(type.getFields())) {
      const required = isNonNullType(field.type) && field.defaultValue === undefined;
      if (required || (depth < 3 && random.chance(0.25)))
        result[field.name] = valueFor(field.type, field.name, context, depth + 1);
    }
    return result;
  }
  return scalarFor(type.name, name, context);
}

function scalarFor(scalar: string, name: string, context: Context): unknown {
  const { random, harvest } = context;
  const nasty = random.chance(0.15);
  switch (scalar) {
    case 'Int':
      return random.chance(0.7) ? random.pick(INTS) : random.int(120) - 10;
    case 'Float':
      return random.pick([0, 0.5, -1, 1e300, 3.14]);
    case 'Boolean':
      return random.chance(0.5);
    case 'ID':
      if (harvest.ids.length > 0 && random.chance(0.6)) return random.pick(harvest.ids);
      return random.pick(FORGED_IDS);
    case 'BigInt':
      return random.pick(BIGINTS);
    case 'Date':
      return random.pick(DATES);
    case 'DateTime':
      return random.pick(DATETIMES);
  }
  if (nasty) return random.pick(NASTY_STRINGS);
  if (name === 'after' || name === 'before') {
    if (harvest.cursors.length > 0 && random.chance(0.6)) return random.pick(harvest.cursors);
    return random.pick(FORGED_CURSORS);
  }
  if (/slug|from|to|parent|in$/i.test(name)) return random.pick(SLUGS);
  if (/name/i.test(name)) return random.pick(NAMES);
  if (/url/i.test(name)) return random.pick(URLS);
  if (/country/i.test(name)) return random.pick(['CN', 'US', 'cn', 'XX', '中国']);
  if (/query|text|search|task/i.test(name)) return random.pick(['gpt', '悟道', 'chat', 'rl', 'zz', '百度', 'GPT-3']);
  return random.pick([...SLUGS, ...NAMES]);
}

/** A JavaScript value as a GraphQL literal (`{ enum: X }` stands for an enum value). */
function literal(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.enum === 'string' && Object.keys(record).length === 1) return record.enum;
    return `{${Object.entries(record)
      .map(([key, item]) => `${key}: ${literal(item)}`)
      .join(', ')}}`;
  }
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}

/** A JavaScript value as JSON for a variable (enum values are their names). */
function variableValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(variableValue);
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.enum === 'string' && Object.keys(record).length === 1) return record.enum;
    return Object.fromEntries(Object.entries(record).map(([key, item]) => [key, variableValue(item)]));
  }
  return value;
}

/** The arguments of a field: required ones always, optional ones sometimes; literals or variables. */
function argumentsFor(args: readonly GraphQLArgument[], context: Context): string {
  const parts: string[] = [];
  for (const arg of args) {
    const required = isNonNullType(arg.type) && arg.defaultValue === undefined;
    if (!required && !context.random.chance(0.4)) continue;
    const value = valueFor(arg.type, arg.name, context, 0);
    if (context.random.chance(0.3)) {
      const variable = `v${context.definitions.length}`;
      context.definitions.push(`$${variable}: ${String(arg.type)}`);
      context.variables[variable] = variableValue(value);
      parts.push(`${arg.name}: $${variable}`);
    } else {
      parts.push(`${arg.name}: ${literal(value)}`);
    }
  }
  return parts.length > 0 ? `(${parts.join(', ')})` : '';
}

/** A selection set on `type`, at most `depth` levels deeper. */
function selectionFor(type: GraphQLNamedType, depth: number, context: Context): string {
  const { random } = context;
  if (isAbstractType(type)) {
    const possible = context.schema.getPossibleTypes(type);
    const fragments = possible
      .filter(() => random.chance(0.5))
      .slice(0, 2)
      .map((object) => `... on ${object.name} ${selectionFor(object, depth - 1, context)}`);
    return `{ __typename ${fragments.join(' ')} }`;
  }
  if (!isObjectType(type)) return '';
  const fields = Object.values((type as GraphQLObjectType).getFields());
  const leaves = fields.filter((field) => isLeafType(getNamedType(field.type)));
  const chosen: GraphQLField<unknown, unknown>[] = [];
  const count = 1 + random.int(depth > 0 ? 4 : 2);
  for (let i = 0; i < count; i += 1) {
    const pool = depth > 0 ? fields : leaves;
    if (pool.length === 0) break;
    chosen.push(random.pick(pool));
  }
  const parts = ['__typename'];
  chosen.forEach((field, index) => {
    const named = getNamedType(field.type as GraphQLOutputType);
    // The same field twice needs an alias when its arguments differ.
    const alias = chosen.indexOf(field) !== index ? `a${index}: ` : '';
    const args = argumentsFor(field.args, context);
    const sub = isLeafType(named) ? '' : ` ${selectionFor(named, depth - 1, context)}`;
    if (!isLeafType(named) && sub.trim() === '') return;
    parts.push(`${alias}${field.name}${args}${sub}`);
  });
  return `{ ${parts.join(' ')} }`;
}

/** One request of a case: the body is JSON unless `rawBody` says otherwise. */
export type FuzzRequest = {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
  /** Sent as it is instead of `{ query, variables, operationName }`. */
  rawBody?: string;
  contentType?: string;
  accept: string;
};

export type FuzzCase = {
  /** The run's seed and the case's number: `npm run fuzz -- --seed S --case N` replays it. */
  seed: number;
  index: number;
  kind: 'generated' | 'mutated' | 'hostile';
  /** What was done to it, e.g. "drop token 12" or "fragment cycle". */
  how: string;
  request: FuzzRequest;
  /** The request is wrong in a way the server must refuse with an error (an invalid cursor). */
  mustRefuse?: boolean;
};

/** A valid operation on the schema's Query type with random arguments. */
function generateOperation(
  schema: GraphQLSchema,
  context: Context,
): { query: string; variables: Record<string, unknown> } {
  const query = schema.getQueryType() as GraphQLObjectType;
  const depth = context.random.chance(0.1) ? 6 + context.random.int(4) : 1 + context.random.int(4);
  const selection = selectionFor(query, depth, context);
  const header = context.definitions.length > 0 ? `query Fuzz(${context.definitions.join(', ')}) ` : '';
  return { query: `${header}${selection}`, variables: context.variables };
}

/** The lexical tokens of a document, roughly (strings, names, numbers, punctuators). */
function tokens(document: string): string[] {
  return document.match(/"(?:\\.|[^"\\])*"|\.\.\.|[A-Za-z_][A-Za-z0-9_]*|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|\S/g) ?? [];
}

const INSERTED_TOKENS = [
  '{',
  '}',
  '(',
  ')',
  ':',
  '$',
  '@',
  '...',
  '!',
  '=',
  '[',
  ']',
  '#',
  '|',
  '&',
  'query',
  'fragment',
  'on',
  'null',
  'mutation',
  'subscription',
  '__schema',
  '__type',
  '@skip(if: true)',
  '@include',
  '@deprecated',
  '"',
];
const RANDOM_UNICODE = [
  '\u0000',
  '\u200b',
  '\ufeff',
  '\u2028',
  '🦙',
  '悟',
  '\ud83d',
  'é',
  '\u202e',
  '\u00a0',
  '\t',
  '\r',
  '\u0085',
];

/** A mutation of a document's tokens. */
function mutate(document: string, random: Random): { query: string; how: string } {
  const list = tokens(document);
  const at = random.int(Math.max(list.length, 1));
  const kind = random.int(9);
  switch (kind) {
    case 0:
      list.splice(at, 1 + random.int(3));
      return { query: list.join(' '), how: `drop tokens at ${at}` };
    case 1:
      list.splice(at, 0, ...Array.from({ length: 1 + random.int(3) }, () => list[at] ?? '{'));
      return { query: list.join(' '), how: `duplicate token ${at}` };
    case 2: {
      const other = random.int(Math.max(list.length, 1));
      [list[at], list[other]] = [list[other] as string, list[at] as string];
      return { query: list.join(' '), how: `swap tokens ${at} and ${other}` };
    }
    case 3:
      list.splice(at, 0, random.pick(INSERTED_TOKENS));
      return { query: list.join(' '), how: `insert a token at ${at}` };
    case 4: {
      const numbers = list.flatMap((token, index) => (/^-?\d/.test(token) ? [index] : []));
      const index = numbers.length > 0 ? random.pick(numbers) : at;
      list[index] = random.pick(HUGE_NUMBERS);
      return { query: list.join(' '), how: `huge number at ${index}` };
    }
    case 5: {
      const strings = list.flatMap((token, index) => (token.startsWith('"') ? [index] : []));
      const index = strings.length > 0 ? random.pick(strings) : at;
      list[index] = JSON.stringify(random.pick([...NASTY_STRINGS, ...FORGED_CURSORS, ...FORGED_IDS]));
      return { query: list.join(' '), how: `replace string at ${index}` };
    }
    case 6: {
      const position = random.int(document.length + 1);
      const text = Array.from({ length: 1 + random.int(4) }, () => random.pick(RANDOM_UNICODE)).join('');
      return { query: document.slice(0, position) + text + document.slice(position), how: `unicode at ${position}` };
    }
    case 7: {
      const position = random.int(document.length + 1);
      return { query: document.slice(0, position), how: `truncate at ${position}` };
    }
    default:
      return {
        query: `${random.pick(['mutation ', 'subscription ', 'query Q ', 'query ($a: Int) ', ''])}${document.replace(/^query Fuzz\([^)]*\) /, '')}`,
        how: 'change the operation type',
      };
  }
}

/** Documents and bodies from the probe's classes, varied by the random draw. */
type Hostile = { request: Omit<FuzzRequest, 'accept'>; how: string; mustRefuse?: boolean };

function hostile(random: Random, harvest: Harvest): Hostile {
  const n = (low: number, high: number) => low + random.int(high - low + 1);
  const cursor = () =>
    harvest.cursors.length > 0 && random.chance(0.5) ? random.pick(harvest.cursors) : random.pick(FORGED_CURSORS);
  const cases: (() => Hostile)[] = [
    () => {
      const depth = n(10, 400);
      return {
        request: {
          query: `{ ${'model(slug: "gpt-3") { lineage { model { '.repeat(depth)}slug${' } } }'.repeat(depth)} }`,
        },
        how: `lineage nested ${depth} deep`,
      };
    },
    () => {
      const depth = n(5, 2000);
      return {
        request: { query: `{ ${'a { '.repeat(depth)}b${' }'.repeat(depth)} }` },
        how: `unknown fields nested ${depth} deep`,
      };
    },
    () => {
      const depth = n(10, 1000);
      let filter: unknown = { slug: 'gpt-3' };
      for (let i = 0; i < depth; i += 1) filter = { not: filter };
      return random.chance(0.5)
        ? {
            request: {
              query: 'query ($f: ModelFilter) { models(filter: $f) { totalCount } }',
              variables: { f: filter },
            },
            how: `filter variable ${depth} deep`,
          }
        : {
            request: { query: `{ models(filter: ${literal(filter)}) { totalCount } }` },
            how: `filter literal ${depth} deep`,
          };
    },
    () => {
      const depth = n(10, 3000);
      return {
        request: {
          query: `{ models(filter: { slugIn: ${'['.repeat(depth)}"a"${']'.repeat(depth)} }) { totalCount } }`,
        },
        how: `list literal ${depth} deep`,
      };
    },
    () => ({
      request: { query: 'fragment A on Query { ...B } fragment B on Query { ...A } { ...A }' },
      how: 'fragment cycle',
    }),
    () => {
      const count = n(2, 3000);
      return { request: { query: `{ __typename ${'@include(if: true) '.repeat(count)}}` }, how: `${count} directives` };
    },
    () => {
      const count = n(2, 600);
      return {
        request: { query: `{ ${'models(first: 1) { totalCount } '.repeat(count)}}` },
        how: `${count} duplicate fields`,
      };
    },
    () => {
      const count = n(16, 300);
      return {
        request: { query: `{ ${Array.from({ length: count }, (_, i) => `a${i}: __typename`).join(' ')} }` },
        how: `${count} aliases`,
      };
    },
    () => ({
      request: { rawBody: JSON.stringify(Array.from({ length: n(2, 50) }, () => ({ query: '{ __typename }' }))) },
      how: 'batched array body',
    }),
    () => ({
      request: {
        rawBody: random.pick([
          '',
          '{',
          'null',
          '[]',
          '"x"',
          '{"query": 1}',
          '{"query": "{ __typename }", "variables": "x"}',
          '{"query": "{ __typename }", "operationName": 5}',
          '{"query": null}',
          '\u0000',
        ]),
      },
      how: 'malformed body',
    }),
    () => ({
      request: {
        rawBody: `query=${encodeURIComponent('{ __typename }')}`,
        contentType: random.pick([
          'application/x-www-form-urlencoded',
          'text/plain',
          'multipart/form-data; boundary=x',
          'application/graphql',
        ]),
      },
      how: 'other content type',
    }),
    () => ({ request: { query: `{ ${'__typename '.repeat(n(2000, 6000))}}` }, how: 'many tokens' }),
    () => ({ request: { query: `# ${'x'.repeat(n(1000, 400_000))}\n{ __typename }` }, how: 'huge comment' }),
    () => ({
      request: {
        query: `{ __schema { types { name fields { name args { name type { name ofType { name ofType { name ofType { name } } } } } } } } }`,
      },
      how: 'introspection',
    }),
    () => ({
      request: { query: '{ __type(name: "Model") { name fields { name } } a: __type(name: "x\\u0000") { name } }' },
      how: '__type lookups',
    }),
    () => ({
      request: { query: random.pick(['mutation { __typename }', 'subscription { __typename }', 'mutation M { x }']) },
      how: 'no mutation type',
    }),
    () => {
      // A cursor in every kind of place: top-level, nested, search (offset cursors); any of them.
      const place = random.pick(CURSOR_PLACES);
      const value = cursor();
      return {
        request: { query: place.replace('$CURSOR', JSON.stringify(value)) },
        how: `cursor ${JSON.stringify(value)}`,
      };
    },
    () => {
      // A cursor no list hands out: it must be refused, not read as the start of the list.
      const place = random.pick(CURSOR_PLACES);
      const value = random.pick(INVALID_CURSORS);
      return {
        request: { query: place.replace('$CURSOR', JSON.stringify(value)) },
        how: `invalid cursor ${JSON.stringify(value)}${decoded(value)}`,
        mustRefuse: true,
      };
    },
    () => ({
      request: {
        query: `{ node(id: ${JSON.stringify(random.pick([...FORGED_IDS, ...harvest.ids, 'x']))}) { id } nodes(ids: ${JSON.stringify(Array.from({ length: n(0, 120) }, () => random.pick([...FORGED_IDS, ...harvest.ids, 'x'])))}) { id } }`,
      },
      how: 'node ids',
    }),
    () => ({
      request: {
        query: `{ search(query: "gpt", types: [${Array.from({ length: n(1, 5000) }, () => 'MODEL').join(',')}]) { totalCount } }`,
      },
      how: 'long enum list',
    }),
    () => {
      // Raw JSON: numbers JavaScript cannot hold (1e400) reach the server as written.
      const value = random.pick([
        '1e400',
        '-1e400',
        '"5"',
        '5.5',
        'true',
        '[1]',
        '{"a":1}',
        '-1',
        '2147483648',
        '99999999999999999999',
      ]);
      return {
        request: {
          rawBody: `{"query":"query ($a: Int) { models(first: $a) { totalCount } }","variables":{"a":${value}}}`,
        },
        how: 'bad variable value',
      };
    },
    () => ({
      request: { query: '{ models { totalCount } }', operationName: random.pick(['Nope', '', 5]) },
      how: 'operation name',
    }),
  ];
  return random.pick(cases)();
}

/** The case `index` of the run seeded `seed`. */
export function generateCase(schema: GraphQLSchema, harvest: Harvest, seed: number, index: number): FuzzCase {
  const random = new Random(caseSeed(seed, index));
  const accept = random.pick(['application/graphql-response+json', 'application/json', '*/*']);
  const draw = random.next();
  if (draw < 0.15) {
    const { request, how, mustRefuse } = hostile(random, harvest);
    return { seed, index, kind: 'hostile', how, request: { ...request, accept }, mustRefuse };
  }
  const context: Context = { random, harvest, variables: {}, definitions: [], schema };
  const operation = generateOperation(schema, context);
  if (draw < 0.55) {
    const { query, how } = mutate(operation.query, random);
    return { seed, index, kind: 'mutated', how, request: { query, variables: operation.variables, accept } };
  }
  return { seed, index, kind: 'generated', how: 'from the schema', request: { ...operation, accept } };
}

// ── Sending and checking ────────────────────────────────────────────────────────────────────

/** What an answer must not carry: stacks, the database layer's names, paths of the machine. */
const LEAKS: ReadonlyArray<[RegExp, string]> = [
  [/\bprisma\b/i, 'names Prisma'],
  [/sqlite/i, 'names SQLite'],
  [/Invalid `/, 'carries a Prisma invocation'],
  [/\n\s+at |\bat [\w.<>$]+ \(/, 'carries a stack trace'],
  [/node_modules|\/work\/|\/home\/|\/tmp\/|\/usr\/|[A-Z]:\\\\/, 'carries a file path'],
  [/\.[cm]?[jt]s:\d+/, 'names a source file'],
];

export type FuzzAnswer = { status: number; ms: number; text: string };

/** What is wrong with an answer (empty when nothing is). */
export function checkAnswer(answer: FuzzAnswer, budgetMs: number, mustRefuse = false): string[] {
  const problems: string[] = [];
  if (answer.status >= 500) problems.push(`status ${answer.status}`);
  if (answer.ms > budgetMs) problems.push(`took ${Math.round(answer.ms)} ms (budget ${budgetMs} ms)`);
  let body: unknown;
  try {
    body = JSON.parse(answer.text);
  } catch {
    // A 4xx without a JSON body (405, 415) is an answer too; it must still leak nothing.
    if (answer.status < 400) problems.push('the body is not JSON');
  }
  const errors = (body as { errors?: unknown } | undefined)?.errors;
  const list = Array.isArray(errors) ? errors : errors === undefined ? [] : [errors];
  if (Array.isArray(body)) problems.push('a batch was executed');
  if (mustRefuse && list.length === 0) problems.push('accepted what it must refuse (no error)');
  for (const error of list as { message?: unknown; extensions?: { code?: unknown } }[]) {
    const message = String(error?.message);
    if (typeof error?.extensions?.code !== 'string') problems.push(`error without a code: "${message.slice(0, 200)}"`);
    if (message === 'Unexpected error.') problems.push('an unexpected (internal) error');
  }
  // Messages and extensions only: the data is the graph's own text.
  const exposed = JSON.stringify(list) + (body === undefined ? answer.text : '');
  for (const [pattern, what] of LEAKS) {
    if (pattern.test(exposed)) problems.push(`the answer ${what}: ${exposed.slice(0, 300)}`);
  }
  return problems;
}

/** Sends a case over HTTP to `url` (the server's base URL) and times the answer. */
export async function send(url: string, request: FuzzRequest, timeoutMs: number): Promise<FuzzAnswer> {
  const body =
    request.rawBody ??
    JSON.stringify({ query: request.query, variables: request.variables, operationName: request.operationName });
  const started = performance.now();
  try {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': request.contentType ?? 'application/json', accept: request.accept },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    return { status: response.status, ms: performance.now() - started, text };
  } catch (error) {
    // No answer at all within the timeout (or the connection dropped): as bad as a 5xx.
    return { status: 599, ms: performance.now() - started, text: JSON.stringify({ fetchError: String(error) }) };
  }
}

/** Real cursors and ids, from the first pages of every root connection. */
export async function harvest(url: string, schema: GraphQLSchema): Promise<Harvest> {
  const fields = Object.values((schema.getQueryType() as GraphQLObjectType).getFields()).filter(
    (field) =>
      getNamedType(field.type).name.endsWith('Connection') &&
      field.args.every((arg) => !isNonNullType(arg.type) || arg.defaultValue !== undefined),
  );
  const selection = fields
    .map((field) => {
      const edge = (getNamedType(field.type) as GraphQLObjectType).getFields().edges;
      const node = edge && (getNamedType(edge.type) as GraphQLObjectType).getFields().node;
      const hasId =
        node &&
        isObjectType(getNamedType(node.type)) &&
        'id' in (getNamedType(node.type) as GraphQLObjectType).getFields();
      return `${field.name}(first: 3) { edges { cursor ${hasId ? 'node { id }' : ''} } }`;
    })
    .join(' ');
  const found: Harvest = { cursors: [], ids: [] };
  const answer = await send(url, { query: `{ ${selection} }`, accept: 'application/json' }, 30_000);
  const walk = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        if (key === 'cursor' && typeof item === 'string') found.cursors.push(item);
        else if (key === 'id' && typeof item === 'string') found.ids.push(item);
        else walk(item);
      }
    }
  };
  walk(JSON.parse(answer.text));
  return found;
}

export type FuzzFinding = { fuzzCase: FuzzCase; answer: FuzzAnswer; problems: string[] };

export type FuzzOptions = {
  /** The server's base URL, e.g. http://127.0.0.1:4000 */
  url: string;
  seed: number;
  /** How many cases. */
  runs: number;
  /** The time an answer may take. @default 2000 */
  budgetMs?: number;
  /** Only these case numbers (to replay a finding). */
  only?: readonly number[];
  /** Called after every case. */
  onCase?: (fuzzCase: FuzzCase, answer: FuzzAnswer, problems: string[]) => void;
};

export type FuzzReport = {
  seed: number;
  runs: number;
  findings: FuzzFinding[];
  statuses: Record<number, number>;
  kinds: Record<FuzzCase['kind'], number>;
  slowestMs: number;
};

/** Runs the cases one after another and collects what is wrong. */
export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const schema = loadFuzzSchema();
  const budgetMs = options.budgetMs ?? 2000;
  const found = await harvest(options.url, schema);
  const report: FuzzReport = {
    seed: options.seed,
    runs: 0,
    findings: [],
    statuses: {},
    kinds: { generated: 0, mutated: 0, hostile: 0 },
    slowestMs: 0,
  };
  const indexes = options.only ?? Array.from({ length: options.runs }, (_, index) => index);
  for (const index of indexes) {
    const fuzzCase = generateCase(schema, found, options.seed, index);
    // A little over the budget, so that a slow answer is measured rather than cut off.
    const answer = await send(options.url, fuzzCase.request, budgetMs * 5);
    const problems = checkAnswer(answer, budgetMs, fuzzCase.mustRefuse);
    report.runs += 1;
    report.statuses[answer.status] = (report.statuses[answer.status] ?? 0) + 1;
    report.kinds[fuzzCase.kind] += 1;
    report.slowestMs = Math.max(report.slowestMs, answer.ms);
    if (problems.length > 0) report.findings.push({ fuzzCase, answer, problems });
    options.onCase?.(fuzzCase, answer, problems);
  }
  return report;
}

/** A finding as a reader needs it: how to replay it, what was sent, what came back. */
export function formatFinding({ fuzzCase, answer, problems }: FuzzFinding): string {
  const { request } = fuzzCase;
  const sent =
    request.rawBody !== undefined
      ? `body ${JSON.stringify(request.rawBody.slice(0, 500))}${request.contentType ? ` (${request.contentType})` : ''}`
      : `query ${JSON.stringify(String(request.query).slice(0, 800))}${
          request.variables && Object.keys(request.variables).length > 0
            ? ` variables ${JSON.stringify(request.variables).slice(0, 400)}`
            : ''
        }${request.operationName !== undefined ? ` operationName ${JSON.stringify(request.operationName)}` : ''}`;
  return [
    `seed ${fuzzCase.seed} case ${fuzzCase.index} (${fuzzCase.kind}: ${fuzzCase.how}; replay: npm run fuzz -- --seed ${fuzzCase.seed} --case ${fuzzCase.index})`,
    `  problems: ${problems.join('; ')}`,
    `  sent: ${sent} accept ${request.accept}`,
    `  answer: ${answer.status} in ${Math.round(answer.ms)} ms: ${answer.text.slice(0, 400)}`,
  ].join('\n');
}
