/**
 * Memberships and families the graph derives from what it says, by the explicit rules of
 * `seed/data/derivations.yaml`: a language model developed in China is in `chinese-llms`, a model
 * named "Qwen…" is of the Qwen family. Every derived membership records the rule that made it,
 * and goes when the data stops supporting it; the curators' own memberships are never touched.
 * Every import applies the rules at the end of its write, so that they hold whatever came in.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { Domain } from '../src/domain/enums.js';
import type { GraphWriter, MembershipKey, ModelDomainInput, ModelTopicInput, ModelUpdate } from '../src/graph/index.js';
import { PROJECT_ROOT } from '../src/paths.js';
import { SeedDataError } from './curated/load.js';

/** The derivation rules every import applies. */
export const DERIVATIONS_FILE = join(PROJECT_ROOT, 'seed', 'data', 'derivations.yaml');

const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a slug');

/** What a model must be for a rule to apply: every condition given must hold. */
const Condition = z.strictObject({
  /** It works in this domain (as any source or rule says). */
  domain: z.enum(Domain).optional(),
  /** One of its developers is headquartered in this country. */
  developerCountry: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional(),
  /** Its weights can (or cannot) be downloaded. */
  openWeights: z.boolean().optional(),
  /** The curators put it in one of these topics. */
  curatedTopicIn: z.array(slug).min(1).optional(),
  /** It is a variant (lineage VARIANT_OF, e.g. a smaller size) of a model in this domain. */
  variantOfDomain: z.enum(Domain).optional(),
});

const Rules = z.strictObject({
  domains: z.array(z.strictObject({ domain: z.enum(Domain), because: z.string().min(1), when: Condition })).default([]),
  topics: z.array(z.strictObject({ topic: slug, because: z.string().min(1), when: Condition })).default([]),
  families: z
    .array(
      z.strictObject({
        family: z.string().min(1),
        /** A regular expression the model's English name must match (case-insensitive). */
        name: z.string().min(1),
      }),
    )
    .default([]),
});

export type DerivationRules = z.output<typeof Rules>;
type ConditionShape = z.output<typeof Condition>;

/** Reads and checks the rules; a problem names the file and the rule. */
export function loadDerivationRules(file: string = DERIVATIONS_FILE): DerivationRules {
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, 'utf8')) ?? {};
  } catch (error) {
    throw new SeedDataError(file, [`cannot read the file: ${(error as Error).message.split('\n')[0]}`]);
  }
  const parsed = Rules.safeParse(raw);
  if (!parsed.success) {
    throw new SeedDataError(
      file,
      parsed.error.issues.map((issue) => `${issue.path.map(String).join('.')}: ${issue.message}`),
    );
  }
  const problems = parsed.data.families.flatMap((rule, index) => {
    try {
      new RegExp(rule.name, 'i');
      return [];
    } catch (error) {
      return [`families.${index}.name: not a regular expression (${(error as Error).message})`];
    }
  });
  if (problems.length > 0) throw new SeedDataError(file, problems);
  return parsed.data;
}

/** The graph as the rules read it. */
export type DerivationView = Readonly<{
  models: readonly { slug: string; name: string; family: string | null; openWeights: boolean | null }[];
  /** Every domain of every model, with the rule that derived it (null when a source gave it). */
  domains: readonly { model: string; domain: Domain; derivation: string | null }[];
  /** Every topic membership, with the rule that derived it (null when the curators made it). */
  topics: readonly { model: string; topic: string; derivation: string | null }[];
  /** The countries of each model's developers. */
  developerCountries: readonly { model: string; country: string }[];
  /** Lineage steps of kind VARIANT_OF: `model` is a variant of `of`. */
  variants: readonly { model: string; of: string }[];
  /** The topics that exist. */
  topicSlugs: readonly string[];
}>;

/** What the rules want changed. */
export type DerivationPlan = {
  domains: { link: ModelDomainInput[]; unlink: MembershipKey<'domain'>[] };
  topics: { link: ModelTopicInput[]; unlink: MembershipKey<'topic'>[] };
  families: ModelUpdate[];
};

const derivationOf = (because: string) => `rule (seed/data/derivations.yaml): ${because}`;

