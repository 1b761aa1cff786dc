/**
 * The authors of Epoch's papers as people: the quirks of an `Authors` cell (seed/epoch/authors.ts),
 * the identity rule that decides which namesakes are one person (seed/epoch/people.ts), and the
 * importer writing people, ordered author lists and `authorsNotListed`, then a newer snapshot
 * shortening a list and deleting the person no list names any more (seed/epoch/import.ts).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAuthors } from '../seed/epoch/authors.js';
import { importEpoch } from '../seed/epoch/import.js';
import { type AuthoredPaper, planEpochPeople } from '../seed/epoch/people.js';
import type { EpochImportSummary } from '../seed/epoch/summary.js';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';
import { EPOCH_TEST_COLUMNS, writeStatements } from './helpers/epoch-fixtures.js';

const named = (...names: string[]) => names.map((name) => ({ name, nameZh: null }));
const TEAM = 'a team or an organization, not a person';

describe('reading an Authors cell', () => {
  it('splits on commas, semicolons, "and", ", and", "&" and " / "', () => {
    expect(
      parseAuthors('Alice Smith, Bob Jones; Carol White and Dan Brown, and Eve Black & Fay Green / Gil Gray'),
    ).toEqual({
      names: named('Alice Smith', 'Bob Jones', 'Carol White', 'Dan Brown', 'Eve Black', 'Fay Green', 'Gil Gray'),
      notListed: null,
      truncated: false,
      dropped: [],
    });
  });

  it('reads a list without commas over several lines as one name per line', () => {
    expect(parseAuthors('Alex Paino\nNick Ryder\nJohn Schulman').names).toEqual(
      named('Alex Paino', 'Nick Ryder', 'John Schulman'),
    );
  });

  it('reads a line break inside a list as a wrap, also inside a name', () => {
    expect(parseAuthors('Ada Lovelace, Lucen\nZhong,\nAlan Turing').names).toEqual(
      named('Ada Lovelace', 'Lucen Zhong', 'Alan Turing'),
    );
  });

  it('drops the heading that opens each section of a contributors list', () => {
    expect(parseAuthors('Tokenizer lead\nReimar Leike\n\nPretraining leads\nAlex Paino, Nick Ryder')).toEqual({
      names: named('Reimar Leike', 'Alex Paino', 'Nick Ryder'),
      notListed: null,
      truncated: false,
      dropped: [
        { text: 'Tokenizer lead', reason: 'a heading of the contributors list' },
        { text: 'Pretraining leads', reason: 'a heading of the contributors list' },
      ],
    });
  });

  it('drops a role heading over a single section, but keeps a wrapped first name', () => {
    expect(parseAuthors('Foundational contributors\nAlex Paino, Nick Ryder')).toEqual({
      names: named('Alex Paino', 'Nick Ryder'),
      notListed: null,
      truncated: false,
      dropped: [{ text: 'Foundational contributors', reason: 'a heading of the contributors list' }],
    });
    expect(parseAuthors('Lucen\nZhong, Nick Ryder').dropped).toEqual([]);
  });

  it('marks a list ending in "et al." as truncated, with the count it gives', () => {
    expect(parseAuthors('Alice Smith, Bob Jones et al. (82 additional authors not shown)')).toEqual({
      names: named('Alice Smith', 'Bob Jones'),
      notListed: 82,
      truncated: true,
      dropped: [],
    });
    expect(parseAuthors('Alice Smith, et al.')).toEqual({
      names: named('Alice Smith'),
      notListed: null,
      truncated: true,
      dropped: [],
    });
  });

  it('splits names written as initials without separators', () => {
    expect(parseAuthors('Y. LeCun B. Boser J. S. Denker').names).toEqual(named('Y. LeCun', 'B. Boser', 'J. S. Denker'));
  });

  it('turns "surname, initials" into "initials surname"', () => {
    expect(parseAuthors('Nair, V., Hinton, G. E.').names).toEqual(named('V. Nair', 'G. E. Hinton'));
  });

  it('takes the Chinese name of a romanized name, and an all-Chinese name as both', () => {
    expect(parseAuthors('Zihan Wang (汪子涵), 李彦宏')).toEqual({
      names: [
        { name: 'Zihan Wang', nameZh: '汪子涵' },
        { name: '李彦宏', nameZh: '李彦宏' },
      ],
      notListed: null,
      truncated: false,
      dropped: [],
    });
  });

  it('strips footnote marks', () => {
    expect(parseAuthors('Susan Zhang∗, Myle Ott†, Rodrigo Fonseca1').names).toEqual(
      named('Susan Zhang', 'Myle Ott', 'Rodrigo Fonseca'),
    );
  });

  it('drops the full stop that ends a list, not the dot of an initial or of Jr.', () => {
    expect(parseAuthors('Oriol Vinyals and Yutian Chen.').names).toEqual(named('Oriol Vinyals', 'Yutian Chen'));
    expect(parseAuthors('Yutian Chen and John V.').names).toEqual(named('Yutian Chen', 'John V.'));
    expect(parseAuthors('Murray Campbell, A. Joseph Hoane Jr., Feng-hsiung Hsu').names).toEqual(
      named('Murray Campbell', 'A. Joseph Hoane Jr.', 'Feng-hsiung Hsu'),
    );
  });

  it('drops the group heading the first name and keeps the name', () => {
    expect(parseAuthors('LG AI Research: Kyunghoon Bae, Jane Roe')).toEqual({
      names: named('Kyunghoon Bae', 'Jane Roe'),
      notListed: null,
      truncated: false,
      dropped: [{ text: 'LG AI Research', reason: TEAM }],
    });
  });

  it('drops teams and the names isGroup recognizes', () => {
    expect(
      parseAuthors('Qwen Team, Gemini Team, Gen-2 authors, OpenAI, Alice Smith', (name) => name === 'OpenAI'),
    ).toEqual({
      names: named('Alice Smith'),
      notListed: null,
      truncated: false,
      dropped: [
        { text: 'Qwen Team', reason: TEAM },
        { text: 'Gemini Team', reason: TEAM },
        { text: 'Gen-2 authors', reason: TEAM },
        { text: 'OpenAI', reason: TEAM },
      ],
    });
  });

  it("drops a text that is the paper's title, whole", () => {
    expect(parseAuthors('Attention Is All\nYou Need', undefined, 'Attention Is All You Need')).toEqual({
      names: [],
      notListed: null,
      truncated: false,
      dropped: [{ text: 'Attention Is All You Need', reason: "the paper's title, not its authors" }],
    });
  });

  it('drops an initial alone as too short', () => {
    expect(parseAuthors('V., Alice Smith')).toEqual({
      names: named('Alice Smith'),
      notListed: null,
      truncated: false,
      dropped: [{ text: 'V.', reason: 'too short to be a name' }],
    });
  });

  it('lets empty parts vanish', () => {
    expect(parseAuthors('Alice Smith, Bob Jones,,  ,')).toEqual({
      names: named('Alice Smith', 'Bob Jones'),
      notListed: null,
      truncated: false,
      dropped: [],
    });
  });
});

let paperNumber = 0;
/** A paper at https://example.org/pN with its authors and organizations. */
function paper(authors: string, ...organizations: string[]): AuthoredPaper {
  paperNumber += 1;
  const number = String(paperNumber).padStart(3, '0');
  return {
    url: `https://example.org/p${number}`,
    row: paperNumber + 1,
    title: `Paper ${number}`,
    authors,
    organizations,
  };
}
const noGroup = () => false;
const plan = (papers: AuthoredPaper[], ancestorsOf?: (slug: string) => readonly string[]) =>
  planEpochPeople(papers, noGroup, 'epoch-notable-ai-models', ancestorsOf);
