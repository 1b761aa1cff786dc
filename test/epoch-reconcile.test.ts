import { describe, expect, it } from 'vitest';
import {
  matchKey,
  matchModel,
  matchOrganization,
  modelVariants,
  NameIndex,
  organizationVariants,
  sizeAgrees,
  trailingSize,
} from '../seed/epoch/reconcile.js';

/** A small graph: ids are fixed so that results read plainly. */
function modelIndex(): NameIndex {
  const index = new NameIndex();
  index.add({ id: 1, slug: 'gpt-3', name: 'GPT-3', parameters: 175_000_000_000n }, ['davinci']);
  index.add({ id: 2, slug: 'palm', name: 'PaLM', parameters: 540_000_000_000n }, []);
  index.add({ id: 3, slug: 'gopher', name: 'Gopher', parameters: 280_000_000_000n }, []);
  index.add({ id: 4, slug: 'opt-175b', name: 'OPT-175B', parameters: 175_000_000_000n }, []);
  index.add({ id: 5, slug: 'bloom', name: 'BLOOM', parameters: null }, []);
  index.add({ id: 6, slug: 'gpt-4', name: 'GPT-4', parameters: null }, []);
  index.add({ id: 7, slug: 'glm-130b', name: 'GLM-130B', parameters: 130_000_000_000n }, ['GLM']);
  index.add({ id: 8, slug: 'glm-10b', name: 'GLM-10B', parameters: 10_000_000_000n }, ['GLM']);
  index.add({ id: 9, slug: 'ernie-bot', name: 'ERNIE Bot', parameters: null }, ['文心一言']);
  return index;
}

describe('names and sizes', () => {
  it('keeps "+" significant in the match key', () => {
    expect(matchKey('DeepLabV3+')).toBe('deeplabv3plus');
    expect(matchKey('DeepLabV3')).toBe('deeplabv3');
    expect(matchKey('Gopher (280B)')).toBe(matchKey('gopher 280b'));
  });

  it('derives variants: parenthetical stem, parenthetical alias, sized stems', () => {
    expect(modelVariants('GPT-3 175B (davinci)', null)).toEqual({
      variants: ['GPT-3 175B', 'davinci'],
      sized: [{ stem: 'GPT-3', size: 175_000_000_000n }],
    });
    expect(modelVariants('PaLM (540B)', null)).toEqual({
      variants: [],
      sized: [{ stem: 'PaLM', size: 540_000_000_000n }],
    });
    expect(modelVariants('Qwen3-30B-A3B', null)).toEqual({ variants: [], sized: [] });
    expect(trailingSize('Llama 3.1-405B')).toEqual({ stem: 'Llama 3.1', size: 405_000_000_000n });
    expect(trailingSize('GPT-3')).toBeUndefined();
    expect(organizationVariants('Z.ai (Zhipu AI)')).toEqual(['Z.ai', 'Zhipu AI']);
    expect(organizationVariants('Beijing Academy of Artificial Intelligence / BAAI')).toEqual([
      'Beijing Academy of Artificial Intelligence',
      'BAAI',
    ]);
  });

  it('accepts a size within 5% of the parameter count', () => {
    expect(sizeAgrees(175_000_000_000n, 174_600_000_000n)).toBe(true);
    expect(sizeAgrees(6_700_000_000n, 175_000_000_000n)).toBe(false);
  });
});

