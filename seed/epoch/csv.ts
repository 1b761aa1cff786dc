/**
 * Reads Epoch AI's "Notable AI Models" CSV into typed, validated rows.
 *
 * Every problem names where it is: the row as a spreadsheet numbers it (header = row 1), the line
 * the record starts on in a text editor (they differ once a cell holds a newline), the column and
 * what was expected. Nothing here touches the database, so a bad file is refused before any write.
 */
import { CsvError, parse } from 'csv-parse/sync';
import { parsePartialDate } from '../../src/domain/dates.js';
import type { Confidence, Domain, OrganizationKind } from '../../src/domain/enums.js';
import { MAX_PARAMETER_COUNT } from '../../src/domain/parameters.js';
import { matchKey } from './reconcile.js';

/** The columns the importer reads, by role. Every other column is ignored. */
export const EPOCH_COLUMNS = {
  model: 'Model',
  organization: 'Organization',
  publicationDate: 'Publication date',
  parameters: 'Parameters',
  trainingCompute: 'Training compute (FLOP)',
  confidence: 'Confidence',
  link: 'Link',
  country: 'Country (of organization)',
  baseModel: 'Base model',
  finetuneCompute: 'Finetune compute (FLOP)',
  accessibility: 'Model accessibility',
} as const;

/**
 * Columns read when the file has them: a file without them (an older export, a reviewer's
 * excerpt) is read as if they were blank.
 */
export const EPOCH_OPTIONAL_COLUMNS = {
  parametersNotes: 'Parameters notes',
  organizationCategorization: 'Organization categorization',
  domain: 'Domain',
  task: 'Task',
  reference: 'Reference',
  abstract: 'Abstract',
  authors: 'Authors',
  citations: 'Citations',
  trainingHardware: 'Training hardware',
  hardwareQuantity: 'Hardware quantity',
  trainingDatasets: 'Training dataset',
} as const;

/** Epoch's `Domain` values (folded with matchKey), as the graph's domains; any other value is OTHER. */
const DOMAINS: Readonly<Record<string, Domain>> = {
  language: 'LANGUAGE',
  vision: 'VISION',
  multimodal: 'MULTIMODAL',
  speech: 'SPEECH',
  audio: 'AUDIO',
  imagegeneration: 'IMAGE_GENERATION',
  video: 'VIDEO',
  games: 'GAMES',
  robotics: 'ROBOTICS',
  biology: 'BIOLOGY',
  medicine: 'MEDICINE',
  mathematics: 'MATHEMATICS',
  recommendation: 'RECOMMENDATION',
  '3dmodeling': 'MODELING_3D',
  earthscience: 'EARTH_SCIENCE',
  materialsscience: 'MATERIALS_SCIENCE',
  search: 'SEARCH',
  driving: 'DRIVING',
  other: 'OTHER',
};

/** Epoch's `Organization categorization` values, as the graph's organization kinds. */
const ORGANIZATION_KINDS: Readonly<Record<string, OrganizationKind>> = {
  industry: 'COMPANY',
  academia: 'UNIVERSITY',
  government: 'GOVERNMENT',
  researchcollective: 'COLLABORATION',
};

/** What one row says of one of its organizations; undefined where its column does not say it of this one. */
export type OrganizationFacts = Readonly<{
  /** The organization, as `Organization` spells it. */
  name: string;
  /** ISO code, or null for a name that is no country ("Multinational"). */
  country?: Cell<string | null>;
  kind?: Cell<OrganizationKind>;
}>;

type ColumnRole = keyof typeof EPOCH_COLUMNS | keyof typeof EPOCH_OPTIONAL_COLUMNS;

/** Epoch's `Confidence` column, as the graph's confidence enum. */
export type EpochConfidence = Confidence;

/** A cell read into a canonical value, with the text it was read from (kept as the claim's quote). */
export type Cell<T> = Readonly<{ value: T; quote: string }>;

