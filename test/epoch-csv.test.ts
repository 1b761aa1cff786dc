import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  cleanText,
  EpochInputError,
  firstLink,
  formatProblem,
  parseExactInteger,
  readEpochCsv,
  splitChineseName,
  splitList,
} from '../seed/epoch/csv.js';
import { loadEpochMappings } from '../seed/epoch/mappings.js';
import { type EpochTestRow, epochCsvText, epochFixture } from './helpers/epoch-fixtures.js';

const { countries } = loadEpochMappings();
const read = (name: string, skipInvalid = false) =>
  readEpochCsv(readFileSync(epochFixture(name), 'utf8'), { fileName: name, countries, skipInvalid });

/** The error a call throws, typed, or a failure when it does not throw. */
function errorOf(run: () => unknown): EpochInputError {
  try {
    run();
  } catch (error) {
    if (error instanceof EpochInputError) return error;
    throw error;
  }
  throw new Error('expected an EpochInputError');
}

describe('cell readers', () => {
  it('reads Epoch float parameter counts exactly, rounding to the nearest integer', () => {
    expect(parseExactInteger('247000000.00000003')).toEqual({ value: 247_000_000n, rounded: true });
    expect(parseExactInteger('256999999.99999997')).toEqual({ value: 257_000_000n, rounded: true });
    expect(parseExactInteger('1.75e12')).toEqual({ value: 1_750_000_000_000n, rounded: false });
    expect(parseExactInteger('3.50010000000001e+23')?.value).toBe(350_010_000_000_001_000_000_000n);
    expect(parseExactInteger('102000000000.0')).toEqual({ value: 102_000_000_000n, rounded: false });
    expect(parseExactInteger('0.5')?.value).toBe(1n);
    for (const bad of ['', 'about 7B', '7B', '1e', '1.2.3', 'NaN', '.']) expect(parseExactInteger(bad)).toBeUndefined();
  });

  it('splits comma-joined lists outside parentheses', () => {
    expect(splitList('Google Research,DeepMind')).toEqual(['Google Research', 'DeepMind']);
    expect(splitList('Z.ai (Zhipu AI),Tsinghua University')).toEqual(['Z.ai (Zhipu AI)', 'Tsinghua University']);
    expect(splitList('Llama 2-13B,CLIP (ViT L/14@336px)')).toEqual(['Llama 2-13B', 'CLIP (ViT L/14@336px)']);
    expect(splitList('A (x, y), B ,,')).toEqual(['A (x, y)', 'B']);
    expect(splitList('')).toEqual([]);
  });

  it('separates a Chinese parenthetical and cleans names', () => {
    expect(splitChineseName('ERNIE-4.5-VL-424B-A47B (文心大模型4.5)')).toEqual({
      english: 'ERNIE-4.5-VL-424B-A47B',
      zh: '文心大模型4.5',
    });
    expect(splitChineseName('GPT-3 175B (davinci)')).toEqual({ english: 'GPT-3 175B (davinci)', zh: null });
    expect(splitChineseName('悟道2.0')).toEqual({ english: '悟道2.0', zh: '悟道2.0' });
    expect(cleanText('Solar Open 100B\n')).toBe('Solar Open 100B');
    expect(cleanText(' GPT-3.5\n(davinci-002) ')).toBe('GPT-3.5 (davinci-002)');
  });

  it('takes the first URL of a link cell', () => {
    expect(firstLink('https://a.example/x\n\nhttps://b.example/y')).toBe('https://a.example/x');
    expect(firstLink('arxiv.org/abs/2501.14818')).toBe('https://arxiv.org/abs/2501.14818');
    expect(firstLink('')).toBeNull();
    expect(firstLink('see the paper')).toBeNull();
  });

  it('splits a link cell on commas and semicolons and keeps only http(s) URLs', () => {
    // The real snapshot's Mixtral row: 49 claims on 11 models had a locator ending in ",".
    expect(firstLink('https://mistral.ai/news/mixtral-of-experts/, https://arxiv.org/abs/2401.04088')).toBe(
      'https://mistral.ai/news/mixtral-of-experts/',
    );
    expect(firstLink('https://a.example/x;https://b.example/y')).toBe('https://a.example/x');
    expect(firstLink('https://a.example/x,https://b.example/y')).toBe('https://a.example/x');
    expect(firstLink('https://falconllm.tii.ae/falcon-180b.html; https://arxiv.org/abs/2311.16867')).toBe(
      'https://falconllm.tii.ae/falcon-180b.html',
    );
    // A semicolon or comma inside a URL is part of it (the snapshot's NetTalk rows).
    expect(
      firstLink('http://citeseerx.ist.psu.edu/viewdoc/download;jsessionid=03A3?doi=10.1.1.154.7012&rep=rep1'),
    ).toBe('http://citeseerx.ist.psu.edu/viewdoc/download;jsessionid=03A3?doi=10.1.1.154.7012&rep=rep1');
    expect(firstLink('https://a.example/x?a=1,2')).toBe('https://a.example/x?a=1,2');
    expect(firstLink('https://a.example/x.')).toBe('https://a.example/x');
    expect(firstLink('(https://a.example/x)')).toBeNull();
    expect(firstLink('see https://a.example/x), then')).toBe('https://a.example/x');
    // A parenthesis the URL opened is part of it.
    expect(firstLink('https://en.wikipedia.org/wiki/Mercury_(planet)')).toBe(
      'https://en.wikipedia.org/wiki/Mercury_(planet)',
    );
    expect(firstLink('javascript:alert(1)')).toBeNull();
    expect(firstLink('ftp://files.example/x https://a.example/y')).toBe('https://a.example/y');
    expect(firstLink('https://')).toBeNull();
    expect(firstLink('e.g. arxiv.org/abs/2501.14818')).toBe('https://arxiv.org/abs/2501.14818');
  });
});