/** Per paper, the slugs of its authors in order. */
const slugsOf = (planned: ReturnType<typeof plan>) => planned.authors.map((list) => list.authors.map((a) => a.person));
const APART_ONE =
  ' 1 other person has the same name: kept apart, as no organization or co-author links their papers to these.';

describe('deciding who is who', () => {
  it('keeps namesakes at different organizations without a shared co-author apart', () => {
    const papers = [paper('Wei Li, Ann Smith', 'alpha'), paper('Wei Li, Bob Jones', 'beta'), paper('Wei Li', 'beta')];
    const planned = plan(papers);
    expect(slugsOf(planned)).toEqual([['wei-li-alpha', 'ann-smith'], ['wei-li', 'bob-jones'], ['wei-li']]);
    const weiLi = planned.people.filter((person) => person.name === 'Wei Li');
    expect(weiLi).toEqual([
      {
        slug: 'wei-li',
        name: 'Wei Li',
        nameZh: null,
        identity: `Named on 2 papers in Epoch AI's author lists, joined as one person by a shared organization.${APART_ONE}`,
        source: 'epoch-notable-ai-models',
      },
      {
        slug: 'wei-li-alpha',
        name: 'Wei Li',
        nameZh: null,
        identity: `Named on one paper in Epoch AI's author lists.${APART_ONE}`,
        source: 'epoch-notable-ai-models',
      },
    ]);
    expect(planned.report.namesakes).toEqual([{ name: 'Wei Li', people: 2 }]);
    expect(planned.report).toMatchObject({ papers: 3, names: 5, people: 4 });
  });

  it('says "other people" for three namesakes, and numbers one without an organization', () => {
    const planned = plan([paper('Wei Li', 'alpha'), paper('Wei Li', 'beta'), paper('Wei Li')]);
    expect(slugsOf(planned)).toEqual([['wei-li'], ['wei-li-beta'], ['wei-li-2']]);
    expect(planned.people.map((person) => person.identity)).toEqual(
      Array(3).fill(
        "Named on one paper in Epoch AI's author lists. 2 other people have the same name: kept apart, as no organization or co-author links their papers to these.",
      ),
    );
    expect(planned.report.namesakes).toEqual([{ name: 'Wei Li', people: 3 }]);
  });

  it('joins a name on papers of one organization', () => {
    const planned = plan([paper('Wei Li, Ann Smith', 'alpha'), paper('Bob Jones, Wei Li', 'alpha')]);
    expect(slugsOf(planned)).toEqual([
      ['wei-li', 'ann-smith'],
      ['bob-jones', 'wei-li'],
    ]);
    expect(planned.people.find((person) => person.slug === 'wei-li')?.identity).toBe(
      "Named on 2 papers in Epoch AI's author lists, joined as one person by a shared organization.",
    );
    expect(planned.report.namesakes).toEqual([]);
  });

  it('joins a name at two organizations through a shared co-author', () => {
    const planned = plan([paper('Wei Li, Ann Smith', 'alpha'), paper('Ann Smith, Wei Li', 'beta')]);
    expect(planned.people.map((person) => [person.slug, person.identity])).toEqual([
      ['wei-li', "Named on 2 papers in Epoch AI's author lists, joined as one person by a shared co-author."],
      ['ann-smith', "Named on 2 papers in Epoch AI's author lists, joined as one person by a shared co-author."],
    ]);
  });

  it('joins transitively: A and B share an organization, B and C a co-author', () => {
    const planned = plan([
      paper('Wei Li, Ann Smith', 'alpha'),
      paper('Wei Li, Bob Jones', 'alpha'),
      paper('Bob Jones, Wei Li', 'beta'),
    ]);
    expect(slugsOf(planned)).toEqual([
      ['wei-li', 'ann-smith'],
      ['wei-li', 'bob-jones'],
      ['bob-jones', 'wei-li'],
    ]);
    expect(planned.people.find((person) => person.slug === 'wei-li')?.identity).toBe(
      "Named on 3 papers in Epoch AI's author lists, joined as one person by a shared co-author and a shared organization.",
    );
    expect(planned.report).toMatchObject({ people: 3, namesakes: [] });
  });

  it('joins through an organization both belong to, and only when told of it', () => {
    const papers = [paper('Oriol Vinyals', 'deepmind'), paper('Oriol Vinyals', 'google-deepmind')];
    const ancestorsOf = (slug: string) => (slug === 'deepmind' || slug === 'google-deepmind' ? ['google'] : []);
    expect(slugsOf(plan(papers, ancestorsOf))).toEqual([['oriol-vinyals'], ['oriol-vinyals']]);
    expect(slugsOf(plan(papers))).toEqual([['oriol-vinyals'], ['oriol-vinyals-google-deepmind']]);
  });

  it('never joins different names, even at one organization', () => {
    const planned = plan([paper('Jeff Wu, Ann Smith', 'openai'), paper('Jeffrey Wu, Ann Smith', 'openai')]);
    expect(slugsOf(planned)).toEqual([
      ['jeff-wu', 'ann-smith'],
      ['jeffrey-wu', 'ann-smith'],
    ]);
    expect(planned.report.namesakes).toEqual([]);
  });

  it('keeps the first place of a name repeated in one list, and reports it', () => {
    const repeated = paper('Ann Smith, Bob Jones, ann  smith, Carol White');
    const planned = plan([repeated]);
    expect(planned.authors).toEqual([
      {
        article: repeated.url,
        authors: [
          { person: 'ann-smith', writtenAs: 'Ann Smith' },
          { person: 'bob-jones', writtenAs: 'Bob Jones' },
          { person: 'carol-white', writtenAs: 'Carol White' },
        ],
      },
    ]);
    expect(planned.report.repeatedInList).toEqual([{ row: repeated.row, name: 'ann smith' }]);
    expect(planned.report.names).toBe(3);
  });

  it("keeps each paper's order and spelling, and names the person as most papers write it", () => {
    const papers = [
      paper('Ann Smith, Quoc V Le', 'google'),
      paper('Quoc V. Le, Ann Smith', 'google'),
      paper('Bob Jones, Quoc V. Le', 'google'),
    ];
    const planned = plan(papers);
    // [article, person, writtenAs] per place, in each paper's order.
    expect(planned.authors.flatMap((list) => list.authors.map((a) => [list.article, a.person, a.writtenAs]))).toEqual([
      [papers[0]?.url, 'ann-smith', 'Ann Smith'],
      [papers[0]?.url, 'quoc-v-le', 'Quoc V Le'],
      [papers[1]?.url, 'quoc-v-le', 'Quoc V. Le'],
      [papers[1]?.url, 'ann-smith', 'Ann Smith'],
      [papers[2]?.url, 'bob-jones', 'Bob Jones'],
      [papers[2]?.url, 'quoc-v-le', 'Quoc V. Le'],
    ]);
    expect(planned.people.find((person) => person.slug === 'quoc-v-le')?.name).toBe('Quoc V. Le');
  });

  it('gives a name without Latin letters a hashed slug and its Chinese name', () => {
    const planned = plan([paper('李彦宏, Zihan Wang (汪子涵)', 'baidu')]);
    const [li, wang] = planned.people;
    expect(li?.slug).toMatch(/^person-[0-9a-f]{8}$/);
    expect(li).toMatchObject({ name: '李彦宏', nameZh: '李彦宏' });
    expect(wang).toMatchObject({ slug: 'zihan-wang', name: 'Zihan Wang', nameZh: '汪子涵' });
    expect(planned.authors[0]?.authors.map((author) => author.writtenAs)).toEqual(['李彦宏', 'Zihan Wang']);
  });

  it('reports dropped text with its row, truncated lists and how many authors are not listed', () => {
    const truncated = paper('Qwen Team, Ann Smith et al. (82 additional authors not shown)', 'alibaba');
    const planned = plan([truncated, paper('Bob Jones, et al.')]);
    expect(planned.notListed).toEqual(new Map([[truncated.url, 82]]));
    expect(planned.report).toMatchObject({
      truncatedLists: 2,
      dropped: [{ row: truncated.row, text: 'Qwen Team', reason: TEAM }],
    });
  });

  it('keeps the slugs of the people the graph has, even when a namesake comes to write more', () => {
    const [first, second, third] = [
      paper('Wei Li, Ann Smith', 'alpha'),
      paper('Wei Li', 'beta'),
      paper('Wei Li', 'beta'),
    ];
    const before = plan([first, second, third] as AuthoredPaper[]);
    expect(slugsOf(before)).toEqual([['wei-li-alpha', 'ann-smith'], ['wei-li'], ['wei-li']]);
    // A newer snapshot: the Wei Li of alpha now has three papers, the one of beta still two.
    const more = [paper('Wei Li, Ann Smith', 'alpha'), paper('Wei Li, Ann Smith', 'alpha')];
    const existing = before.people.map((person) => ({
      slug: person.slug,
      nameKey: person.name.toLowerCase().replace(/[^a-z]/g, ''),
      articles: before.authors
        .filter((list) => list.authors.some((a) => a.person === person.slug))
        .map((list) => list.article),
    }));
    const after = planEpochPeople(
      [first, second, third, ...more] as AuthoredPaper[],
      noGroup,
      'epoch-notable-ai-models',
      undefined,
      existing,
    );
    expect(slugsOf(after)).toEqual([
      ['wei-li-alpha', 'ann-smith'],
      ['wei-li'],
      ['wei-li'],
      ['wei-li-alpha', 'ann-smith'],
      ['wei-li-alpha', 'ann-smith'],
    ]);
    // A person new to the graph never takes a slug the graph has.
    const newcomer = planEpochPeople(
      [paper('Wei Li', 'gamma')],
      noGroup,
      'epoch-notable-ai-models',
      undefined,
      existing,
    );
    expect(slugsOf(newcomer)).toEqual([['wei-li-gamma']]);
  });

  it('plans the same input the same way twice', () => {
    const papers = [
      paper('Wei Li, Ann Smith, 李彦宏', 'alpha'),
      paper('Wei Li, Bob Jones et al. (3 additional authors not shown)', 'beta'),
      paper('Bob Jones, Wei Li, Qwen Team', 'gamma'),
      paper('Wei Li', 'delta'),
    ];
    expect(plan(papers)).toEqual(plan(papers));
    expect(plan([...papers])).toEqual(plan(papers.map((entry) => ({ ...entry }))));
  });
});

