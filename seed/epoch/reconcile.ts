/**
 * Reconciliation: which graph entity an Epoch name stands for.
 *
 * Rules, strongest first; the first rule that finds anything decides:
 * 1. the explicit mapping (`seed/data/epoch/mappings.yaml`); a checked non-match (`null`) keeps
 *    rule 2 but turns off rules 3 and 4;
 * 2. the name itself against names and aliases (folded with {@link matchKey}); slugs are not
 *    names: they lose the decimal point, so `opt-1-3b` would fold onto "OPT-13B";
 * 3. variants: the name without a trailing parenthetical ("GPT-3 175B (davinci)" → "GPT-3 175B"),
 *    the parenthetical as an alias ("davinci"), the Chinese name;
 * 4. the name without a size ("PaLM (540B)", "Flan-PaLM 540B", "GPT-3 175B" → "GPT-3"), accepted
 *    only when the candidate's parameter count agrees with the size within 5%, so "GPT-3 6.7B"
 *    never becomes the 175B GPT-3. A candidate without a parameter count cannot be confirmed and
 *    is reported as ambiguous.
 * A rule that finds one entity matches; one that finds several reports them all (never a guess).
 * Rules 3 and 4 skip entities that another Epoch row already stands for (see `exclude`).
 */
import { normalizeName } from '../../src/domain/normalize.js';
import { readParameterSize } from '../../src/domain/parameters.js';

/**
 * The key names are compared by: {@link normalizeName}, except that "+" counts ("DeepLabV3+" is
 * not "DeepLabV3", "PointNet++" not "PointNet"; both pairs are distinct rows in Epoch's file).
 */
export function matchKey(text: string): string {
  return normalizeName(text.replace(/\+/g, ' plus '));
}

/** How a name was matched. */
export type MatchMethod = 'mapping' | 'name' | 'variant' | 'size';

/** What reconciling one name found. */
export type MatchResult =
  | Readonly<{ kind: 'matched'; id: number; method: MatchMethod; via: string }>
  | Readonly<{ kind: 'ambiguous'; candidates: readonly number[]; method: MatchMethod; reason: string }>
  /** Nothing matched (or the mappings file says the name is a distinct entity). */
  | Readonly<{ kind: 'none' }>;

/** An entity as the index knows it. */
export type IndexedEntity = Readonly<{
  id: number;
  slug: string;
  name: string;
  /** Models only: the preferred parameter count, for the size rule. */
  parameters?: bigint | null;
}>;

/** Names → entities, built once from the graph and extended as the import creates entities. */
export class NameIndex {
  readonly entities = new Map<number, IndexedEntity>();
  readonly bySlug = new Map<string, number>();
  private readonly byKey = new Map<string, Set<number>>();
  /** Keys each entity is known by, to tell whether an alias would add anything. */
  private readonly keysOf = new Map<number, Set<string>>();

  /**
   * Adds an entity under its name and any other names (aliases, Chinese name). The slug goes to
   * `bySlug` only (mappings name slugs): a slug has no decimal point, so folding it like a name
   * would file `opt-1-3b` under the key of "OPT-13B" and `ernie-3-0` under "ERNIE 30".
   */
  add(entity: IndexedEntity, names: Iterable<string | null | undefined>): void {
    this.entities.set(entity.id, entity);
    this.bySlug.set(entity.slug, entity.id);
    this.addNames(entity.id, [entity.name, ...names]);
  }

  /** Records more names for a known entity. */
  addNames(id: number, names: Iterable<string | null | undefined>): void {
    const keys = this.keysOf.get(id) ?? new Set<string>();
    this.keysOf.set(id, keys);
    for (const name of names) {
      if (!name) continue;
      const key = matchKey(name);
      if (key === '') continue;
      keys.add(key);
      const ids = this.byKey.get(key) ?? new Set<number>();
      ids.add(id);
      this.byKey.set(key, ids);
    }
  }