describe('matchModel', () => {
  const index = modelIndex();

  it('matches the issue examples without any mapping', () => {
    expect(matchModel(index, { name: 'Gopher (280B)' })).toMatchObject({ kind: 'matched', id: 3, method: 'size' });
    expect(matchModel(index, { name: 'PaLM (540B)' })).toMatchObject({ kind: 'matched', id: 2, method: 'size' });
    // "davinci" is an alias of GPT-3: the parenthetical rule finds it before the size rule.
    expect(matchModel(index, { name: 'GPT-3 175B (davinci)' })).toMatchObject({
      kind: 'matched',
      id: 1,
      method: 'variant',
      via: 'davinci',
    });
    expect(matchModel(index, { name: 'OPT-175B' })).toMatchObject({ kind: 'matched', id: 4, method: 'name' });
  });

  it('never takes a different size for the same model', () => {
    expect(matchModel(index, { name: 'GPT-3 6.7B' })).toEqual({ kind: 'none' });
    expect(matchModel(index, { name: 'PaLM (8B)' })).toEqual({ kind: 'none' });
  });

  it('reports a size it cannot confirm, and several hits, instead of guessing', () => {
    expect(matchModel(index, { name: 'BLOOM-176B' })).toMatchObject({
      kind: 'ambiguous',
      candidates: [5],
      method: 'size',
    });
    expect(matchModel(index, { name: 'GLM' })).toMatchObject({ kind: 'ambiguous', candidates: [7, 8], method: 'name' });
    expect(matchModel(index, { name: 'GPT-4 (Mar 2023)' })).toMatchObject({
      kind: 'matched',
      id: 6,
      method: 'variant',
    });
  });

  it('follows the mappings: a slug wins, null turns the look-alike rules off', () => {
    expect(matchModel(index, { name: 'BLOOM-176B', mapping: 'bloom' })).toMatchObject({
      kind: 'matched',
      id: 5,
      method: 'mapping',
    });
    // Without the mapping, the size rule would match Gopher.
    expect(matchModel(index, { name: 'Gopher (280B)', mapping: null })).toEqual({ kind: 'none' });
    // A checked non-match still finds a model of exactly its name (made by an earlier import).
    expect(matchModel(index, { name: 'OPT-175B', mapping: null })).toMatchObject({
      kind: 'matched',
      id: 4,
      method: 'name',
    });
    // A mapping to a slug the graph lacks falls back to the rules.
    expect(matchModel(index, { name: 'PaLM (540B)', mapping: 'no-such-model' })).toMatchObject({
      kind: 'matched',
      id: 2,
      method: 'size',
    });
  });

  it('matches the Chinese name and skips excluded models in the look-alike rules', () => {
    expect(
      matchModel(index, { name: 'ERNIE Bot 4 (文心一言)', englishName: 'ERNIE Bot 4', nameZh: '文心一言' }),
    ).toMatchObject({
      kind: 'matched',
      id: 9,
      method: 'variant',
    });
    expect(matchModel(index, { name: 'Gopher (280B)' }, new Set([3]))).toEqual({ kind: 'none' });
    // The exact name is never excluded.
    expect(matchModel(index, { name: 'Gopher' }, new Set([3]))).toMatchObject({ kind: 'matched', id: 3 });
  });
});

describe('slugs are not names', () => {
  // A slug has no decimal point: folded like a name, `opt-1-3b` would be "OPT-13B".
  const index = new NameIndex();
  index.add({ id: 1, slug: 'opt-1-3b', name: 'OPT-1.3B', parameters: 1_300_000_000n }, []);
  index.add({ id: 2, slug: 'opt-13b', name: 'OPT-13B', parameters: 13_000_000_000n }, []);
  index.add({ id: 3, slug: 'ernie-3-0', name: 'ERNIE 3.0', parameters: 10_000_000_000n }, []);

  it('matches "OPT-13B" to OPT-13B alone and "ERNIE 30" to nothing', () => {
    expect(matchModel(index, { name: 'OPT-13B' })).toEqual({ kind: 'matched', id: 2, method: 'name', via: 'OPT-13B' });
    expect(matchModel(index, { name: 'OPT-1.3B' })).toEqual({
      kind: 'matched',
      id: 1,
      method: 'name',
      via: 'OPT-1.3B',
    });
    expect(matchModel(index, { name: 'ERNIE 30' })).toEqual({ kind: 'none' });
    expect(index.lookup('OPT-13B')).toEqual([2]);
    // Mappings still name slugs.
    expect(matchModel(index, { name: 'OPT 1.3B (Meta)', mapping: 'opt-1-3b' })).toMatchObject({
      kind: 'matched',
      id: 1,
      method: 'mapping',
    });
  });
});

describe('matchOrganization', () => {
  const index = new NameIndex();
  index.add({ id: 1, slug: 'zhipu-ai', name: 'Zhipu AI' }, ['智谱AI']);
  index.add({ id: 2, slug: 'google-research', name: 'Google Research' }, []);
  index.add({ id: 3, slug: 'deepmind', name: 'DeepMind' }, []);
  index.add({ id: 4, slug: 'mit', name: 'MIT' }, []);
  index.add({ id: 5, slug: 'mit-csail', name: 'MIT CSAIL' }, ['MIT']);

  it('matches by mapping, name, and parenthetical', () => {
    expect(matchOrganization(index, 'Z.ai (Zhipu AI)', ['zhipu-ai'])).toMatchObject({
      kind: 'matched',
      id: 1,
      method: 'mapping',
    });
    expect(matchOrganization(index, 'Z.ai (Zhipu AI)', undefined)).toMatchObject({
      kind: 'matched',
      id: 1,
      method: 'variant',
    });
    expect(matchOrganization(index, 'google research', undefined)).toMatchObject({
      kind: 'matched',
      id: 2,
      method: 'name',
    });
    expect(matchOrganization(index, 'Google DeepMind', ['google-research', 'deepmind'])).toEqual({
      kind: 'mapped-many',
      ids: [2, 3],
    });
  });

  it('reports ambiguity and honours checked non-matches', () => {
    expect(matchOrganization(index, 'Massachusetts Institute of Technology (MIT)', undefined)).toMatchObject({
      kind: 'ambiguous',
      candidates: [4, 5],
    });
    expect(matchOrganization(index, 'DeepMind', null)).toEqual({ kind: 'none' });
    expect(matchOrganization(index, 'Upstage', undefined)).toEqual({ kind: 'none' });
  });
});
