/** Unit tests of the pure rules in src/domain: dates, parameter counts, names, search grams and scores. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SearchField, SearchHit } from '../src/db/store.js';
import { openWeightsFromAccessibility } from '../src/domain/accessibility.js';
import { datesAgree, dateValue, formatDate, parseCalendarDate, parsePartialDate } from '../src/domain/dates.js';
import { byDeclaredOrder, enumValues } from '../src/domain/enums.js';
import { normalizedStart, normalizeName } from '../src/domain/normalize.js';
import { formatParameters, formatParametersZh } from '../src/domain/parameters.js';
import { rankClaims } from '../src/domain/ranking.js';
import { gramPattern, isGramQuery, searchGrams } from '../src/domain/search-grams.js';
import { rankHits, score } from '../src/domain/search-rank.js';

describe('dates', () => {
  it('reads a date to the day, month or year, checked against the calendar', () => {
    expect(parsePartialDate('2024-02-29')).toEqual({
      text: '2024-02-29',
      precision: 'DAY',
      value: new Date('2024-02-29T00:00:00Z'),
    });
    expect(parsePartialDate('2020-05')).toEqual({
      text: '2020-05',
      precision: 'MONTH',
      value: new Date('2020-05-01T00:00:00Z'),
    });
    expect(parsePartialDate('2018')).toEqual({
      text: '2018',
      precision: 'YEAR',
      value: new Date('2018-01-01T00:00:00Z'),
    });
    for (const text of [
      '2026-02-30',
      '2025-02-29',
      '2026-13',
      '2026-00',
      '26-01-01',
      '2026-1-1',
      '2026-01-01T00:00:00Z',
      '',
      ' 2020',
    ]) {
      expect({ text, date: parsePartialDate(text) }).toEqual({ text, date: undefined });
    }
  });

  it('stores a date as midnight UTC of its first day and refuses what is not one', () => {
    expect(dateValue('2020-05')).toEqual(new Date('2020-05-01T00:00:00Z'));
    expect(() => dateValue('2021-02-30')).toThrow('"2021-02-30" is not a date written YYYY, YYYY-MM or YYYY-MM-DD');
    expect(formatDate(new Date('2022-11-30T00:00:00Z'))).toBe('2022-11-30');
  });

  it('takes only full calendar dates where the API asks for a Date', () => {
    expect(parseCalendarDate('2022-11-30')).toEqual(new Date('2022-11-30T00:00:00Z'));
    expect(parseCalendarDate('2022-11')).toBeUndefined();
    expect(parseCalendarDate('2022-02-29')).toBeUndefined();
  });

  it('lets a less precise date agree with a more precise one', () => {
    expect(datesAgree('2020', '2020-05-28')).toBe(true);
    expect(datesAgree('2020-05', '2020-05-28')).toBe(true);
    expect(datesAgree('2020-06', '2020-05-28')).toBe(false);
    expect(datesAgree('2021', '2020-05-28')).toBe(false);
  });
});

describe('enums', () => {
  it('orders values by meaning, as schema.prisma declares them, not as text', () => {
    const byRole = byDeclaredOrder('DeveloperRole');
    expect(['CO_DEVELOPER', 'DEVELOPER'].sort((a, b) => byRole(a as never, b as never))).toEqual([
      'DEVELOPER',
      'CO_DEVELOPER',
    ]);
  });

  it('declares Relevance in text order, so that SQL sorts it the same on every database (article.models)', () => {
    const declared = enumValues('Relevance');
    expect(declared).toEqual(['MAIN', 'MENTION']);
    expect([...declared].sort()).toEqual(declared);
  });
});

describe('rankClaims: the one rule that chooses a value from its claims', () => {
  type Claim = Parameters<typeof rankClaims>[1][number];
  let nextId = 1;
  const claim = (
    value: string,
    confidence: Claim['confidence'],
    kind: Claim['source']['kind'],
    extra: Partial<Claim> = {},
  ): Claim => ({
    id: nextId++,
    value,
    confidence,
    source: { slug: `${kind.toLowerCase()}-${nextId}`, kind },
    assertedRank: null,
    assertedReason: null,
    ...extra,
  });
  const ranks = (result: ReturnType<typeof rankClaims>) => result.rankings.map((ranking) => ranking.rank);

  it('never prefers a speculative claim or a note of unstated confidence on their own', () => {
    const rumour = claim('1800000000000', 'SPECULATIVE', 'DATASET');
    const note = claim('175000000000', 'UNKNOWN', 'NOTE');
    const result = rankClaims('PARAMETERS', [rumour, note]);
    expect(result.preferred).toBeNull();
    expect(result.rankings.map((ranking) => ranking.reason)).toEqual([
      'speculative: never preferred unless a curator marks it so; no claim qualifies, so there is no preferred value',
      "a note's claim of unstated confidence: not evidence enough on its own; no claim qualifies, so there is no preferred value",
    ]);
  });

  it('prefers the most confident claim, then the most primary source, then the best supported value', () => {
    const dataset = claim('174600000000', 'CONFIDENT', 'DATASET');
    const paper = claim('175000000000', 'CONFIDENT', 'PAPER');
    const likelyPaper = claim('170000000000', 'LIKELY', 'PAPER');
    const result = rankClaims('PARAMETERS', [dataset, paper, likelyPaper]);
    expect(result.preferred).toBe(paper);
    expect(ranks(result)).toEqual(['NORMAL', 'PREFERRED', 'NORMAL']);
    expect(result.rankings[1]?.reason).toBe(
      `the best qualifying claim: confident, from a paper (${paper.source.slug})`,
    );
    // Same confidence and kind: the value two sources agree on wins over the older lone one.
    const lone = claim('1', 'CONFIDENT', 'DATASET');
    const first = claim('2', 'CONFIDENT', 'DATASET');
    const second = claim('2', 'CONFIDENT', 'DATASET');
    expect(rankClaims('PARAMETERS', [lone, first, second]).preferred).toBe(first);
  });

  it('takes the earliest release date, and of dates that agree the most precise', () => {
    const blog = claim('2022-04-04', 'UNKNOWN', 'DATASET');
    const paper = claim('2022-04-05', 'CONFIDENT', 'PAPER');
    expect(rankClaims('RELEASE_DATE', [paper, blog]).preferred).toBe(blog);
    const month = claim('2018-06', 'CONFIDENT', 'PAPER');
    const day = claim('2018-06-11', 'UNKNOWN', 'DATASET');
    const result = rankClaims('RELEASE_DATE', [month, day]);
    expect(result.preferred).toBe(day);
    expect(result.rankings[0]).toEqual({
      id: month.id,
      rank: 'NORMAL',
      reason: `agrees with the preferred claim (${day.source.slug})`,
    });
  });

  it('obeys the curators: a deprecated claim is never preferred, a preferred one always is', () => {
    const wrong = claim('2021-01-12', 'UNKNOWN', 'DATASET', {
      assertedRank: 'DEPRECATED',
      assertedReason: 'Wu Dao 1.0 date',
    });
    const chosen = claim('2021-06-01', 'CONFIDENT', 'WEBSITE', {
      assertedRank: 'PREFERRED',
      assertedReason: 'announced then',
    });
    const earlier = claim('2021-05-31', 'LIKELY', 'WEBSITE');
    const result = rankClaims('RELEASE_DATE', [wrong, chosen, earlier]);
    expect(result.preferred).toBe(chosen);
    expect(result.rankings).toEqual([
      { id: wrong.id, rank: 'DEPRECATED', reason: 'deprecated by the curators: Wu Dao 1.0 date' },
      { id: chosen.id, rank: 'PREFERRED', reason: 'preferred by the curators: announced then' },
      {
        id: earlier.id,
        rank: 'NORMAL',
        // A day apart: the same announcement in two time zones, so they agree.
        reason: `agrees with the preferred claim (${chosen.source.slug})`,
      },
    ]);
    // A speculative claim the curators prefer is preferred: their word is the exception.
    const marked = claim('1800000000000', 'SPECULATIVE', 'DATASET', { assertedRank: 'PREFERRED' });
    expect(rankClaims('PARAMETERS', [marked]).preferred).toBe(marked);
  });
});

describe('openWeightsFromAccessibility', () => {
  it("reads Epoch AI's vocabulary and says nothing for wording that does not tell", () => {
    expect(
      [
        'Open weights (non-commercial)',
        'API access',
        'Hosted access (no API)',
        'Unreleased',
        'API only',
        'Online demo at launch',
      ].map(openWeightsFromAccessibility),
    ).toEqual([true, false, false, false, false, undefined]);
  });
});

describe('parameter counts on display', () => {
  it('shows the count exactly, or marks it rounded: never a figure no source gives', () => {
    expect(
      [175_000_000_000n, 1_085_000_000_000n, 1_002_700_000_000n, 174_600_000_000n, 176_247_271_424n, 117_000_000n].map(
        (value) => [formatParameters(value), formatParametersZh(value)],
      ),
    ).toEqual([
      ['175B', '1750亿'],
      ['1.085T', '1.085万亿'],
      ['1.0027T', '1.0027万亿'],
      ['174.6B', '1746亿'],
      ['≈176.247B', '≈1762.473亿'],
      ['117M', '1.17亿'],
    ]);
  });
});

describe('search grams: one or two CJK characters found without a trigram', () => {
  it('lists each CJK character and each pair of adjacent ones once, as words', () => {
    expect(searchGrams('百度的ERNIE 3.0 文心')).toBe(' 百 百度 度 度的 的 文 文心 心 ');
    expect(searchGrams('ChatGPT')).toBe('');
    expect(searchGrams('度度度')).toBe(' 度 度度 ');
    expect(searchGrams('ひらがなとカタカナ、한국어')).toContain(' とカ ');
  });

  it('holds ` query ` exactly when the text holds the query, for every short query over the note', () => {
    // The user's note: Chinese prose with English names, punctuation and numbers mixed in.
    const note = readFileSync(new URL('../seed/data/chatgpt-note.md', import.meta.url), 'utf8');
    const lines = note.split('\n').filter((line) => line.trim() !== '');
    const chars = [...new Set([...note].filter((char) => isGramQuery(char)))];
    expect(chars.length).toBeGreaterThan(100);
    // Every character of the note, every pair of them that occurs, and pairs that never occur.
    const pairs = new Set<string>();
    for (const line of lines) {
      const text = [...line];
      text.forEach((char, index) => {
        const next = text[index + 1];
        if (next !== undefined && isGramQuery(char + next)) pairs.add(char + next);
      });
    }
    const queries = [...chars, ...pairs, '度百', '的的', '模型', '大模'];
    let found = 0;
    for (const line of lines) {
      const grams = searchGrams(line);
      for (const query of queries) {
        expect(grams.includes(gramPattern(query)), `${query} in ${line}`).toBe(line.includes(query));
        if (line.includes(query)) found += 1;
      }
    }
    expect(found).toBeGreaterThan(500);
  });

  it('takes one or two CJK characters, nothing else', () => {
    expect(['百度', '悟', 'カタ', '한국'].every(isGramQuery)).toBe(true);
    expect(['', 'AI', '百A', '百度文', ' 百', '１'].some(isGramQuery)).toBe(false);
  });
});

describe('normalizeName: names folded for matching', () => {
  it.each([
    ['GPT-3 175B (davinci)', 'gpt3175bdavinci'],
    ['ＧＬＭ', 'glm'],
    ['悟道 2.0', '悟道2.0'],
    ['OPT-1.3B', 'opt1.3b'],
    ['OPT-13B', 'opt13b'],
    ['v.2', 'v2'],
    ['1.2.3', '1.2.3'],
    ['Wu Dao 2.0', 'wudao2.0'],
    ['', ''],
  ])('%s → %s', (name, folded) => {
    expect(normalizeName(name)).toBe(folded);
  });
});

describe("normalizedStart: a folded name's first characters, read without folding the whole text", () => {
  it('is the start of normalizeName wherever it answers, and answers for ASCII and Chinese text', () => {
    // Characters that fold alone and ones that do not: a combining accent (composes with the
    // letter before it), full-width letters and digits, a superscript digit (a digit once folded:
    // a decimal point before it stays), Greek capital sigma, a private-use mark, emoji.
    const palette = [
      'a',
      'B',
      'z',
      '0',
      '7',
      '.',
      '-',
      ' ',
      '(',
      '百',
      '度',
      '模',
      '\u0301',
      'Ａ',
      '１',
      '²',
      'Σ',
      '\uE000',
      '🙂',
      '。',
    ];
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    let answered = 0;
    for (let round = 0; round < 5_000; round += 1) {
      const text = Array.from(
        { length: Math.floor(random() * 12) },
        () => palette[Math.floor(random() * palette.length)],
      ).join('');
      for (const length of [0, 1, 2, 3, 5, 20]) {
        const start = normalizedStart(text, length);
        if (start === undefined) continue;
        answered += 1;
        expect(start, `${JSON.stringify(text)} ${length}`).toBe(normalizeName(text).slice(0, length));
      }
    }
    expect(answered).toBeGreaterThan(5_000);
    expect(normalizedStart('GPT-3.5 Turbo, a model', 4)).toBe('gpt3');
    expect(normalizedStart('v3.5 (2023)', 9)).toBe('v3.52023');
    expect(normalizedStart('百度的文心一言', 3)).toBe('百度的');
    // A character that needs normalizeName, right after the last one read or before it.
    expect(normalizedStart('ae\u0301', 2)).toBeUndefined();
    expect(normalizedStart('ＧＬＭ', 1)).toBeUndefined();
  });
});

describe('search score: the field, an exact or prefix match, and how much of the text the query covers', () => {
  const hit = (field: SearchField, text: string): SearchHit => ({ entityType: 'MODEL', entityId: 1, field, text });
  it('adds 50 for an exact match, written or folded, 20 for a prefix, and 10 × the share covered', () => {
    expect(score(hit('NAME', 'GPT-3 gpt3'), 'gpt-3')).toBe(100 + 50 + 10 * (5 / 10));
    expect(score(hit('NAME', 'GPT-3 gpt3'), 'gpt3')).toBe(100 + 50 + 10 * (4 / 10));
    expect(score(hit('ALIAS', 'GPT-3.5 Turbo gpt3.5turbo'), 'gpt-3')).toBe(85 + 20 + 10 * (5 / 25));
    expect(score(hit('TITLE', '百度的文心一言与百度'), '百度')).toBe(70 + 20 + 10 * ((2 * 2) / 10));
    expect(score(hit('SUMMARY', '关于百度'), '百度')).toBe(30 + 10 * (2 / 4));
    // Lengths in characters: one outside the BMP counts once.
    expect(score(hit('NAME_ZH', '𠀀𠀁'), '𠀀')).toBe(95 + 20 + 10 * (1 / 2));
    expect(score(hit('DESCRIPTION', 'no match here'), 'gpt')).toBe(20);
  });

  it('ranks each object by its best field, best first, then by kind and id', () => {
    const ranked = rankHits(
      [
        { entityType: 'ARTICLE', entityId: 7, field: 'TITLE', text: 'GPT-3 explained' },
        { entityType: 'MODEL', entityId: 2, field: 'DESCRIPTION', text: 'Bigger than GPT-3' },
        { entityType: 'MODEL', entityId: 2, field: 'NAME', text: 'GPT-3 gpt3' },
        { entityType: 'MODEL', entityId: 1, field: 'NAME', text: 'GPT-3 gpt3' },
      ],
      'gpt-3',
    );
    expect(ranked.map((item) => `${item.hit.entityType}:${item.hit.entityId} ${item.hit.field}`)).toEqual([
      'MODEL:1 NAME',
      'MODEL:2 NAME',
      'ARTICLE:7 TITLE',
    ]);
  });
});
