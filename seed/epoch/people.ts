/**
 * The authors of Epoch's papers, as people. Names are read from each paper's `Authors`
 * (./authors.ts); the rule that decides who is who:
 *
 *   The same name (folded: case, spaces and punctuation ignored) on two papers is one person
 *   only with evidence: the papers share an organization (the developers of their models, or an
 *   organization these belong to: DeepMind and Google DeepMind are both Google's) or a co-author
 *   (another folded name). Evidence joins transitively (A and B share an organization,
 *   B and C a co-author: one person). Without it the namesakes stay apart, and each says so in
 *   its `identity`.
 *
 * "Jeff Wu" and "Jeffrey Wu" are never joined (different names), nor "K He" and "Kaiming He".
 *
 * Pure: papers in, the write layer's inputs out (applied by ./import.ts).
 */
import { createHash } from 'node:crypto';
import { compareText, normalizeName, slugify } from '../../src/domain/normalize.js';
import type { AuthorsInput, PersonInput } from '../../src/graph/index.js';
import { type DroppedAuthorText, parseAuthors } from './authors.js';

/** A paper of the plan: its article's URL, its authors as Epoch writes them, and its organizations. */
export type AuthoredPaper = Readonly<{
  url: string;
  /** The row the authors were read from (for reports). */
  row: number;
  title: string;
  authors: string;
  /** Slugs of the organizations that developed the paper's models. */
  organizations: readonly string[];
}>;

/** A person of the graph, as the plan needs it. */
export type ExistingPerson = Readonly<{ slug: string; nameKey: string; articles: readonly string[] }>;

/** Text of an `Authors` cell that did not become a person, with its row and why. */
export type DroppedAuthor = DroppedAuthorText & Readonly<{ row: number }>;

export type EpochPeoplePlan = {
  people: PersonInput[];
  authors: AuthorsInput[];
  /** Per article URL, how many authors its list leaves out (only the lists that say so). */
  notListed: Map<string, number>;
  report: {
    /** Papers with an author list. */
    papers: number;
    /** Names read, one per paper and place. */
    names: number;
    people: number;
    /** Names carried by more than one person (namesakes kept apart for want of evidence). */
    namesakes: { name: string; people: number }[];
    /** Names given twice in one list: the later place is left out. */
    repeatedInList: { row: number; name: string }[];
    /** Lists that end in "et al.". */
    truncatedLists: number;
    dropped: DroppedAuthor[];
  };
};

type Occurrence = {
  paper: number;
  position: number;
  name: string;
  nameZh: string | null;
  key: string;
};

/**
 * Plans the people of these papers. `isGroup` says whether an author names an organization of
 * the graph (a team signs for it, not a person); `source` is the slug the people are cited to.
 */