/** One valid row of the file, reduced to what the graph takes from it. */
export type EpochRow = Readonly<{
  /** Row number as a spreadsheet shows it: the header is row 1, the first model row 2. */
  row: number;
  /** Line of the file the record starts on (1-based). */
  line: number;
  /** The name trimmed, with runs of whitespace (newlines included) folded to one space. */
  name: string;
  /** The name without a Chinese parenthetical: "ERNIE-4.5-VL-424B-A47B (文心大模型4.5)" → "ERNIE-4.5-VL-424B-A47B". */
  englishName: string;
  /** The Chinese text of the name, where there is some ("文心大模型4.5"). */
  nameZh: string | null;
  /** {@link matchKey} of `name`: two rows with the same key are the same model. */
  key: string;
  /** Organization names, split on commas that are not inside parentheses, trimmed, without repeats. */
  organizations: readonly string[];
  /** ISO date (YYYY-MM-DD, or YYYY-MM / YYYY when Epoch gives less). */
  publicationDate: Cell<string> | null;
  /** Exact parameter count, Epoch's float rounded to the nearest integer. */
  parameters: Cell<bigint> | null;
  /** Training compute in FLOP, rounded to the nearest integer. */
  trainingCompute: Cell<bigint> | null;
  /** ISO 3166-1 alpha-2 codes, sorted, without repeats (names that are not countries dropped). */
  countries: Cell<readonly string[]> | null;
  /** `Model accessibility` as Epoch writes it ("Open weights (unrestricted)", "API access", ...). */
  accessibility: Cell<string> | null;
  /** Epoch's row `Confidence` (blank is UNKNOWN); given per row, it goes on every claim of the row. */
  confidence: EpochConfidence;
  /** The first URL of the `Link` cell (some cells hold several, one per line). */
  link: string | null;
  /** `Base model` names, split like organizations. */
  baseModels: readonly string[];
  /** Whether Epoch gives a (non-zero) fine-tuning compute for the row: its base model was fine-tuned. */
  fineTuned: boolean;
  /**
   * The country and kind of each organization of the row, read from `Country (of organization)`
   * and `Organization categorization`, which list one value per organization in the order of
   * `Organization` (or one value for all). A column whose list does not line up says nothing of
   * any organization, and is listed in `unalignedColumns`.
   */
  organizationFacts: readonly OrganizationFacts[];
  /** Columns of organization facts whose lists do not line up with `Organization`, and how. */
  unalignedColumns: readonly { column: string; reason: string }[];
  /** The row's `Domain` list (a model may work in several), as the graph's domains, without repeats. */
  domains: readonly Domain[];
  /** The row's `Task` list in Epoch's words ("Code generation", "Chat"), without repeats. */
  tasks: readonly string[];
  /** `Parameters notes`, whitespace folded: how Epoch got the count (a quote of the paper, an estimate, a rumour). */
  parametersNotes: string | null;
  /** `Reference`, whitespace folded: the title of the paper or page at `link`. */
  reference: string | null;
  /** `Abstract`, whitespace folded: the paper's abstract. */
  abstract: string | null;
  /** `Authors` as written (line breaks kept: they can separate a contributors list's sections; ./authors.ts reads it). */
  authors: string | null;
  /** `Citations` as written ("671.0"): how many times the paper at `link` was cited when the snapshot was taken. */
  citations: string | null;
  /** `Training hardware`, split on the commas outside parentheses ("NVIDIA A100, Google TPU v4"). */
  trainingHardware: readonly string[];
  /** `Hardware quantity` as written ("512.0"): how many chips, for all of `trainingHardware`. */
  hardwareQuantity: string | null;
  /** `Training dataset`, split on the commas outside parentheses ("BookCorpus (BooksCorpus, Toronto Book Corpus)" is one). */
  trainingDatasets: readonly string[];
}>;

/** One thing wrong with the file or a row. */
export type RowProblem = Readonly<{
  /** Spreadsheet row (header = 1); undefined for a problem with the whole file. */
  row?: number;
  /** First line of the record. */
  line?: number;
  /** The row's `Model` cell, trimmed, to recognise it. */
  model?: string;
  /** The column at fault; undefined when the problem is the record itself. */
  column?: string;
  /** What is wrong and what was expected. */
  reason: string;
}>;

/** "row 5 (line 7, "GPT-3 175B (davinci)"), column "Parameters": expected …". */
export function formatProblem(problem: RowProblem): string {
  const where: string[] = [];
  if (problem.row !== undefined) {
    const details = [
      problem.line !== undefined ? `line ${problem.line}` : undefined,
      problem.model ? `"${problem.model}"` : undefined,
    ]
      .filter(Boolean)
      .join(', ');
    where.push(`row ${problem.row}${details ? ` (${details})` : ''}`);
  } else if (problem.line !== undefined) {
    where.push(`line ${problem.line}`);
  }
  if (problem.column !== undefined) where.push(`column "${problem.column}"`);
  return `${where.length > 0 ? `${where.join(', ')}: ` : ''}${problem.reason}`;
}