  /** Whether the entity is already known by this name. */
  knows(id: number, name: string): boolean {
    return this.keysOf.get(id)?.has(matchKey(name)) ?? false;
  }

  /** Entities known by this name. */
  lookup(name: string): number[] {
    const key = matchKey(name);
    return key === '' ? [] : [...(this.byKey.get(key) ?? [])];
  }
}

/** A size agrees with a parameter count when they are within 5% (174.6B is "175B"). */
export function sizeAgrees(size: bigint, parameters: bigint): boolean {
  const difference = size > parameters ? size - parameters : parameters - size;
  return difference * 20n <= size;
}

/** "GPT-3 175B (davinci)" → { stem: "GPT-3 175B", inner: "davinci" }; undefined without a trailing parenthetical. */
export function trailingParenthetical(name: string): { stem: string; inner: string } | undefined {
  const match = /^(.*\S)\s*[(（]([^()（）]+)[)）]$/u.exec(name.trim());
  if (!match?.[1] || !match[2]) return undefined;
  return { stem: match[1].trim(), inner: match[2].trim() };
}

/** "Flan-PaLM 540B" → { stem: "Flan-PaLM", size: 540B }; the size must be a separate word. */
export function trailingSize(name: string): { stem: string; size: bigint } | undefined {
  const match = /^(.*\S)[\s\-_]+(\d+(?:\.\d+)?\s*[KMBT])$/i.exec(name.trim());
  if (!match?.[1] || !match[2]) return undefined;
  const size = readParameterSize(match[2]);
  return size === undefined ? undefined : { stem: match[1].trim(), size };
}

/** Names for rule 3 and sized stems for rule 4, derived from a model name. */
export function modelVariants(
  name: string,
  nameZh: string | null,
): { variants: string[]; sized: { stem: string; size: bigint }[] } {
  const variants: string[] = [];
  const sized: { stem: string; size: bigint }[] = [];
  let base = name;
  const parenthetical = trailingParenthetical(name);
  if (parenthetical) {
    const size = readParameterSize(parenthetical.inner);
    if (size !== undefined) {
      // "PaLM (540B)": the parenthetical is a size, so dropping it is a size rule.
      sized.push({ stem: parenthetical.stem, size });
    } else {
      variants.push(parenthetical.stem);
      // "davinci" is a name of the model; "(WT2)"-style dataset tags are too short to collide.
      if (/\p{L}.*\p{L}/u.test(parenthetical.inner) && matchKey(parenthetical.inner).length >= 3)
        variants.push(parenthetical.inner);
    }
    base = parenthetical.stem;
  }
  if (nameZh && nameZh !== name) variants.push(nameZh);
  const suffix = trailingSize(base);
  if (suffix) sized.push(suffix);
  return { variants, sized };
}

/** Organization names for rule 3: "Z.ai (Zhipu AI)" → "Z.ai", "Zhipu AI"; "Beijing … / BAAI" → both halves. */
export function organizationVariants(name: string): string[] {
  const variants: string[] = [];
  const parenthetical = trailingParenthetical(name);
  if (parenthetical) {
    variants.push(parenthetical.stem);
    if (/\p{L}.*\p{L}/u.test(parenthetical.inner)) variants.push(parenthetical.inner);
  }
  if (name.includes(' / ')) variants.push(...name.split(' / ').map((part) => part.trim()));
  return variants.filter((variant) => matchKey(variant) !== '' && matchKey(variant) !== matchKey(name));
}

function decide(ids: Iterable<number>, method: MatchMethod, via: string, reason: string): MatchResult | undefined {
  const unique = [...new Set(ids)].sort((a, b) => a - b);
  const [only] = unique;
  if (only === undefined) return undefined;
  if (unique.length === 1) return { kind: 'matched', id: only, method, via };
  return { kind: 'ambiguous', candidates: unique, method, reason };
}