export function planEpochPeople(
  papers: readonly AuthoredPaper[],
  isGroup: (name: string) => boolean,
  source: string,
  /** The organizations an organization belongs to (its parent, the parent's parent, ...), by slug. */
  ancestorsOf: (organization: string) => readonly string[] = () => [],
  /**
   * The people the graph has, with the URLs of the articles they wrote: a person keeps the slug of
   * the one whose articles it shares most (published slugs never change meaning), and no new
   * person takes a slug the graph has.
   */
  existing: readonly ExistingPerson[] = [],
): EpochPeoplePlan {
  const report: EpochPeoplePlan['report'] = {
    papers: 0,
    names: 0,
    people: 0,
    namesakes: [],
    repeatedInList: [],
    truncatedLists: 0,
    dropped: [],
  };
  const notListed = new Map<string, number>();
  const byPaper: Occurrence[][] = [];
  for (const [index, paper] of papers.entries()) {
    const parsed = parseAuthors(paper.authors, isGroup, paper.title);
    for (const dropped of parsed.dropped) report.dropped.push({ row: paper.row, ...dropped });
    if (parsed.truncated) report.truncatedLists += 1;
    if (parsed.notListed !== null) notListed.set(paper.url, parsed.notListed);
    const seen = new Set<string>();
    const occurrences: Occurrence[] = [];
    for (const { name, nameZh } of parsed.names) {
      const key = normalizeName(name);
      if (seen.has(key)) {
        report.repeatedInList.push({ row: paper.row, name });
        continue;
      }
      seen.add(key);
      occurrences.push({ paper: index, position: occurrences.length, name, nameZh, key });
    }
    if (occurrences.length > 0) report.papers += 1;
    report.names += occurrences.length;
    byPaper.push(occurrences);
  }

  // Per name, its occurrences joined by evidence: the components are the people.
  const byName = new Map<string, Occurrence[]>();
  for (const occurrences of byPaper)
    for (const occurrence of occurrences)
      byName.set(occurrence.key, [...(byName.get(occurrence.key) ?? []), occurrence]);
  const coauthors = byPaper.map((occurrences) => new Set(occurrences.map((occurrence) => occurrence.key)));
  const organizationsOf = papers.map(
    (paper) => new Set(paper.organizations.flatMap((organization) => [organization, ...ancestorsOf(organization)])),
  );
  const shares = (a: Occurrence, b: Occurrence): 'organization' | 'co-author' | null => {
    const organizations = organizationsOf[a.paper] as Set<string>;
    for (const organization of organizationsOf[b.paper] as Set<string>)
      if (organizations.has(organization)) return 'organization';
    const others = coauthors[a.paper] as Set<string>;
    for (const key of coauthors[b.paper] as Set<string>) if (key !== a.key && others.has(key)) return 'co-author';
    return null;
  };

  type Component = { occurrences: Occurrence[]; evidence: Set<string> };
  const people: PersonInput[] = [];
  const personOf = new Map<Occurrence, string>();
  const taken = new Set<string>();
  const planned: { component: Component; name: string; nameZh: string | null; key: string }[] = [];
  for (const [key, occurrences] of byName) {
    const parent = occurrences.map((_, index) => index);
    const root = (index: number): number => {
      let at = index;
      while (parent[at] !== at) at = parent[at] as number;
      return at;
    };
    const evidence = new Map<number, Set<string>>();
    for (let i = 0; i < occurrences.length; i += 1)
      for (let j = i + 1; j < occurrences.length; j += 1) {
        const why = shares(occurrences[i] as Occurrence, occurrences[j] as Occurrence);
        if (!why) continue;
        const [a, b] = [root(i), root(j)];
        const reasons = new Set([...(evidence.get(a) ?? []), ...(evidence.get(b) ?? []), why]);
        if (a !== b) parent[b] = a;
        evidence.set(a, reasons);
      }
    const components = new Map<number, Component>();
    occurrences.forEach((occurrence, index) => {
      const at = root(index);
      const component = components.get(at) ?? { occurrences: [], evidence: evidence.get(at) ?? new Set() };
      component.occurrences.push(occurrence);
      components.set(at, component);
    });
    // The most published first: it keeps the plain slug.
    const ordered = [...components.values()].sort(
      (a, b) =>
        b.occurrences.length - a.occurrences.length ||
        compareText(papers[a.occurrences[0]?.paper ?? 0]?.url ?? '', papers[b.occurrences[0]?.paper ?? 0]?.url ?? ''),
    );
    for (const component of ordered)
      planned.push({
        component,
        name: mostWritten(component.occurrences),
        nameZh: component.occurrences.find((occurrence) => occurrence.nameZh)?.nameZh ?? null,
        key,
      });
    if (ordered.length > 1) report.namesakes.push({ name: mostWritten(occurrences), people: ordered.length });
  }

  // Slugs: a person the graph has keeps its own, the one whose articles it shares most; a new
  // one takes its name, and a namesake adds its main organization, then a number.
  for (const person of existing) taken.add(person.slug);
  const kept = keepSlugs(planned, existing, papers);
  const namesakesOf = new Map<string, number>();
  for (const entry of planned) namesakesOf.set(entry.key, (namesakesOf.get(entry.key) ?? 0) + 1);
  const seenOfKey = new Map<string, number>();
  for (const entry of planned) {
    const { component, name, nameZh, key } = entry;
    const base = slugify(name) || `person-${createHash('sha256').update(key).digest('hex').slice(0, 8)}`;
    const index = seenOfKey.get(key) ?? 0;
    seenOfKey.set(key, index + 1);
    let slug = kept.get(component) ?? base;
    if (!kept.has(component) && (index > 0 || taken.has(slug))) {
      const organization = mainOrganization(component.occurrences.map((occurrence) => papers[occurrence.paper]));
      slug = organization ? `${base}-${organization}` : `${base}-2`;
      for (let n = 2; taken.has(slug); n += 1) slug = `${base}-${n}`;
    }
    taken.add(slug);
    const papersOf = component.occurrences.length;
    const namesakes = (namesakesOf.get(key) ?? 1) - 1;
    const joined =
      papersOf > 1
        ? `Named on ${papersOf} papers in Epoch AI's author lists, joined as one person by a shared ${[...component.evidence].sort().join(' and a shared ')}.`
        : "Named on one paper in Epoch AI's author lists.";
    const apart =
      namesakes > 0
        ? ` ${namesakes} other ${namesakes === 1 ? 'person has' : 'people have'} the same name: kept apart, as no organization or co-author links their papers to these.`
        : '';
    people.push({ slug, name, nameZh, identity: `${joined}${apart}`, source });
    for (const occurrence of component.occurrences) personOf.set(occurrence, slug);
  }
  report.people = people.length;

  const authors: AuthorsInput[] = papers.map((paper, index) => ({
    article: paper.url,
    authors: (byPaper[index] ?? []).map((occurrence) => ({
      person: personOf.get(occurrence) as string,
      writtenAs: occurrence.name,
    })),
  }));
  return { people, authors, notListed, report };
}