/**
 * Plans the derived memberships from the rules, purely: the derived domains first (the topic
 * rules read domains), then the topics; memberships a rule made that no rule supports any more
 * are unlinked; a curated membership is never unlinked nor duplicated.
 */
export function planDerivations(view: DerivationView, rules: DerivationRules): DerivationPlan {
  // A rule for a topic the graph does not hold (a graph without the curated data) has nothing to do.
  const topicRules = rules.topics.filter((rule) => view.topicSlugs.includes(rule.topic));
  const sourcedDomains = new Map<string, Set<Domain>>();
  const derivedDomains = new Map<string, Map<Domain, string>>();
  for (const { model, domain, derivation } of view.domains) {
    if (derivation === null) sourcedDomains.set(model, (sourcedDomains.get(model) ?? new Set()).add(domain));
    else derivedDomains.set(model, (derivedDomains.get(model) ?? new Map()).set(domain, derivation));
  }
  const curatedTopics = new Map<string, Set<string>>();
  const derivedTopics = new Map<string, Map<string, string>>();
  for (const { model, topic, derivation } of view.topics) {
    if (derivation === null) curatedTopics.set(model, (curatedTopics.get(model) ?? new Set()).add(topic));
    else derivedTopics.set(model, (derivedTopics.get(model) ?? new Map()).set(topic, derivation));
  }
  const countries = new Map<string, Set<string>>();
  for (const { model, country } of view.developerCountries) {
    countries.set(model, (countries.get(model) ?? new Set()).add(country));
  }
  const variantOf = new Map<string, string[]>();
  for (const { model, of } of view.variants) variantOf.set(model, [...(variantOf.get(model) ?? []), of]);
  const noDomains: ReadonlySet<Domain> = new Set();
  const holds = (
    model: DerivationView['models'][number],
    when: ConditionShape,
    domainsOf: (slug: string) => ReadonlySet<Domain>,
  ) =>
    (when.domain === undefined || domainsOf(model.slug).has(when.domain)) &&
    (when.developerCountry === undefined || (countries.get(model.slug)?.has(when.developerCountry) ?? false)) &&
    (when.openWeights === undefined || model.openWeights === when.openWeights) &&
    (when.curatedTopicIn === undefined ||
      when.curatedTopicIn.some((topic) => curatedTopics.get(model.slug)?.has(topic))) &&
    (when.variantOfDomain === undefined ||
      (variantOf.get(model.slug) ?? []).some((parent) => domainsOf(parent).has(when.variantOfDomain as Domain)));

  // Domains, rule by rule in the order written: each rule sees the sources' domains and those the
  // rules before it derived (a variant of a model a rule put in LANGUAGE is in LANGUAGE too).
  const wantedDomainsOf = new Map<string, Map<Domain, string>>();
  const domainsOf = (slug: string): ReadonlySet<Domain> => {
    const sourced = sourcedDomains.get(slug) ?? noDomains;
    const wanted = wantedDomainsOf.get(slug);
    return wanted ? new Set([...sourced, ...wanted.keys()]) : sourced;
  };
  for (const rule of rules.domains) {
    // Until nothing changes: a rule may read what it derived itself (the variant of a variant).
    for (let derived = true; derived; ) {
      derived = false;
      for (const model of view.models) {
        if (domainsOf(model.slug).has(rule.domain) || !holds(model, rule.when, domainsOf)) continue;
        const wanted = wantedDomainsOf.get(model.slug) ?? new Map<Domain, string>();
        wantedDomainsOf.set(model.slug, wanted.set(rule.domain, derivationOf(rule.because)));
        derived = true;
      }
    }
  }

  const plan: DerivationPlan = { domains: { link: [], unlink: [] }, topics: { link: [], unlink: [] }, families: [] };
  const families = rules.families.map((rule) => ({ family: rule.family, pattern: new RegExp(rule.name, 'i') }));
  for (const model of view.models) {
    // Domains: a source's domain stands; a rule adds the others it supports.
    const wantedDomains = wantedDomainsOf.get(model.slug) ?? new Map<Domain, string>();
    const hadDomains = derivedDomains.get(model.slug) ?? new Map<Domain, string>();
    for (const [domain, derivation] of wantedDomains) {
      if (hadDomains.get(domain) === derivation) continue;
      if (hadDomains.has(domain)) plan.domains.unlink.push({ model: model.slug, domain });
      plan.domains.link.push({ model: model.slug, domain, derivation });
    }
    for (const domain of hadDomains.keys())
      if (!wantedDomains.has(domain)) plan.domains.unlink.push({ model: model.slug, domain });

    // Topics: the curators' membership stands; a rule adds the others it supports.
    const curated = curatedTopics.get(model.slug) ?? new Set<string>();
    const wantedTopics = new Map<string, string>();
    for (const rule of topicRules) {
      if (!curated.has(rule.topic) && !wantedTopics.has(rule.topic) && holds(model, rule.when, domainsOf)) {
        wantedTopics.set(rule.topic, derivationOf(rule.because));
      }
    }
    const hadTopics = derivedTopics.get(model.slug) ?? new Map<string, string>();
    for (const [topic, derivation] of wantedTopics) {
      if (hadTopics.get(topic) === derivation) continue;
      if (hadTopics.has(topic)) plan.topics.unlink.push({ model: model.slug, topic });
      plan.topics.link.push({ model: model.slug, topic, derivation });
    }
    for (const topic of hadTopics.keys())
      if (!wantedTopics.has(topic)) plan.topics.unlink.push({ model: model.slug, topic });

    // Families: only where none is known; the first rule whose pattern matches the name.
    if (model.family === null) {
      const family = families.find((rule) => rule.pattern.test(model.name))?.family;
      if (family) plan.families.push({ slug: model.slug, family });
    }
  }
  return plan;
}

