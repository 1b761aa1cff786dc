/**
 * What each lineage kind says about descent, written once for the API's walks and anything else
 * that reads lineage. A lineage step is stored `child → parent`, but not every kind means that the
 * child descends from the parent: a size of the OPT suite is not made from OPT-175B, and ChatGPT
 * is not made from its sibling InstructGPT. Walking such steps as ancestry made OPT-125M a
 * descendant of OPT-175B and InstructGPT an ancestor of ChatGPT.
 */
import { enumValues, type LineageKind } from './enums.js';

/**
 * ANCESTRY: the child derives from the parent's weights or recipe, so the step has a direction
 * (walking UP reaches what a model comes from). ASSOCIATION: the two models belong together
 * (same release, same family, trained alongside) but neither comes from the other.
 */
export type LineageRelation = 'ANCESTRY' | 'ASSOCIATION';

/** What the relations mean (the GraphQL enum `LineageRelation` takes these descriptions). */
export const LINEAGE_RELATIONS: { readonly [Relation in LineageRelation]: string } = {
  ANCESTRY:
    "Descent: the child model derives from the parent's weights or recipe (fine-tuning, distillation, scale-up, a next generation, ...). Lineage walks follow these steps by default.",
  ASSOCIATION:
    'Kinship without descent: the two models belong together (another size of the same release, a sibling trained alongside) but neither is made from the other. Lineage walks follow these steps only when asked (`includeAssociations`).',
};

/** How a walk should treat a step of one kind. */
export type LineageKindClass = Readonly<{
  relation: LineageRelation;
  /**
   * False for an ancestry step that says only that the child is built on the parent somehow: a
   * walk prefers a chain of precise steps to it, even a longer one.
   */
  precise: boolean;
}>;

const ANCESTRY = { relation: 'ANCESTRY', precise: true } as const;

/** Every kind, classified; a kind added to the Prisma enum fails to compile until it is classified here. */
export const LINEAGE_KINDS: { readonly [Kind in LineageKind]: LineageKindClass } = {
  // Start from the parent's weights: the child is the parent, trained further.
  FINE_TUNED_FROM: ANCESTRY,
  INSTRUCTION_TUNED_FROM: ANCESTRY,
  // Trained to imitate the parent's outputs: the parent's weights shape the child's.
  DISTILLED_FROM: ANCESTRY,
  // The parent's recipe, made larger or carried into the next generation of the same line.
  SCALE_UP_OF: ANCESTRY,
  SUCCESSOR_OF: ANCESTRY,
  // Descent, but "built on the base model in a way not given more precisely": often a source's
  // shorthand (the user's note has ChatGPT based on GPT-3, OpenAI says fine-tuned from GPT-3.5),
  // or an architecture taken up rather than weights (GLM-130B on GLM). Imprecise.
  BASED_ON: { relation: 'ANCESTRY', precise: false },
  // "Another size or variant of the same release": the OPT sizes were trained side by side from
  // one recipe, none from another; the parent is only the release's flagship.
  VARIANT_OF: { relation: 'ASSOCIATION', precise: true },
  // Trained alongside with the same method (ChatGPT and InstructGPT): symmetric, stored one way.
  SIBLING_OF: { relation: 'ASSOCIATION', precise: true },
};

/** The relation a step of `kind` stands for. */
export function lineageRelationOf(kind: LineageKind): LineageRelation {
  return LINEAGE_KINDS[kind].relation;
}

/** The kinds of a relation, in the declared order of LineageKind. */
export function lineageKindsOf(relation: LineageRelation): LineageKind[] {
  return enumValues('LineageKind').filter((kind) => LINEAGE_KINDS[kind].relation === relation);
}

/**
 * The kinds a walk follows: exactly `kinds` when a non-empty list is given (so `[SIBLING_OF]`
 * walks siblings); otherwise the ancestry kinds, and the association kinds too when
 * `includeAssociations` is true.
 */
export function followedLineageKinds(options: {
  kinds?: readonly LineageKind[] | null;
  includeAssociations?: boolean | null;
}): ReadonlySet<LineageKind> {
  if (options.kinds && options.kinds.length > 0) return new Set(options.kinds);
  return new Set(
    enumValues('LineageKind').filter(
      (kind) => LINEAGE_KINDS[kind].relation === 'ANCESTRY' || options.includeAssociations === true,
    ),
  );
}