/** Thrown for a file that cannot be imported as it is. `problems` lists everything found. */
export class EpochInputError extends Error {
  override name = 'EpochInputError';
  constructor(
    readonly file: string,
    readonly problems: readonly RowProblem[],
  ) {
    const first = problems[0];
    const more =
      problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
    super(`${file}: ${first ? formatProblem(first) : 'invalid'}${more}`);
  }
}

/** Options of {@link readEpochCsv}. */
export type ReadEpochCsvOptions = {
  /** Name of the file, for messages. */
  fileName: string;
  /** Epoch country name, folded with {@link matchKey} → ISO code, or null for "not a country". */
  countries: ReadonlyMap<string, string | null>;
  /**
   * Leave invalid rows out and list them instead of refusing the file.
   * A file that cannot be parsed, or lacks a column, is refused either way.
   * @default false
   */
  skipInvalid?: boolean;
};

/** What {@link readEpochCsv} read. */
export type EpochCsv = Readonly<{
  /** Data rows in the file (the header not counted), valid or not. */
  rowsRead: number;
  rows: readonly EpochRow[];
  /** Problems of the rows left out (only with `skipInvalid`; otherwise they throw). */
  rejected: readonly RowProblem[];
}>;

/** Runs of whitespace (newlines in Epoch's cells included) folded to one space, ends trimmed. */
export function cleanText(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

/** Splits "A,B (x, y),C" on the commas outside parentheses: ["A", "B (x, y)", "C"], trimmed, blanks dropped. */
export function splitList(cell: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of cell) {
    if (char === '(') depth += 1;
    if (char === ')') depth = Math.max(0, depth - 1);
    if (char === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts.map(cleanText).filter((part) => part !== '');
}

const HAN = /\p{Script=Han}/u;

/** Separates the Chinese parenthetical of a name: "X (文心大模型4.5)" → { english: "X", zh: "文心大模型4.5" }. */
export function splitChineseName(name: string): { english: string; zh: string | null } {
  const match = /^(.*?)\s*[(（]([^()（）]*)[)）]\s*$/u.exec(name);
  if (match?.[1] && match[2] && HAN.test(match[2])) return { english: match[1].trim(), zh: match[2].trim() };
  if (HAN.test(name) && !/[A-Za-z]/.test(name)) return { english: name, zh: name };
  return { english: name, zh: null };
}

/**
 * Reads a decimal number written in plain or scientific notation ("247000000.00000003",
 * "1.75e12", "3.5e+23") exactly, as text, and rounds it to the nearest integer (halves up).
 * Never goes through a binary float, so "1.75e12" is exactly 1750000000000.
 * Answers undefined for text that is not such a number.
 */
export function parseExactInteger(text: string): { value: bigint; rounded: boolean } | undefined {
  const match = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,4}))?$/.exec(text.trim());
  if (!match) return undefined;
  const [, sign = '', whole = '', fraction = '', exponentText = '0'] = match;
  if (whole === '' && fraction === '') return undefined;
  const digits = BigInt(`${whole}${fraction}` || '0');
  const exponent = Number(exponentText) - fraction.length;
  let value: bigint;
  let rounded = false;
  if (exponent >= 0) {
    value = digits * 10n ** BigInt(exponent);
  } else {
    const divisor = 10n ** BigInt(-exponent);
    value = digits / divisor;
    const remainder = digits % divisor;
    if (remainder !== 0n) {
      rounded = true;
      if (remainder * 2n >= divisor) value += 1n;
    }
  }
  return { value: sign === '-' ? -value : value, rounded };
}

const CONFIDENCE: Record<string, EpochConfidence> = {
  confident: 'CONFIDENT',
  likely: 'LIKELY',
  speculative: 'SPECULATIVE',
  unknown: 'UNKNOWN',
};