/**
 * Pairs planned people with the people of the graph of the same name by the articles they share,
 * most shared first (ties: the planned order, then the slug); answers the slug each keeps.
 */
function keepSlugs<Component extends { occurrences: readonly Occurrence[] }>(
  planned: readonly { component: Component; key: string }[],
  existing: readonly ExistingPerson[],
  papers: readonly AuthoredPaper[],
): Map<Component, string> {
  const byKey = new Map<string, ExistingPerson[]>();
  for (const person of existing) byKey.set(person.nameKey, [...(byKey.get(person.nameKey) ?? []), person]);
  const pairs: { component: Component; slug: string; shared: number; order: number }[] = [];
  planned.forEach(({ component, key }, order) => {
    const urls = new Set(component.occurrences.map((occurrence) => papers[occurrence.paper]?.url));
    for (const person of byKey.get(key) ?? []) {
      const shared = person.articles.filter((url) => urls.has(url)).length;
      if (shared > 0) pairs.push({ component, slug: person.slug, shared, order });
    }
  });
  pairs.sort((a, b) => b.shared - a.shared || a.order - b.order || compareText(a.slug, b.slug));
  const kept = new Map<Component, string>();
  const used = new Set<string>();
  for (const pair of pairs) {
    if (kept.has(pair.component) || used.has(pair.slug)) continue;
    kept.set(pair.component, pair.slug);
    used.add(pair.slug);
  }
  return kept;
}

/** The spelling written most often (the first of equals). */
function mostWritten(occurrences: readonly Occurrence[]): string {
  const counts = new Map<string, number>();
  for (const occurrence of occurrences) counts.set(occurrence.name, (counts.get(occurrence.name) ?? 0) + 1);
  let best = occurrences[0]?.name ?? '';
  for (const [name, count] of counts) if (count > (counts.get(best) ?? 0)) best = name;
  return best;
}

/** The organization most of these papers share (the first of equals by slug). */
function mainOrganization(papers: readonly (AuthoredPaper | undefined)[]): string | null {
  const counts = new Map<string, number>();
  for (const paper of papers)
    for (const organization of paper?.organizations ?? [])
      counts.set(organization, (counts.get(organization) ?? 0) + 1);
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]));
  return sorted[0]?.[0] ?? null;
}