/** Reads the graph in the write's transaction, plans the rules and applies them. */
export async function applyDerivations(graph: GraphWriter, rules: DerivationRules): Promise<void> {
  // The rules read preferred values (open weights, countries): derived from this write's claims first.
  await graph.derivePreferred();
  const tx = graph.tx;
  // Ids only, mapped to slugs here: one statement per table, none per relation.
  const [models, domains, memberships, developers, organizations, topics, variants] = await Promise.all([
    tx.model.findMany({
      select: { id: true, slug: true, name: true, family: true, openWeights: true },
      orderBy: { id: 'asc' },
    }),
    tx.modelDomain.findMany({ select: { modelId: true, domain: true, derivation: true } }),
    tx.modelTopic.findMany({ select: { modelId: true, topicId: true, derivation: true } }),
    tx.modelDeveloper.findMany({ select: { modelId: true, organizationId: true } }),
    tx.organization.findMany({ where: { country: { not: null } }, select: { id: true, country: true } }),
    tx.topic.findMany({ select: { id: true, slug: true } }),
    tx.modelLineage.findMany({ where: { kind: 'VARIANT_OF' }, select: { childId: true, parentId: true } }),
  ]);
  const modelSlug = new Map(models.map((model) => [model.id, model.slug]));
  const topicSlug = new Map(topics.map((topic) => [topic.id, topic.slug]));
  const countryOf = new Map(organizations.map((organization) => [organization.id, organization.country as string]));
  const slugOf = (id: number) => modelSlug.get(id) as string;
  const plan = planDerivations(
    {
      models: models.map(({ id: _id, ...model }) => model),
      domains: domains.map((row) => ({ model: slugOf(row.modelId), domain: row.domain, derivation: row.derivation })),
      topics: memberships.map((row) => ({
        model: slugOf(row.modelId),
        topic: topicSlug.get(row.topicId) as string,
        derivation: row.derivation,
      })),
      developerCountries: developers.flatMap((row) => {
        const country = countryOf.get(row.organizationId);
        return country === undefined ? [] : [{ model: slugOf(row.modelId), country }];
      }),
      topicSlugs: topics.map((topic) => topic.slug),
      variants: variants.map((step) => ({ model: slugOf(step.childId), of: slugOf(step.parentId) })),
    },
    rules,
  );
  await graph.unlinkModelDomains(plan.domains.unlink, { derivedOnly: true });
  await graph.linkModelDomains(plan.domains.link);
  await graph.unlinkModelTopics(plan.topics.unlink, { derivedOnly: true });
  await graph.linkModelTopics(plan.topics.link);
  await graph.updateModels(plan.families);
}
