/**
 * When two claims say the same thing (src/domain/claims.ts): the pairs of differing values on the
 * graph `npm start` builds, each with the answer the rules give and why.
 */
import { describe, expect, it } from 'vitest';
import { accessibilityCategory } from '../src/domain/accessibility.js';
import { claimValuesAgree, valuesDisagree } from '../src/domain/claims.js';
import { rankClaims } from '../src/domain/ranking.js';

/** [property, a, b, agree] */
type Case = [string, string, string, boolean];

const check = (cases: Case[]) =>
  expect(cases.map(([property, a, b]) => [property, a, b, claimValuesAgree(property, a, b)])).toEqual(cases);

describe('counts: within 5% of the larger', () => {
  it("takes a stated size for the count it rounds, and keeps the note's 260B against ERNIE 3.0's 10B", () => {
    check([
      // The graph's pairs: a paper's or a catalogue's rounded size against Epoch's count.
      ['PARAMETERS', '175000000000', '174600000000', true], // GPT-3, 0.23%
      ['PARAMETERS', '176000000000', '176247271424', true], // BLOOM, 0.14%
      ['PARAMETERS', '540000000000', '540350000000', true], // PaLM, 0.065%
      ['PARAMETERS', '260000000000', '10000000000', false], // ERNIE 3.0: the note against the paper
      // Epoch's own names against its counts: two significant figures round within 5%...
      ['PARAMETERS', '20000000000', '20910000000', true], // gpt-oss-20b, 4.4%
      ['PARAMETERS', '11000000000', '10600000000', true], // Llama 3.2 11B, 3.6%
      // ...one figure does not always (RETRO-7B is 7.5B), and another quantity never does.
      ['PARAMETERS', '7000000000', '7500000000', false],
      ['PARAMETERS', '30000000000', '35300000000', false], // Qwen3-Omni-30B-A3B
      // The cut itself: 5% of the larger agrees, just over does not.
      ['PARAMETERS', '100', '95', true],
      ['PARAMETERS', '100', '94', false],
      ['PARAMETERS', '0', '0', true],
      ['PARAMETERS', '0', '1', false],
    ]);
  });

  it('reads training compute the same way, written as an integer or not', () => {
    check([
      ['TRAINING_COMPUTE', '314000000000000000000000', '310000000000000000000000', true], // 3.14e23, 3.1e23
      ['TRAINING_COMPUTE', '314000000000000000000000', '364000000000000000000000', false], // another estimate
      ['TRAINING_COMPUTE', '3.14e23', '314000000000000000000000', true],
      ['TRAINING_COMPUTE', 'about 3e23', '300000000000000000000000', false],
    ]);
  });
});

describe('release dates: one a less precise form of the other, or two days one day apart', () => {
  it('agrees across time zones and keeps other events of the release apart', () => {
    check([
      // Less precise forms, as before.
      ['RELEASE_DATE', '2018-06', '2018-06-01', true], // GPT-1
      ['RELEASE_DATE', '2020', '2020-05-28', true],
      // One day: the same announcement in Beijing and in US time, a blog post and its paper.
      ['RELEASE_DATE', '2021-06-01', '2021-05-31', true], // Wu Dao 2.0
      ['RELEASE_DATE', '2022-04-05', '2022-04-04', true], // PaLM
      ['RELEASE_DATE', '2022-07-12', '2022-07-11', true], // BLOOM
      ['RELEASE_DATE', '2021-12-31', '2022-01-01', true],
      // Two days: text-davinci-003 dated to ChatGPT's launch, an error.
      ['RELEASE_DATE', '2022-11-30', '2022-11-28', false],
      // Other events of the same release: different claims about "the first public release".
      ['RELEASE_DATE', '2020-06-11', '2020-05-28', false], // GPT-3: the API, 14 days after the paper
      ['RELEASE_DATE', '2021-12-23', '2021-12-08', false], // ERNIE 3.0 Titan: the paper, 15 days after
      ['RELEASE_DATE', '2018-10-31', '2018-10-11', false], // BERT: code and weights, 20 days after
      ['RELEASE_DATE', '2022-03-04', '2022-01-27', false], // InstructGPT: the paper, 36 days after
      ['RELEASE_DATE', '2021-03-20', '2021-01-11', false], // Wu Dao 1.0: the launch event
      ['RELEASE_DATE', '2019-11-01', '2019-02-14', false], // GPT-2: the full weights
      ['RELEASE_DATE', '2022-01-20', '2021-05-18', false], // LaMDA: the paper after Google I/O
      // Dates the curators found wrong.
      ['RELEASE_DATE', '2021-05', '2021-03-05', false], // M6-T: Epoch's date is before the paper
      ['RELEASE_DATE', '2021-01-12', '2021-06-01', false], // Wu Dao 2.0: Wu Dao 1.0's date
      // A month commits to the month: the day after it does not agree.
      ['RELEASE_DATE', '2020-05', '2020-06-01', false],
    ]);
  });

  it('keeps the earliest date preferred: a month is refined only by a day it contains', () => {
    let id = 0;
    const claim = (value: string) => ({
      id: ++id,
      value,
      confidence: 'CONFIDENT' as const,
      source: { slug: `source-${id}`, kind: 'PAPER' as const },
      assertedRank: null,
      assertedReason: null,
    });
    const month = claim('2020-05');
    const dayAfter = claim('2020-06-01');
    expect(rankClaims('RELEASE_DATE', [month, dayAfter]).preferred).toBe(month);
    const blog = claim('2022-04-04');
    const paper = claim('2022-04-05');
    const result = rankClaims('RELEASE_DATE', [paper, blog]);
    expect(result.preferred).toBe(blog);
    expect(result.rankings[0]).toEqual({
      id: paper.id,
      rank: 'NORMAL',
      reason: `agrees with the preferred claim (${blog.source.slug})`,
    });
  });
});