const CSV_COLUMNS = [...EPOCH_TEST_COLUMNS, 'Reference', 'Abstract', 'Authors'] as const;
type CsvRow = Partial<Record<(typeof CSV_COLUMNS)[number], string>>;
/** Writes a CSV with the Reference, Abstract and Authors columns (which writeEpochCsv leaves out). */
function writeCsv(rows: readonly CsvRow[]): string {
  const quote = (text: string) => `"${text.replace(/"/g, '""')}"`;
  const lines = [CSV_COLUMNS.join(','), ...rows.map((row) => CSV_COLUMNS.map((c) => quote(row[c] ?? '')).join(','))];
  const file = join(mkdtempSync(join(tmpdir(), 'llm-atlas-epoch-people-')), 'epoch.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

const ACME = 'https://arxiv.org/abs/2401.00001';
const BOREAL = 'https://arxiv.org/abs/2402.00002';
const acme = {
  Organization: 'Acme Research',
  'Publication date': '2024-01-02',
  Link: ACME,
  Reference: 'Acme-1: small and large',
  Abstract: 'We train Acme-1.',
  Authors: 'Wei Li, Ann Smith, 李彦宏,',
};
const boreal = (authors: string): CsvRow => ({
  Model: 'Boreal-7B',
  Organization: 'Borealis Institute',
  'Publication date': '2024-02-03',
  Link: BOREAL,
  Reference: 'Boreal: a model',
  Authors: authors,
});

describe('importing the authors of the papers', () => {
  let db: TestDatabase;
  let first: EpochImportSummary;
  const firstFile = writeCsv([
    { Model: 'Acme-1 Small', ...acme },
    { Model: 'Acme-1 Large', ...acme, Link: 'https://arxiv.org/pdf/2401.00001v2' },
    boreal('Wei Li, Bob Jones, Carla Diaz et al. (3 additional authors not shown)'),
  ]);
  const people = () =>
    db.prisma.person.findMany({ orderBy: { slug: 'asc' }, select: { slug: true, name: true, nameZh: true } });
  const lists = async () =>
    (
      await db.prisma.articleAuthor.findMany({
        orderBy: [{ article: { url: 'asc' } }, { position: 'asc' }],
        select: {
          position: true,
          writtenAs: true,
          article: { select: { url: true } },
          person: { select: { slug: true } },
        },
      })
    ).map((row) => [row.article.url, row.position, row.person.slug, row.writtenAs]);
  const articleRevisions = () =>
    db.prisma.revision.findMany({ where: { entityType: 'ARTICLE' }, orderBy: { id: 'asc' } });

  beforeAll(async () => {
    db = await createTestDatabase('epoch-people');
    first = await importEpoch(db.database, { file: firstFile, snapshotDate: '2026-01-26' });
  });
  afterAll(() => db.cleanup());

  it('creates one article per paper, with its abstract (or none) and the count of authors not listed', async () => {
    const articles = await db.prisma.article.findMany({
      orderBy: { url: 'asc' },
      select: { url: true, summary: true, authorsNotListed: true },
    });
    expect(articles).toEqual([
      { url: ACME, summary: 'We train Acme-1.', authorsNotListed: null },
      { url: BOREAL, summary: null, authorsNotListed: 3 },
    ]);
  });

  it('creates the people, namesakes at two organizations apart', async () => {
    const all = await people();
    const chinese = all.find((person) => person.name === '李彦宏');
    expect(chinese?.slug).toMatch(/^person-[0-9a-f]{8}$/);
    expect(all.filter((person) => person !== chinese)).toEqual([
      { slug: 'ann-smith', name: 'Ann Smith', nameZh: null },
      { slug: 'bob-jones', name: 'Bob Jones', nameZh: null },
      { slug: 'carla-diaz', name: 'Carla Diaz', nameZh: null },
      { slug: 'wei-li', name: 'Wei Li', nameZh: null },
      { slug: 'wei-li-borealis-institute', name: 'Wei Li', nameZh: null },
    ]);
    expect(chinese?.nameZh).toBe('李彦宏');
  });

  it('writes each list once, in order, with the spelling of the paper', async () => {
    const chinese = await db.prisma.person.findFirstOrThrow({ where: { name: '李彦宏' } });
    expect(await lists()).toEqual([
      [ACME, 0, 'wei-li', 'Wei Li'],
      [ACME, 1, 'ann-smith', 'Ann Smith'],
      [ACME, 2, chinese.slug, '李彦宏'],
      [BOREAL, 0, 'wei-li-borealis-institute', 'Wei Li'],
      [BOREAL, 1, 'bob-jones', 'Bob Jones'],
      [BOREAL, 2, 'carla-diaz', 'Carla Diaz'],
    ]);
  });

  it('counts the people in the summary', () => {
    expect(first.people).toEqual({
      papers: 2,
      names: 6,
      people: 6,
      created: 6,
      updated: 0,
      unchanged: 0,
      removed: 0,
      listsChanged: 2,
      namesakes: [{ name: 'Wei Li', people: 2 }],
      truncatedLists: 1,
      repeatedInList: [],
      dropped: [],
    });
  });

  it('writes nothing when the same file is imported again', async () => {
    const revisions = await db.prisma.revision.count();
    db.queries.length = 0;
    const again = await importEpoch(db.database, { file: firstFile, snapshotDate: '2026-01-26' });
    expect(writeStatements(db.queries)).toEqual([]);
    expect(again.changed).toBe(false);
    expect(again.people).toMatchObject({
      people: 6,
      created: 0,
      updated: 0,
      unchanged: 6,
      removed: 0,
      listsChanged: 0,
    });
    expect(await db.prisma.revision.count()).toBe(revisions);
  });

  it('shortens a list and deletes the person no list names any more', async () => {
    const before = (await articleRevisions()).length;
    const newer = await importEpoch(db.database, {
      file: writeCsv([
        { Model: 'Acme-1 Small', ...acme },
        { Model: 'Acme-1 Large', ...acme },
        boreal('Wei Li, Carla Diaz et al. (3 additional authors not shown)'),
      ]),
      snapshotDate: '2026-03-01',
    });
    expect(newer.people).toMatchObject({ people: 5, created: 0, unchanged: 5, removed: 1, listsChanged: 1 });
    expect(await db.prisma.person.findUnique({ where: { slug: 'bob-jones' } })).toBeNull();
    expect((await lists()).filter(([url]) => url === BOREAL)).toEqual([
      [BOREAL, 0, 'wei-li-borealis-institute', 'Wei Li'],
      [BOREAL, 1, 'carla-diaz', 'Carla Diaz'],
    ]);
    const added = (await articleRevisions()).slice(before);
    expect(added.map((revision) => [revision.entityKey, revision.action])).toEqual([[BOREAL, 'UPDATED']]);
    expect(JSON.parse(added[0]?.changes ?? '[]')).toEqual([
      {
        field: 'authors',
        from: ['wei-li-borealis-institute', 'bob-jones', 'carla-diaz'],
        to: ['wei-li-borealis-institute', 'carla-diaz'],
      },
    ]);
    const deleted = await db.prisma.revision.findMany({ where: { entityType: 'PERSON', action: 'DELETED' } });
    expect(deleted.map((revision) => revision.entityKey)).toEqual(['bob-jones']);
  });
});
