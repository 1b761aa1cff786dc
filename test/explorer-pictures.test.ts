/**
 * The explorer's pure parts without a server: escaping in the HTML templates, the language of a
 * text, article addresses, and the SVG pictures (parsed back as XML to check what they draw).
 */
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { html, langOf, unsafeRaw } from '../src/explorer/html.js';
import { articleUrlOf, pathOf } from '../src/explorer/pages.js';
import {
  kindLabel,
  lineagePicture,
  MAX_PER_COLUMN,
  type PictureEdge,
  type PictureModel,
  TIMELINE_YEARS,
  timelinePicture,
  yearChart,
} from '../src/explorer/pictures.js';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  isArray: (name) => ['a', 'g', 'text', 'rect', 'path'].includes(name),
});

/** Every element named `name` in a parsed tree, depth first. */
function all(node: unknown, name: string): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const walk = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object')
      for (const [key, child] of Object.entries(value)) {
        if (key === name) for (const item of [child].flat()) found.push(item as Record<string, unknown>);
        walk(child);
      }
  };
  walk(node);
  return found;
}

describe('html templates', () => {
  it('escape what they interpolate, and write markup made by html or unsafeRaw as is', () => {
    const name = '<script>alert("x")</script> & \'quotes\'';
    expect(html`<p title="${name}">${name}</p>`.text).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;</p>',
    );
    expect(html`<ul>${['a<', html`<li>b</li>`, null, undefined, false, 3]}</ul>${unsafeRaw('<hr>')}`.text).toBe(
      '<ul>a&lt;<li>b</li>3</ul><hr>',
    );
  });

  it('tell Chinese text from English by which script has more letters', () => {
    expect(langOf('百度')).toBe('zh');
    expect(langOf('悟道2.0')).toBe('zh');
    expect(langOf('文心一言 ERNIE Bot')).toBe('zh');
    expect(langOf('Baidu')).toBe('en');
    expect(langOf('Beijing-based search and AI company; developer of the ERNIE (文心) models')).toBe('en');
  });
});