describe('accessibility: the same category, and the same terms where both state them', () => {
  it("reads Epoch AI's vocabulary and the curated wording into four categories", () => {
    expect(
      [
        'Open weights (unrestricted)',
        'Open weights (restricted use)',
        'Open weights (non-commercial)',
        'API access',
        'Hosted access (no API)',
        'Unreleased',
        'API only',
        'Web app; API as gpt-3.5-turbo from 2023-03-01',
        'Online demo at launch',
        'Weights on request for non-commercial research (OPT-175B License)',
        'Weights on application under the GLM-130B License',
        'Code under Apache-2.0; weights under the separate ChatGLM-6B Model License',
        'Apache 2.0',
      ].map(accessibilityCategory),
    ).toEqual([
      { category: 'OPEN_WEIGHTS', terms: 'UNRESTRICTED' },
      { category: 'OPEN_WEIGHTS', terms: 'RESTRICTED_USE' },
      { category: 'OPEN_WEIGHTS', terms: 'NON_COMMERCIAL' },
      { category: 'API' },
      { category: 'HOSTED' },
      { category: 'UNRELEASED' },
      { category: 'API' },
      { category: 'API' },
      { category: 'HOSTED' },
      { category: 'OPEN_WEIGHTS', terms: 'NON_COMMERCIAL' },
      { category: 'OPEN_WEIGHTS' },
      { category: 'OPEN_WEIGHTS' },
      undefined,
    ]);
  });

  it('agrees on wording, not on a licence name that may be the code’s', () => {
    check([
      ['ACCESSIBILITY', 'API only', 'API access', true], // GPT-3.5
      ['ACCESSIBILITY', 'Online demo at launch', 'Hosted access (no API)', true], // PLUG
      [
        'ACCESSIBILITY',
        'Weights on request for non-commercial research (OPT-175B License)',
        'Open weights (non-commercial)',
        true,
      ], // OPT-175B
      ['ACCESSIBILITY', 'Weights on application under the GLM-130B License', 'Open weights (non-commercial)', true],
      // ChatGLM-6B: Ecosystem Graphs' licence field is the code's licence.
      [
        'ACCESSIBILITY',
        'Code under Apache-2.0; weights under the separate ChatGLM-6B Model License',
        'Apache 2.0',
        false,
      ],
      ['ACCESSIBILITY', 'Unreleased', 'Open weights (unrestricted)', false], // ERNIE 3.0, curated against Epoch
      ['ACCESSIBILITY', 'Open weights (unrestricted)', 'Open weights (non-commercial)', false],
      ['ACCESSIBILITY', 'API access', 'Hosted access (no API)', false],
      ['ACCESSIBILITY', 'apache 2.0', 'Apache 2.0 ', true],
    ]);
  });
});

describe('booleans, countries, architectures and other text', () => {
  it('compares each as what it means', () => {
    check([
      ['OPEN_WEIGHTS', 'true', 'yes', true],
      ['OPEN_WEIGHTS', 'true', 'false', false],
      ['COUNTRY', 'US,CN', 'CN, US', true],
      ['COUNTRY', 'CN', 'CN,HK', false],
      ['ARCHITECTURE', 'dense', 'Mixture-of-Experts (FastMoE)', false], // Wu Dao 2.0
      ['ARCHITECTURE', 'dense', 'dense decoder-only Transformer', true],
      ['ARCHITECTURE', 'MoE', 'Mixture of Experts (FastMoE)', true],
      ['ARCHITECTURE', 'decoder-only Transformer', 'encoder-decoder Transformer', false],
      ['ARCHITECTURE', 'Transformer', 'non-Transformer', false],
      ['DESCRIPTION', 'A  Model', 'a model', true],
    ]);
  });
});