const TRAILING_PUNCTUATION = /[.,;:!'"\]>]+$/u;

/** A token of a `Link` cell as an http(s) URL, or undefined when it is not one. */
function linkOf(token: string): string | undefined {
  // Punctuation that ends a sentence or a list is not part of the URL; a ")" is, when the URL
  // opened it (Wikipedia's "Foo_(bar)").
  let text = token.replace(TRAILING_PUNCTUATION, '');
  while (text.endsWith(')') && (text.match(/\(/g)?.length ?? 0) < (text.match(/\)/g)?.length ?? 0)) {
    text = text.slice(0, -1).replace(TRAILING_PUNCTUATION, '');
  }
  // "arxiv.org/abs/…" without a scheme: a host ending in a word of two letters or more.
  if (!/^https?:\/\//i.test(text) && /^([a-z0-9-]+\.)+[a-z]{2,}(\/\S*)?$/i.test(text)) text = `https://${text}`;
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? text : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The first URL of a `Link` cell. Epoch separates several links by newlines, spaces, commas or
 * semicolons ("https://mistral.ai/news/mixtral-of-experts/, https://arxiv.org/…"), so the cell is
 * split on whitespace, and on a comma or semicolon that ends a token or runs into the next URL; one
 * inside a URL stays (NetTalk's ".../download;jsessionid=…?doi=…"). "arxiv.org/abs/…" without a
 * scheme gets https://. Only http(s) URLs that `new URL()` accepts are taken.
 */
export function firstLink(cell: string): string | null {
  for (const token of cell.split(/\s+|[,;]+(?=\s|$|https?:\/\/)/iu)) {
    const link = linkOf(token);
    if (link !== undefined) return link;
  }
  return null;
}

/**
 * Above this, a training compute is a typo or an overflow, not a measurement: the largest runs of
 * the snapshot are around 5e26 FLOP. The ceiling also keeps "1e9999" from becoming a claim of ten
 * thousand digits.
 */
export const MAX_TRAINING_COMPUTE = 10n ** 32n;

type Header = ReadonlyMap<ColumnRole, number>;

/** Maps each column the importer needs to its index; refuses a header without them. */
function readHeader(fields: readonly string[], fileName: string): Header {
  const index = new Map<string, number>();
  const problems: RowProblem[] = [];
  fields.forEach((field, at) => {
    const name = field.trim();
    if (index.has(name) && Object.values(EPOCH_COLUMNS).includes(name as never)) {
      problems.push({ row: 1, line: 1, column: name, reason: 'the column appears twice in the header' });
    }
    if (!index.has(name)) index.set(name, at);
  });
  const header = new Map<ColumnRole, number>();
  for (const [role, column] of Object.entries(EPOCH_COLUMNS) as [ColumnRole, string][]) {
    const at = index.get(column);
    if (at === undefined)
      problems.push({ row: 1, line: 1, column, reason: 'required column is missing from the header' });
    else header.set(role, at);
  }
  for (const [role, column] of Object.entries(EPOCH_OPTIONAL_COLUMNS) as [ColumnRole, string][]) {
    const at = index.get(column);
    if (at !== undefined) header.set(role, at);
  }
  if (problems.length > 0) throw new EpochInputError(fileName, problems);
  return header;
}

/** Reads one record; answers the row or the problems that make it invalid. */
function readRow(
  fields: readonly string[],
  header: Header,
  position: { row: number; line: number },
  headerLength: number,
  countries: ReadonlyMap<string, string | null>,
): EpochRow | RowProblem[] {
  const cell = (role: ColumnRole): string => fields[header.get(role) ?? -1] ?? '';
  const name = cleanText(cell('model'));
  const base = { ...position, model: name || undefined };
  const problems: RowProblem[] = [];
  const problem = (role: ColumnRole | undefined, reason: string) =>
    problems.push({
      ...base,
      column: role ? { ...EPOCH_COLUMNS, ...EPOCH_OPTIONAL_COLUMNS }[role] : undefined,
      reason,
    });

  if (fields.length !== headerLength) {
    problem(undefined, `the record has ${fields.length} fields; the header has ${headerLength}`);
    return problems;
  }
  if (name === '' || matchKey(name) === '') problem('model', 'expected a model name, found none');

  type NumberColumn = { what: string; unit: string; max: bigint; maxText: string; allowZero?: boolean };
  const number = (
    role: ColumnRole,
    { what, unit, max, maxText, allowZero = false }: NumberColumn,
  ): Cell<bigint> | null => {
    const text = cell(role).trim();
    if (text === '') return null;
    const parsed = parseExactInteger(text);
    if (!parsed) {
      problem(role, `expected ${what} (a number such as 175000000000 or 1.75e11), got "${text}"`);
      return null;
    }
    if (parsed.value === 0n && parsed.rounded && !allowZero) {
      problem(role, `expected a positive number: "${text}" rounds to zero ${unit}`);
      return null;
    }
    if (parsed.value < 0n || (parsed.value === 0n && !allowZero)) {
      problem(role, `expected a ${allowZero ? 'non-negative' : 'positive'} number, got "${text}"`);
      return null;
    }
    if (parsed.value > max) {
      problem(role, `expected at most ${maxText}, got "${text}"`);
      return null;
    }
    return { value: parsed.value, quote: text };
  };
  const parameters = number('parameters', {
    what: 'a parameter count',
    unit: 'parameters',
    max: MAX_PARAMETER_COUNT,
    maxText: `${MAX_PARAMETER_COUNT} parameters (about 9.2e18, the largest count the database stores)`,
  });
  const compute = {
    what: 'a compute in FLOP',
    unit: 'FLOP',
    max: MAX_TRAINING_COMPUTE - 1n,
    maxText: 'a compute below 1e32 FLOP (no model comes near it)',
  };
  const trainingCompute = number('trainingCompute', compute);
  // Zero is Epoch's "no fine-tuning" (FunSearch: "0.0", noted "No finetuning").
  const finetune = number('finetuneCompute', { ...compute, allowZero: true });

  const dateText = cell('publicationDate').trim();
  let publicationDate: Cell<string> | null = null;
  if (dateText !== '') {
    const date = parsePartialDate(dateText);
    if (date) publicationDate = { value: date.text, quote: dateText };
    else problem('publicationDate', `expected an ISO date such as 2020-05-28, got "${dateText}"`);
  }

  const confidenceText = cell('confidence').trim();
  let confidence: EpochConfidence = 'UNKNOWN';
  if (confidenceText !== '') {
    const value = CONFIDENCE[confidenceText.toLowerCase()];
    if (value) confidence = value;
    else problem('confidence', `expected Confident, Likely, Speculative, Unknown or blank, got "${confidenceText}"`);
  }

  const countryText = cell('country');
  let countryCell: Cell<readonly string[]> | null = null;
  const countryNames = splitList(countryText);
  if (countryNames.length > 0) {
    const codes = new Set<string>();
    for (const country of countryNames) {
      const code = countries.get(matchKey(country));
      if (code === undefined) {
        problem('country', `unknown country "${country}": add it to the countries of seed/data/epoch/mappings.yaml`);
      } else if (code !== null) {
        codes.add(code);
      }
    }
    if (codes.size > 0) countryCell = { value: [...codes].sort(), quote: cleanText(countryText) };
  }

  const kindNames = splitList(cell('organizationCategorization'));
  const kinds = kindNames.map((text) => {
    const kind = ORGANIZATION_KINDS[matchKey(text)];
    if (!kind)
      problem(
        'organizationCategorization',
        `expected Industry, Academia, Government or Research collective, got "${text}"`,
      );
    return kind;
  });

  if (problems.length > 0) return problems;

  // Positional: the n-th country and the n-th category belong to the n-th organization.
  const listed = splitList(cell('organization'));
  const unalignedColumns: { column: string; reason: string }[] = [];
  const align = <T>(column: string, values: readonly (T | undefined)[], texts: readonly string[]) => {
    if (values.length === 0) return undefined;
    const cellOf = (at: number) => ({ value: values[at] as T, quote: texts[at] as string });
    if (values.length === listed.length) return (at: number) => cellOf(at);
    if (new Set(texts.map(matchKey)).size === 1) return () => cellOf(0);
    unalignedColumns.push({
      column,
      reason: `${values.length} values for ${listed.length} organizations: which is whose cannot be told`,
    });
    return undefined;
  };
  const countryAt = align(
    EPOCH_COLUMNS.country,
    countryNames.map((name) => countries.get(matchKey(name)) ?? null),
    countryNames,
  );
  const kindAt = align(EPOCH_OPTIONAL_COLUMNS.organizationCategorization, kinds, kindNames);
  const factsSeen = new Set<string>();
  const organizationFacts = listed.flatMap((organization, at): OrganizationFacts[] => {
    const key = matchKey(organization);
    if (key === '' || factsSeen.has(key)) return [];
    factsSeen.add(key);
    return [
      { name: organization, ...(countryAt ? { country: countryAt(at) } : {}), ...(kindAt ? { kind: kindAt(at) } : {}) },
    ];
  });

  const accessibility = cleanText(cell('accessibility'));
  const { english, zh } = splitChineseName(name);
  const dedupe = (names: string[]) => {
    const seen = new Set<string>();
    return names.filter((entry) => {
      const key = matchKey(entry);
      if (key === '' || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  };
  return {
    ...position,
    name,
    englishName: english,
    nameZh: zh,
    key: matchKey(name),
    organizations: dedupe(splitList(cell('organization'))),
    publicationDate,
    parameters,
    trainingCompute,
    countries: countryCell,
    accessibility: accessibility === '' ? null : { value: accessibility, quote: accessibility },
    confidence,
    link: firstLink(cell('link')),
    baseModels: dedupe(splitList(cell('baseModel'))),
    fineTuned: finetune !== null && finetune.value > 0n,
    parametersNotes: cleanText(cell('parametersNotes')) || null,
    reference: cleanText(cell('reference')) || null,
    abstract: cleanText(cell('abstract')) || null,
    authors: cell('authors').trim() || null,
    citations: cell('citations').trim() || null,
    trainingHardware: splitList(cell('trainingHardware')),
    hardwareQuantity: cell('hardwareQuantity').trim() || null,
    trainingDatasets: splitList(cell('trainingDatasets')),
    organizationFacts,
    unalignedColumns,
    domains: [...new Set(splitList(cell('domain')).map((text) => DOMAINS[matchKey(text)] ?? 'OTHER'))],
    tasks: dedupe(splitList(cell('task'))),
  };
}

/** What is wrong, for csv-parse's errors, without its 0-based field number (the column is named apart). */
function csvErrorReason(error: CsvError): string {
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted cell is never closed (unbalanced ")';
    case 'INVALID_OPENING_QUOTE':
      return 'malformed CSV: a quote inside a cell that does not start with one (quote the whole cell and double the inner quote: "a ""b"" c")';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'malformed CSV: text after the closing quote of a cell (double a quote inside a quoted cell: "a ""b"" c")';
    default:
      return `malformed CSV: ${error.message.replace(/ on field \d+/, '').replace(/ at line \d+.*$/s, '')}`;
  }
}

/**
 * Parses and validates the whole file. Throws {@link EpochInputError} for a file that is not
 * well-formed CSV, for a header without a needed column, and (unless `skipInvalid`) for the
 * first invalid row, listing every problem found.
 */
export function readEpochCsv(text: string, options: ReadEpochCsvOptions): EpochCsv {
  const { fileName, countries, skipInvalid = false } = options;
  // One line convention, so that line numbers and newlines inside cells mean the same everywhere.
  const source = text.replace(/\r\n?/g, '\n');
  type Parsed = { record: string[]; info: { lines: number; records: number } };
  let lastLine = 0;
  let headerFields: readonly string[] | undefined;
  let records: Parsed[];
  try {
    records = parse(source, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      on_record: (record, context) => {
        lastLine = context.lines;
        // With `info`, each record arrives as { record, info } (csv-parse's types say string[]).
        headerFields ??= (record as unknown as Parsed).record;
        return record;
      },
    }) as unknown as Parsed[];
  } catch (error) {
    if (error instanceof CsvError) {
      // The record that failed starts after the last one read.
      const parsedRecords = typeof error.records === 'number' ? error.records : 0;
      // csv-parse counts fields from 0; a person knows the column by its header.
      const fieldIndex = error.index;
      const column = headerFields && typeof fieldIndex === 'number' ? headerFields[fieldIndex]?.trim() : undefined;
      throw new EpochInputError(fileName, [
        { row: parsedRecords + 1, line: lastLine + 1, column, reason: csvErrorReason(error) },
      ]);
    }
    throw error;
  }

  const [headerRecord, ...dataRecords] = records;
  if (!headerRecord) throw new EpochInputError(fileName, [{ reason: 'the file is empty: expected a header row' }]);
  const header = readHeader(headerRecord.record, fileName);
  // Importing no rows would still move the source's snapshot date forward, as if Epoch had
  // emptied its dataset: almost surely a truncated download.
  if (dataRecords.length === 0)
    throw new EpochInputError(fileName, [
      { reason: 'the file has a header but no data rows: expected at least one model row' },
    ]);
  const headerLength = headerRecord.record.length;

  const rows: EpochRow[] = [];
  const rejected: RowProblem[] = [];
  for (const { record, info } of dataRecords) {
    const newlines = record.reduce((count, field) => count + (field.match(/\n/g)?.length ?? 0), 0);
    const result = readRow(record, header, { row: info.records, line: info.lines - newlines }, headerLength, countries);
    if (Array.isArray(result)) rejected.push(...result);
    else rows.push(result);
  }
  if (rejected.length > 0 && !skipInvalid) throw new EpochInputError(fileName, rejected);
  // Every row rejected: as with an empty file, importing would only move the snapshot date.
  if (rows.length === 0)
    throw new EpochInputError(fileName, [{ reason: 'every row is invalid: nothing to import' }, ...rejected]);
  return { rowsRead: dataRecords.length, rows, rejected };
}