/**
 * Reconciles a model name. `exclude` holds models that rules 3 and 4 may not pick: those another
 * Epoch row stands for (its exact name, or Epoch claims from an earlier import).
 */
export function matchModel(
  index: NameIndex,
  input: { name: string; englishName?: string; nameZh?: string | null; mapping?: string | null },
  exclude: ReadonlySet<number> = new Set(),
): MatchResult {
  // A mapping to a slug the graph lacks is reported by the caller; the automatic rules then apply.
  const mappedId = typeof input.mapping === 'string' ? index.bySlug.get(input.mapping) : undefined;
  if (mappedId !== undefined) return { kind: 'matched', id: mappedId, method: 'mapping', via: input.name };

  const exact = decide(
    [input.name, input.englishName].flatMap((name) => (name ? index.lookup(name) : [])),
    'name',
    input.name,
    'several models have this name',
  );
  if (exact) return exact;
  // A checked non-match still finds the model of its own name (made by an earlier import), but
  // no look-alike.
  if (input.mapping === null) return { kind: 'none' };

  const { variants, sized } = modelVariants(input.englishName ?? input.name, input.nameZh ?? null);
  const allowed = (id: number) => !exclude.has(id);
  const variantHits = variants.flatMap((variant) =>
    index
      .lookup(variant)
      .filter(allowed)
      .map((id) => ({ id, variant })),
  );
  const byVariant = decide(
    variantHits.map((hit) => hit.id),
    'variant',
    variantHits[0]?.variant ?? input.name,
    `"${variants.join('", "')}" name several models`,
  );
  if (byVariant) return byVariant;

  const confirmed: { id: number; stem: string }[] = [];
  const unconfirmed: number[] = [];
  for (const { stem, size } of sized) {
    for (const id of index.lookup(stem).filter(allowed)) {
      const parameters = index.entities.get(id)?.parameters;
      if (parameters === null || parameters === undefined) unconfirmed.push(id);
      else if (sizeAgrees(size, parameters)) confirmed.push({ id, stem });
    }
  }
  const bySize = decide(
    confirmed.map((hit) => hit.id),
    'size',
    confirmed[0]?.stem ?? input.name,
    'several models of this name and size',
  );
  if (bySize) return bySize;
  if (unconfirmed.length > 0) {
    return {
      kind: 'ambiguous',
      candidates: [...new Set(unconfirmed)].sort((a, b) => a - b),
      method: 'size',
      reason: 'the name without its size matches a model with no parameter count to confirm the size',
    };
  }
  return { kind: 'none' };
}

/** The result of reconciling an organization name: mappings may name several organizations. */
export type OrganizationMatch = MatchResult | Readonly<{ kind: 'mapped-many'; ids: readonly number[] }>;

/** Reconciles an organization name (rules 1–3; organizations have no size). */
export function matchOrganization(
  index: NameIndex,
  name: string,
  mapping: readonly string[] | null | undefined,
): OrganizationMatch {
  if (mapping === null) return { kind: 'none' };
  const ids = (mapping ?? []).map((slug) => index.bySlug.get(slug));
  // Only a mapping whose every target exists applies; the caller reports the others.
  if (ids.length > 0 && ids.every((id): id is number => id !== undefined)) {
    const [first] = ids;
    if (ids.length === 1 && first !== undefined) return { kind: 'matched', id: first, method: 'mapping', via: name };
    return { kind: 'mapped-many', ids };
  }
  const exact = decide(index.lookup(name), 'name', name, 'several organizations have this name');
  if (exact) return exact;
  const variants = organizationVariants(name);
  const hits = variants.flatMap((variant) => index.lookup(variant));
  const byVariant = decide(
    hits,
    'variant',
    variants.join(' / '),
    `"${variants.join('", "')}" name several organizations`,
  );
  if (byVariant) return byVariant;
  return { kind: 'none' };
}