describe('readEpochCsv on the quirks fixture', () => {
  const csv = read('quirks.csv');
  const row = (name: string) => {
    const found = csv.rows.find((entry) => entry.name === name);
    if (!found) throw new Error(`no row ${name}`);
    return found;
  };

  it('numbers rows as a spreadsheet does and lines as an editor does', () => {
    expect(csv.rowsRead).toBe(18);
    expect(csv.rows).toHaveLength(18);
    // The Solar record spans lines 3-5 (a newline in its name and in its notes).
    // Its `Model` cell is "Solar Open 100B\n": found above by the cleaned name.
    expect(row('Solar Open 100B')).toMatchObject({ row: 3, line: 3 });
    expect(row('ERNIE-4.5-VL-424B-A47B (文心大模型4.5)')).toMatchObject({ row: 4, line: 6 });
    expect(row('GPT-3 175B (davinci)')).toMatchObject({ row: 15, line: 17 });
    expect(row('DeepLabV3+')).toMatchObject({ row: 16, line: 19 });
  });

  it('reads every quirk into canonical values', () => {
    expect(row('Med-PaLM 2').organizations).toEqual(['Google Research', 'DeepMind']);
    expect(row('Med-PaLM 2').countries?.value).toEqual(['GB', 'US']);
    expect(row('ERNIE-Doc (247M)').parameters).toEqual({ value: 247_000_000n, quote: '247000000.00000003' });
    expect(row('ERNIE-Doc (247M)').accessibility).toBeNull();
    expect(row('IEEE Benchmark Net').parameters?.value).toBe(1_750_000_000_000n);
    // "Multinational" is not a country: dropped from the value, kept in the quote.
    expect(row('IEEE Benchmark Net').countries).toEqual({ value: ['FI'], quote: 'Finland,Multinational' });
    expect(row('IEEE Benchmark Net').confidence).toBe('UNKNOWN');
    expect(row('IEEE Benchmark Net').link).toBe('https://arxiv.org/abs/2006.00001');
    expect(row('GPT-3 175B (davinci)').link).toBe('https://arxiv.org/abs/2005.14165');
    expect(row('GPT-3 175B (davinci)').trainingCompute?.value).toBe(314_000_000_000_000_000_000_000n);
    expect(row('ERNIE-4.5-VL-424B-A47B (文心大模型4.5)')).toMatchObject({
      englishName: 'ERNIE-4.5-VL-424B-A47B',
      nameZh: '文心大模型4.5',
    });
    expect(row('Flan-PaLM 540B')).toMatchObject({ baseModels: ['PaLM (540B)'], fineTuned: true });
    // Epoch writes 0.0 for "No finetuning".
    expect(row('FunSearch')).toMatchObject({ baseModels: ['PaLM (540B)'], fineTuned: false });
    expect(row('Blank Model')).toMatchObject({
      organizations: [],
      parameters: null,
      trainingCompute: null,
      countries: null,
      accessibility: null,
      link: null,
      confidence: 'UNKNOWN',
      publicationDate: { value: '2019-01-01', quote: '2019-01-01' },
    });
    // "+" is part of the name: these are two models.
    expect(row('DeepLabV3+').key).not.toBe(row('DeepLabV3').key);
  });
});