describe('article addresses', () => {
  it('are the URL without its scheme, and lead back to the same URL', () => {
    for (const url of [
      'https://arxiv.org/abs/2203.02155',
      'https://mp.weixin.qq.com/s?__biz=MzA3MzI4MjgzMw==&mid=2650863426&idx=1',
      'https://www.zhihu.com/question/572106826/answer/2808336053',
      'https://example.org/页面#part',
      'http://insecure.example/x',
    ]) {
      const path = pathOf.article(url);
      expect(path.startsWith('/articles/')).toBe(true);
      expect(path).not.toMatch(/[?#]/);
      // As a server sees it: the path of a URL made from the address.
      const served = new URL(path, 'http://localhost').pathname;
      expect(articleUrlOf(served.slice('/articles/'.length))).toBe(url);
    }
    expect(pathOf.article('https://arxiv.org/abs/2203.02155')).toBe('/articles/arxiv.org/abs/2203.02155');
    expect(articleUrlOf('%E0%A4%A')).toBeNull();
  });
});

const model = (slug: string, releaseDate?: string, nameZh?: string): PictureModel => ({
  slug,
  name: slug.toUpperCase(),
  nameZh,
  releaseDate,
});

describe('the lineage picture', () => {
  const chatgpt = model('chatgpt', '2022-11-30', '聊天生成预训练转换器');
  const placed = [
    { model: model('gpt-3-5', '2022-03-15'), column: -1 },
    { model: model('gpt-3', '2020-05-28'), column: -2 },
    { model: model('instructgpt', '2022-01-27'), column: -1 },
    { model: model('chatgpt-plugins', '2023-03-23'), column: 1 },
  ];
  const edges: PictureEdge[] = [
    { parent: 'gpt-3-5', child: 'chatgpt', kind: 'FINE_TUNED_FROM', relation: 'ANCESTRY' },
    { parent: 'gpt-3', child: 'gpt-3-5', kind: 'SUCCESSOR_OF', relation: 'ANCESTRY' },
    { parent: 'instructgpt', child: 'chatgpt', kind: 'SIBLING_OF', relation: 'ASSOCIATION' },
    { parent: 'chatgpt', child: 'chatgpt-plugins', kind: 'VARIANT_OF', relation: 'ASSOCIATION' },
    // An edge to a model not in the picture is left out.
    { parent: 'gpt-2', child: 'gpt-3', kind: 'SCALE_UP_OF', relation: 'ANCESTRY' },
  ];
  const svg = lineagePicture(chatgpt, placed, edges);
  const tree = parser.parse(svg);

  it('draws each model once, as a link to its page, ancestors left of the focus and descendants right', () => {
    const links = all(tree, 'a');
    expect(links.map((link) => link.href).sort()).toEqual(
      ['/models/chatgpt', '/models/chatgpt-plugins', '/models/gpt-3', '/models/gpt-3-5', '/models/instructgpt'].sort(),
    );
    const xOf = (slug: string) => {
      const link = links.find((entry) => entry.href === `/models/${slug}`) as Record<string, unknown>;
      return Number((link.rect as Record<string, string>[])[0]?.x);
    };
    expect(xOf('gpt-3')).toBeLessThan(xOf('gpt-3-5'));
    expect(xOf('gpt-3-5')).toBe(xOf('instructgpt'));
    expect(xOf('gpt-3-5')).toBeLessThan(xOf('chatgpt'));
    expect(xOf('chatgpt')).toBeLessThan(xOf('chatgpt-plugins'));
    const focus = links.filter((link) => link['aria-current'] === 'page');
    expect(focus.map((link) => link.href)).toEqual(['/models/chatgpt']);
  });

  it('labels every edge by kind, ancestry solid with an arrow, association dashed without one', () => {
    const groups = all(tree, 'g').filter((group) => String(group.class).startsWith('edge') && group['data-kind']);
    expect(groups.map((group) => [group['data-kind'], group.class]).sort()).toEqual(
      [
        ['FINE_TUNED_FROM', 'edge ancestry'],
        ['SIBLING_OF', 'edge association'],
        ['SUCCESSOR_OF', 'edge ancestry'],
        ['VARIANT_OF', 'edge association'],
      ].sort(),
    );
    for (const group of groups) {
      const path = (group.path as Record<string, string>[])[0] as Record<string, string>;
      expect(Boolean(path['marker-end'])).toBe(group.class === 'edge ancestry');
      const label = (group.text as (string | Record<string, string>)[])[0];
      expect(typeof label === 'string' ? label : label?.['#text']).toBe(kindLabel(String(group['data-kind'])));
    }
    expect(kindLabel('FINE_TUNED_FROM')).toBe('fine-tuned from');
    expect(kindLabel('INSTRUCTION_TUNED_FROM')).toBe('instruction-tuned from');
    expect(kindLabel('SCALE_UP_OF')).toBe('scale-up of');
  });

  it('marks the language of names, escapes them, and draws the same bytes for the same graph', () => {
    expect(svg).toContain('lang="zh">聊天生成预训练转换器</text>');
    const hostile = lineagePicture({ slug: 'x', name: '<b>&"' }, [], []);
    expect(hostile).toContain('&lt;b&gt;&amp;&quot;');
    expect(hostile).not.toContain('<b>');
    expect(lineagePicture(chatgpt, [...placed].reverse(), [...edges].reverse())).toBe(svg);
  });

  it(`shows at most ${MAX_PER_COLUMN} models a column and counts the rest`, () => {
    const many = Array.from({ length: MAX_PER_COLUMN + 7 }, (_, index) => ({
      model: model(`child-${String(index).padStart(2, '0')}`, '2023-01-01'),
      column: 1,
    }));
    const crowded = lineagePicture(chatgpt, many, []);
    expect(all(parser.parse(crowded), 'a')).toHaveLength(MAX_PER_COLUMN + 1);
    expect(crowded).toContain('+7 more');
  });
});

describe('the timeline of an organization', () => {
  it('places dated models by date, in lanes where labels do not overlap, and draws the edges between them', () => {
    const models = [
      model('ernie-1-0', '2019-04-19'),
      model('ernie-2-0', '2019-07-01'),
      model('ernie-3-0', '2021-07-05'),
      model('undated'),
    ];
    const svg = timelinePicture('Baidu', models, [
      { parent: 'ernie-1-0', child: 'ernie-2-0', kind: 'SUCCESSOR_OF', relation: 'ANCESTRY' },
      { parent: 'elsewhere', child: 'ernie-3-0', kind: 'BASED_ON', relation: 'ANCESTRY' },
    ]);
    const tree = parser.parse(svg);
    const links = all(tree, 'a');
    expect(links.map((link) => link.href)).toEqual(['/models/ernie-1-0', '/models/ernie-2-0', '/models/ernie-3-0']);
    const circles = links.map((link) => link.circle as Record<string, string>);
    const [first, second, third] = circles.map((circle) => ({ x: Number(circle?.cx), y: Number(circle?.cy) }));
    expect(first?.x).toBeLessThan(second?.x as number);
    expect(second?.x).toBeLessThan(third?.x as number);
    // ERNIE 2.0 comes 10 weeks after 1.0: too close for 1.0's label, so it takes the next lane.
    expect(second?.y).toBeGreaterThan(first?.y as number);
    expect(third?.y).toBe(first?.y);
    expect(all(tree, 'g').filter((group) => group['data-kind'])).toHaveLength(1);
    expect(svg).toContain('3 models by release date, 1 lineage edges');
    expect(timelinePicture('Nobody', [model('undated')], [])).toBe('');
    // A date typed wrong does not stretch the picture over two thousand years: it is counted instead.
    const typo = timelinePicture('Baidu', [...models, model('typo', '0001-01-01')], []);
    expect(all(parser.parse(typo), 'a')).toHaveLength(3);
    expect(typo).toContain(`(1 released more than ${TIMELINE_YEARS} years before the latest are not drawn)`);
    expect(Number(/width="(\d+)"/.exec(typo)?.[1])).toBeLessThan(2000);
  });
});

describe('the chart of models per year', () => {
  it('stacks the countries and the rest, never more than the year has, with the numbers in a table', () => {
    const chart = yearChart(
      [
        { year: 2021, count: 10 },
        { year: 2022, count: 4 },
      ],
      [
        { label: 'United States', years: [{ year: 2021, count: 6 }] },
        {
          label: 'China',
          years: [
            { year: 2021, count: 3 },
            { year: 2022, count: 5 },
          ],
        },
      ],
    );
    expect(chart).toContain('<tr><th scope="row">2021</th><td>6</td><td>3</td><td>1</td><td>10</td></tr>');
    // A model developed in both counts in both; the bands stop at the year's total.
    expect(chart).toContain('<tr><th scope="row">2022</th><td>0</td><td>4</td><td>0</td><td>4</td></tr>');
    expect(yearChart([], [])).toBe('');
  });
});