describe('the disagreements of the full graph', () => {
  // Every model and property with more than one value on the graph npm start builds, as the
  // curated data stood when these rules were written: 21 models disagreed by the literal rule,
  // 15 do by these.
  const groups: [string, string, string[], boolean][] = [
    ['bert', 'RELEASE_DATE', ['2018-10-31', '2018-10-11'], true],
    ['bloom', 'PARAMETERS', ['176000000000', '176247271424'], false],
    ['bloom', 'RELEASE_DATE', ['2022-07-12', '2022-07-11'], false],
    [
      'chatglm-6b',
      'ACCESSIBILITY',
      ['Apache 2.0', 'Code under Apache-2.0; weights under the separate ChatGLM-6B Model License'],
      true,
    ],
    // The note's "260B/100B/10B", read against ERNIE 1.0, 2.0 and 3.0.
    ['ernie-1-0', 'PARAMETERS', ['108000000', '10000000000'], true],
    ['ernie-2-0', 'PARAMETERS', ['336000000', '100000000000'], true],
    ['ernie-3-0', 'PARAMETERS', ['260000000000', '10000000000'], true],
    ['ernie-3-0-titan', 'RELEASE_DATE', ['2021-12-23', '2021-12-08'], true],
    [
      'glm-130b',
      'ACCESSIBILITY',
      ['Weights on application under the GLM-130B License', 'Open weights (non-commercial)'],
      false,
    ],
    ['gpt-1', 'RELEASE_DATE', ['2018-06', '2018-06-01'], false],
    ['gpt-2', 'RELEASE_DATE', ['2019-11-01', '2019-02-14'], true],
    ['gpt-3', 'PARAMETERS', ['175000000000', '174600000000'], false],
    ['gpt-3', 'RELEASE_DATE', ['2020-06-11', '2020-05-28'], true],
    ['gpt-3-5', 'ACCESSIBILITY', ['API only', 'API access'], false],
    ['instructgpt', 'RELEASE_DATE', ['2022-01-27', '2022-03-04'], true],
    ['lamda', 'RELEASE_DATE', ['2021-05-18', '2022-01-20', '2022-02-10'], true],
    ['m6-t', 'RELEASE_DATE', ['2021-05', '2021-03-05'], true],
    [
      'opt-175b',
      'ACCESSIBILITY',
      ['Weights on request for non-commercial research (OPT-175B License)', 'Open weights (non-commercial)'],
      false,
    ],
    ['palm', 'PARAMETERS', ['540000000000', '540350000000'], false],
    ['palm', 'RELEASE_DATE', ['2022-04-05', '2022-04-04'], false],
    ['plug', 'ACCESSIBILITY', ['Online demo at launch', 'Hosted access (no API)'], false],
    // The latent diffusion paper's first version, and Epoch's date for it.
    ['stable-diffusion-ldm-kl-8-g', 'RELEASE_DATE', ['2021-12-20', '2022-04-13'], true],
    ['text-davinci-003', 'RELEASE_DATE', ['2022-11-28', '2022-11-30'], true],
    ['wudao-1-0', 'RELEASE_DATE', ['2021-01-11', '2021-03-20'], true],
    ['wudao-2-0', 'ARCHITECTURE', ['dense', 'Mixture-of-Experts (FastMoE)'], true],
    // Wu Dao 1.0's date, which the curators deprecate, still disagrees; the other two agree.
    ['wudao-2-0', 'RELEASE_DATE', ['2021-01-12', '2021-05-31', '2021-06-01'], true],
  ];

  it('lists only the real disagreements and the dates of other events', () => {
    expect(
      groups.map(([slug, property, values]) => [slug, property, values, valuesDisagree(property, values)]),
    ).toEqual(groups);
    const models = new Set(groups.filter(([, , , disagree]) => disagree).map(([slug]) => slug));
    expect([...models]).toEqual([
      'bert',
      'chatglm-6b',
      'ernie-1-0',
      'ernie-2-0',
      'ernie-3-0',
      'ernie-3-0-titan',
      'gpt-2',
      'gpt-3',
      'instructgpt',
      'lamda',
      'm6-t',
      'stable-diffusion-ldm-kl-8-g',
      'text-davinci-003',
      'wudao-1-0',
      'wudao-2-0',
    ]);
    // The 21 models of the literal rule, and GPT-1, whose month and day agree by both.
    expect(new Set(groups.map(([slug]) => slug)).size).toBe(22);
    expect(valuesDisagree('RELEASE_DATE', ['2021-05-31', '2021-06-01'])).toBe(false);
  });
});