describe('readEpochCsv on bad input', () => {
  const readRows = (rows: readonly EpochTestRow[], skipInvalid = false) =>
    readEpochCsv(epochCsvText(rows), { fileName: 'review.csv', countries, skipInvalid });

  it('refuses a parameter count the database cannot store, naming the row and column', () => {
    const rows = [
      { Model: 'Too Big', Parameters: '1e19' },
      { Model: 'Largest', Parameters: '9223372036854775807' },
    ];
    expect(errorOf(() => readRows(rows)).message).toBe(
      'review.csv: row 2 (line 2, "Too Big"), column "Parameters": expected at most 9223372036854775807 parameters (about 9.2e18, the largest count the database stores), got "1e19"',
    );
    const csv = readRows(rows, true);
    expect(csv.rows.map((row) => [row.name, row.parameters?.value])).toEqual([['Largest', 9_223_372_036_854_775_807n]]);
    expect(csv.rejected.map((problem) => [problem.row, problem.column])).toEqual([[2, 'Parameters']]);
  });

  it('refuses a training compute beyond any plausible one', () => {
    const rows = [
      { Model: 'Overflow', 'Training compute (FLOP)': '1e9999' },
      { Model: 'Ceiling', 'Training compute (FLOP)': '1e32' },
      { Model: 'Fine-tune overflow', 'Finetune compute (FLOP)': '1e40' },
      { Model: 'Largest run', 'Training compute (FLOP)': '5e26' },
    ];
    const csv = readRows(rows, true);
    expect(csv.rejected.map((problem) => formatProblem(problem))).toEqual([
      'row 2 (line 2, "Overflow"), column "Training compute (FLOP)": expected at most a compute below 1e32 FLOP (no model comes near it), got "1e9999"',
      'row 3 (line 3, "Ceiling"), column "Training compute (FLOP)": expected at most a compute below 1e32 FLOP (no model comes near it), got "1e32"',
      'row 4 (line 4, "Fine-tune overflow"), column "Finetune compute (FLOP)": expected at most a compute below 1e32 FLOP (no model comes near it), got "1e40"',
    ]);
    expect(csv.rows.map((row) => [row.name, row.trainingCompute?.value])).toEqual([
      ['Largest run', 500_000_000_000_000_000_000_000_000n],
    ]);
  });

  it('says a parameter count rounds to zero instead of calling 0.4 not positive', () => {
    const csv = readRows(
      [
        { Model: 'Tiny', Parameters: '0.4' },
        { Model: 'Zero', Parameters: '0' },
        { Model: 'Half', Parameters: '0.5' },
      ],
      true,
    );
    expect(csv.rejected.map((problem) => problem.reason)).toEqual([
      'expected a positive number: "0.4" rounds to zero parameters',
      'expected a positive number, got "0"',
    ]);
    expect(csv.rows.map((row) => [row.name, row.parameters?.value])).toEqual([['Half', 1n]]);
  });

  it('refuses a file with a header and no rows', () => {
    const error = errorOf(() => readRows([]));
    expect(error.message).toBe('review.csv: the file has a header but no data rows: expected at least one model row');
  });

  it('names the column of a malformed cell by its header, not by a field number', () => {
    const text = `${epochCsvText([{ Model: 'Fine' }]).trimEnd()}\nBroken,Open"AI",2020-01-01,,,,,,,,\n`;
    const error = errorOf(() => readEpochCsv(text, { fileName: 'quote.csv', countries }));
    expect(error.message).toBe(
      'quote.csv: row 3 (line 3), column "Organization": malformed CSV: a quote inside a cell that does not start with one (quote the whole cell and double the inner quote: "a ""b"" c")',
    );
  });

  it('names the line of an unclosed quote', () => {
    const error = errorOf(() => read('bad-unclosed-quote.csv'));
    expect(error.message).toBe(
      'bad-unclosed-quote.csv: row 4 (line 4), column "Model": a quoted cell is never closed (unbalanced ")',
    );
  });

  it('names a missing required column, even with --skip-invalid', () => {
    const error = errorOf(() => read('bad-missing-column.csv', true));
    expect(error.message).toBe(
      'bad-missing-column.csv: row 1 (line 1), column "Parameters": required column is missing from the header',
    );
  });

  it('names the row and column of a bad value and lists every problem', () => {
    const error = errorOf(() => read('bad-values.csv'));
    expect(error.message).toBe(
      'bad-values.csv: row 3 (line 3, "Wordy Params"), column "Parameters": expected a parameter count (a number such as 175000000000 or 1.75e11), got "about 7B" (and 2 more problems)',
    );
    expect(error.problems.map((problem) => [problem.row, problem.line, problem.column])).toEqual([
      [3, 3, 'Parameters'],
      [5, 6, 'Publication date'],
      [6, 7, 'Country (of organization)'],
    ]);
  });

  it('leaves invalid rows out with skipInvalid', () => {
    const csv = read('bad-values.csv', true);
    expect(csv.rowsRead).toBe(6);
    expect(csv.rows.map((row) => row.name)).toEqual(['Good One', 'Good Three', 'Based On Wordy Too']);
    expect(csv.rejected.map((problem) => problem.reason)).toEqual([
      'expected a parameter count (a number such as 175000000000 or 1.75e11), got "about 7B"',
      'expected an ISO date such as 2020-05-28, got "2020-02-30"',
      'unknown country "Atlantis": add it to the countries of seed/data/epoch/mappings.yaml',
    ]);
  });

  it('refuses a record with the wrong number of fields', () => {
    const text =
      'Model,Organization,Publication date,Parameters,Training compute (FLOP),Confidence,Link,Country (of organization),Base model,Finetune compute (FLOP),Model accessibility\nShort,OpenAI\n';
    const error = errorOf(() => readEpochCsv(text, { fileName: 'short.csv', countries }));
    expect(error.message).toBe('short.csv: row 2 (line 2, "Short"): the record has 2 fields; the header has 11');
  });
});

describe('a file of invalid rows only', () => {
  it('is refused under skipInvalid too: importing nothing would only move the snapshot date', () => {
    const header = readFileSync(new URL('../seed/data/epoch/notable-ai-models.csv', import.meta.url), 'utf8').split(
      '\n',
    )[0] as string;
    const row = header
      .split(',')
      .map((column) => (column === 'Model' ? 'Broken' : column === 'Parameters' ? 'lots' : ''))
      .join(',');
    expect(() =>
      readEpochCsv(`${header}\n${row}\n`, { fileName: 'broken.csv', countries: new Map(), skipInvalid: true }),
    ).toThrow(/every row is invalid/);
  });
});
