/**
 * Mutations of models and what hangs on them: create, update, delete; claims; lineage steps;
 * developers; topic membership. Each is one transaction through the graph write layer, recorded
 * in the history under the token's holder.
 */
import { z } from 'zod';
import { arxivId, slug, text, url, wikidataId } from '../../domain/fields.js';
import { type BuilderTypes, builder } from '../builder.js';
import { ClaimProperty, Confidence, DeveloperRole, LineageKind } from '../enums.js';
import { HasDependentsError, InvalidInputError, WRITE_ERRORS } from './errors.js';
import { checkVersion, EDIT, given, refuseTakenSlug, requireRole, runWrite, singleItemPaths } from './run.js';
import { validate } from './validate.js';

/** The payload of a mutation that changed one model. */
type ModelResult = { modelId: number };

const modelOutput = (t: PothosSchemaTypes.ObjectFieldBuilder<BuilderTypes, ModelResult>) => ({
  model: t.prismaField({
    type: 'Model',
    description: 'The model as the mutation left it (with its new `version`).',
    resolve: (query, result, _args, context) =>
      context.prisma.model.findUniqueOrThrow({ ...query, where: { id: result.modelId } }),
  }),
});

const modelFields = {
  nameZh: text.nullish(),
  family: text.nullish(),
  architecture: text.nullish(),
  arxivId: arxivId.nullish(),
  paperUrl: url.nullish(),
  paperTitle: text.nullish(),
  wikidataId: wikidataId.nullish(),
  description: text.nullish(),
};
const CreateModelSchema = z.object({ slug, name: text, ...modelFields, developers: z.array(slug).nullish() });
const UpdateModelSchema = z.object({
  slug: z.string(),
  expectedVersion: z.number().int().nullish(),
  name: text.nullish().refine((name) => name !== null, 'a model keeps a name'),
  ...modelFields,
});

const expectedVersionField = (t: PothosSchemaTypes.InputFieldBuilder<BuilderTypes, 'InputObject'>) =>
  t.int({
    description:
      "The entity's `version` as the client read it: the write is refused (VersionConflictError) if it has changed since. Leave it out to write whatever the version.",
  });

builder.relayMutationField(
  'createModel',
  {
    description: 'What a new model is.',
    inputFields: (t) => ({
      slug: t.string({
        required: true,
        description: 'Its public identifier, never changed once published (e.g. `ernie-4-5`).',
      }),
      name: t.string({ required: true, description: 'English name.' }),
      nameZh: t.string({ description: 'Chinese name.' }),
      family: t.string({ description: 'Model family (e.g. `ERNIE`).' }),
      architecture: t.string({ description: 'Architecture, in words.' }),
      arxivId: t.string({
        description: 'arXiv id of its paper (e.g. `2107.02137`); the paper URL defaults to its abstract page.',
      }),
      paperUrl: t.string({ description: 'URL of its paper or announcement.' }),
      paperTitle: t.string({ description: 'Title of its paper.' }),
      wikidataId: t.string({ description: 'Wikidata item (e.g. `Q115564437`).' }),
      description: t.string({ description: 'What it is, in a few sentences.' }),
      developers: t.stringList({ description: 'Slugs of the organizations that developed it, the main one first.' }),
    }),
  },
  {
    description:
      "Adds a model. Its parameter count, release date and openness are claims (`addClaim`), each with its source. Fails with ALREADY_EXISTS if the slug is, or ever was, another model's.",
    errors: { types: WRITE_ERRORS },
    resolve: async (_root, { input }, context) => {
      await requireRole(context, EDIT.role, EDIT.what);
      const { developers, ...fields } = validate(CreateModelSchema, input);
      const { result } = await runWrite(
        context,
        {
          ...EDIT,
          paths: (path) =>
            path.startsWith('developers[') ? ['input', 'developers', indexIn(path)] : singleItemPaths()(path),
        },
        async (graph) => {
          await refuseTakenSlug(graph, 'model', fields.slug, ['input', 'slug']);
          const written = await graph.upsertModels([given(fields) as typeof fields]);
          await graph.linkDevelopers(
            (developers ?? []).map((organization, index) => ({
              model: fields.slug,
              organization,
              role: index === 0 ? ('DEVELOPER' as const) : ('CO_DEVELOPER' as const),
            })),
          );
          return { modelId: written.get(fields.slug)?.id as number };
        },
      );
      return result;
    },
  },
  { description: 'The model added.', outputFields: modelOutput },
);

/** The index in a path such as `developers[2].organization`. */
function indexIn(path: string): number {
  return Number(/\[(\d+)\]/.exec(path)?.[1] ?? 0);
}

builder.relayMutationField(
  'updateModel',
  {
    description: 'The fields of a model to change; a field left out keeps its value, null clears it.',
    inputFields: (t) => ({
      slug: t.string({ required: true, description: 'The model (an old slug names the model it redirects to).' }),
      expectedVersion: expectedVersionField(t),
      name: t.string({ description: 'English name.' }),
      nameZh: t.string({ description: 'Chinese name.' }),
      family: t.string({ description: 'Model family.' }),
      architecture: t.string({ description: 'Architecture, in words.' }),
      arxivId: t.string({ description: 'arXiv id of its paper.' }),
      paperUrl: t.string({ description: 'URL of its paper or announcement.' }),
      paperTitle: t.string({ description: 'Title of its paper.' }),
      wikidataId: t.string({ description: 'Wikidata item.' }),
      description: t.string({ description: 'What it is.' }),
    }),
  },
  {
    description:
      'Changes fields of a model. Its preferred parameter count, release date and openness follow from its claims: change those with `addClaim` and `retractClaim`.',
    errors: { types: WRITE_ERRORS },
    resolve: async (_root, { input }, context) => {
      await requireRole(context, EDIT.role, EDIT.what);
      const { slug: key, expectedVersion, ...fields } = validate(UpdateModelSchema, input);
      const { result } = await runWrite(context, EDIT, async (graph) => {
        const model = await checkVersion(graph, 'model', key, expectedVersion);
        await graph.updateModels([
          { slug: model.key, ...(given(fields) as Omit<typeof fields, 'name'> & { name?: string }) },
        ]);
        return { modelId: model.id };
      });
      return result;
    },
  },
  { description: 'The model changed.', outputFields: modelOutput },
);

builder.relayMutationField(
  'deleteModel',
  {
    description: 'The model to delete.',
    inputFields: (t) => ({
      slug: t.string({ required: true, description: 'The model.' }),
      expectedVersion: expectedVersionField(t),
      cascade: t.boolean({
        description:
          'Also remove what depends on it (lineage steps of models derived from it, articles’ coverage of it). Without it, a model with dependents is not deleted: HasDependentsError lists them.',
      }),
    }),
  },
  {
    description:
      'Deletes a model with its claims, developers, topics and parents. Its slug keeps its meaning: no other model may take it (an admin can bring the model back with `revert`).',
    errors: { types: [...WRITE_ERRORS, HasDependentsError] },
    resolve: async (_root, { input }, context) => {
      await requireRole(context, EDIT.role, EDIT.what);
      const { result } = await runWrite(context, EDIT, async (graph) => {
        const model = await checkVersion(graph, 'model', input.slug, input.expectedVersion);
        const id = await graph.deleteEntity('model', model.key, { cascade: input.cascade ?? false });
        return { id, slug: model.key };
      });
      return result;
    },
  },
  {
    description: 'The model deleted.',
    outputFields: (t) => ({
      deletedId: t.id({
        description: 'The global id the model had (to evict it from a client cache).',
        resolve: (result) => Buffer.from(`Model:${result.id}`).toString('base64'),
      }),
      slug: t.exposeString('slug', { description: 'The slug it had.' }),
    }),
  },
);

// Claims --------------------------------------------------------------------------------------

const ClaimSchema = z.object({
  model: z.string(),
  property: z.string(),
  value: z.string(),
  source: z.string(),
  confidence: z.string().nullish(),
  locator: text.nullish(),
  quote: text.nullish(),
  note: text.nullish(),
});

builder.relayMutationField(
  'addClaim',
  {
    description: 'A value of one property of a model, as one source gives it.',
    inputFields: (t) => ({
      model: t.string({ required: true, description: 'The model (slug).' }),
      property: t.field({ type: ClaimProperty, required: true, description: 'The property.' }),
      value: t.string({
        required: true,
        description:
          'The value as text: a whole number of parameters in digits (`175000000000`), a date YYYY, YYYY-MM or YYYY-MM-DD, `true`/`false` for open weights.',
      }),
      source: t.string({ required: true, description: 'The source that says so (slug; `createSource` adds one).' }),
      confidence: t.field({ type: Confidence, description: 'How sure the source is (default UNKNOWN).' }),
      locator: t.string({ description: 'Where in the source (a section, a table row).' }),
      quote: t.string({ description: 'The words of the source as written (e.g. `260B`).' }),
      note: t.string({ description: 'A note on how the value was read.' }),
      expectedVersion: expectedVersionField(t),
    }),
  },
  {
    description:
      "Adds a claim to a model, or replaces the claim its source made of that property (one per source). The model's preferred value, facets and search follow at once.",
    errors: { types: WRITE_ERRORS },
    resolve: async (_root, { input }, context) => {
      await requireRole(context, EDIT.role, EDIT.what);
      const checked = validate(ClaimSchema, input);
      const { result } = await runWrite(context, EDIT, async (graph) => {
        const model = await checkVersion(graph, 'model', input.model, input.expectedVersion, 'claims[0].model');
        await graph.putClaims([
          {
            model: model.key,
            property: input.property,
            value: checked.value,
            source: checked.source,
            confidence: input.confidence ?? undefined,
            locator: checked.locator,
            quote: checked.quote,
            note: checked.note,
          },
        ]);
        return { modelId: model.id };
      });
      return result;
    },
  },
  { description: 'The model with the claim.', outputFields: modelOutput },
);

builder.relayMutationField(
  'retractClaim',
  {
    description: "The claim to remove: a model's property as one source gave it.",
    inputFields: (t) => ({
      model: t.string({ required: true, description: 'The model (slug).' }),
      property: t.field({ type: ClaimProperty, required: true, description: 'The property.' }),
      source: t.string({ required: true, description: 'The source that made the claim (slug).' }),
      expectedVersion: expectedVersionField(t),
    }),
  },
  {
    description: "Removes a claim; the model's preferred value is derived again from the claims left.",
    errors: { types: WRITE_ERRORS },
    resolve: async (_root, { input }, context) => {
      await requireRole(context, EDIT.role, EDIT.what);
      const { result } = await runWrite(context, EDIT, async (graph) => {
        const model = await checkVersion(graph, 'model', input.model, input.expectedVersion, 'claims[0].model');
        const retracted = await graph.retractClaims([
          { model: model.key, property: input.property, source: input.source },
        ]);
        if (retracted.length === 0) {
          throw new InvalidInputError([
            {
              path: ['input', 'source'],
              code: 'NOT_FOUND',
              message: `"${input.source}" makes no ${input.property} claim on "${model.key}"`,
            },
          ]);
        }
        return { modelId: model.id };
      });
      return result;
    },
  },
  { description: 'The model without the claim.', outputFields: modelOutput },
);

// Lineage -------------------------------------------------------------------------------------

type StepResult = { childId: number; parentId: number };
const stepOutput = (t: PothosSchemaTypes.ObjectFieldBuilder<BuilderTypes, StepResult>) => ({
  child: t.prismaField({
    type: 'Model',
    description: 'The model that derives from the parent.',
    resolve: (query, result, _args, context) =>
      context.prisma.model.findUniqueOrThrow({ ...query, where: { id: result.childId } }),
  }),
  parent: t.prismaField({
    type: 'Model',
    description: 'The model it derives from.',
    resolve: (query, result, _args, context) =>
      context.prisma.model.findUniqueOrThrow({ ...query, where: { id: result.parentId } }),
  }),
});

builder.relayMutationField(
  'linkLineage',
  {
    description: 'A lineage step: a model derives from another, in one way, as a source says.',
    inputFields: (t) => ({
      child: t.string({ required: true, description: 'The model that derives (slug).' }),
      parent: t.string({ required: true, description: 'The model it derives from (slug).' }),
      kind: t.field({ type: LineageKind, required: true, description: 'How it derives.' }),
      source: t.string({ required: true, description: 'The source that says so (slug).' }),
      note: t.string({ description: 'How, in words.' }),
      expectedVersion: expectedVersionField(t),
    }),
  },
  {
    description:
      "Adds a lineage step to a model (or changes the note and source of the step that exists). A step that would make a model its own ancestor is refused (CYCLE), naming the loop; so is a model's step to itself.",
    errors: { types: WRITE_ERRORS },
    resolve: async (_root, { input }, context) => {
      await requireRole(context, EDIT.role, EDIT.what);
      const note = validate(z.object({ note: text.nullish() }), { note: input.note }).note;
      const { result } = await runWrite(context, { ...EDIT, paths: singleItemPaths('parent') }, async (graph) => {
        const child = await checkVersion(graph, 'model', input.child, input.expectedVersion, 'lineage[0].child');
        const parent = await graph.current('model', input.parent, 'lineage[0].parent');
        const linked = await graph.linkLineage([
          { child: child.key, parent: parent.key, kind: input.kind, source: input.source, note },
        ]);
        const [refused] = linked.refused;
        if (refused) {
          throw new InvalidInputError([
            {
              path: ['input', 'parent'],
              code: 'CYCLE',
              message: refused.cycle ? `${refused.reason}: ${refused.cycle.join(' → ')}` : refused.reason,
            },
          ]);
        }
        return { childId: child.id, parentId: parent.id };
      });
      return result;
    },
  },
  { description: 'The two models of the step.', outputFields: stepOutput },
);

builder.relayMutationField(
  'unlinkLineage',
  {
    description: 'The lineage step to remove.',
    inputFields: (t) => ({
      child: t.string({ required: true, description: 'The model that derives (slug).' }),
      parent: t.string({ required: true, description: 'The model it derives from (slug).' }),
      kind: t.field({ type: LineageKind, required: true, description: 'The kind of the step.' }),
      expectedVersion: expectedVersionField(t),
    }),
  },
  {
    description: 'Removes a lineage step of a model.',
    errors: { types: WRITE_ERRORS },
    resolve: async (_root, { input }, context) => {
      await requireRole(context, EDIT.role, EDIT.what);
      const { result } = await runWrite(context, { ...EDIT, paths: singleItemPaths('parent') }, async (graph) => {
        const child = await checkVersion(graph, 'model', input.child, input.expectedVersion, 'lineage[0].child');
        const parent = await graph.current('model', input.parent, 'lineage[0].parent');
        const removed = await graph.unlinkLineage([{ child: child.key, parent: parent.key, kind: input.kind }]);
        if (removed === 0) {
          throw new InvalidInputError([
            {
              path: ['input', 'kind'],
              code: 'NOT_FOUND',
              message: `"${child.key}" has no ${input.kind} step to "${parent.key}"`,
            },
          ]);
        }
        return { childId: child.id, parentId: parent.id };
      });
      return result;
    },
  },
  { description: 'The two models the step joined.', outputFields: stepOutput },
);

// Developers and topics -----------------------------------------------------------------------

builder.relayMutationField(
  'linkDeveloper',
  {
    description: 'An organization that developed a model.',
    inputFields: (t) => ({
      model: t.string({ required: true, description: 'The model (slug).' }),
      organization: t.string({ required: true, description: 'The organization (slug).' }),
      role: t.field({ type: DeveloperRole, description: 'Its part (default DEVELOPER).' }),
      source: t.string({ description: 'The source that says so (slug).' }),
      expectedVersion: expectedVersionField(t),
    }),
  },
  {
    description: 'Adds a developer to a model (an edge that exists keeps its role and source).',
    errors: { types: WRITE_ERRORS },
    resolve: async (_root, { input }, context) => {
      await requireRole(context, EDIT.role, EDIT.what);
      const { result } = await runWrite(context, EDIT, async (graph) => {
        const model = await checkVersion(graph, 'model', input.model, input.expectedVersion, 'developers[0].model');
        await graph.linkDevelopers([
          { model: model.key, organization: input.organization, role: input.role ?? undefined, source: input.source },
        ]);
        return { modelId: model.id };
      });
      return result;
    },
  },
  { description: 'The model with its developer.', outputFields: modelOutput },
);

builder.relayMutationField(
  'unlinkDeveloper',
  {
    description: 'An organization to remove from the developers of a model.',
    inputFields: (t) => ({
      model: t.string({ required: true, description: 'The model (slug).' }),
      organization: t.string({ required: true, description: 'The organization (slug).' }),
      expectedVersion: expectedVersionField(t),
    }),
  },
  {
    description: 'Removes a developer from a model.',
    errors: { types: WRITE_ERRORS },
    resolve: async (_root, { input }, context) => {
      await requireRole(context, EDIT.role, EDIT.what);
      const { result } = await runWrite(context, EDIT, async (graph) => {
        const model = await checkVersion(graph, 'model', input.model, input.expectedVersion, 'developers[0].model');
        if ((await graph.unlinkDevelopers([{ model: model.key, organization: input.organization }])) === 0) {
          throw new InvalidInputError([
            {
              path: ['input', 'organization'],
              code: 'NOT_FOUND',
              message: `"${input.organization}" is not a developer of "${model.key}"`,
            },
          ]);
        }
        return { modelId: model.id };
      });
      return result;
    },
  },
  { description: 'The model without that developer.', outputFields: modelOutput },
);

builder.relayMutationField(
  'addModelToTopic',
  {
    description: 'A model and a topic it belongs to.',
    inputFields: (t) => ({
      model: t.string({ required: true, description: 'The model (slug).' }),
      topic: t.string({ required: true, description: 'The topic (slug).' }),
      expectedVersion: expectedVersionField(t),
    }),
  },
  {
    description: 'Puts a model in a topic (as the curators do: a rule that derived it no longer owns it).',
    errors: { types: WRITE_ERRORS },
    resolve: async (_root, { input }, context) => {
      await requireRole(context, EDIT.role, EDIT.what);
      const { result } = await runWrite(context, EDIT, async (graph) => {
        const model = await checkVersion(graph, 'model', input.model, input.expectedVersion, 'modelTopics[0].model');
        await graph.linkModelTopics([{ model: model.key, topic: input.topic }]);
        return { modelId: model.id };
      });
      return result;
    },
  },
  { description: 'The model in the topic.', outputFields: modelOutput },
);

builder.relayMutationField(
  'removeModelFromTopic',
  {
    description: 'A model and a topic to take it out of.',
    inputFields: (t) => ({
      model: t.string({ required: true, description: 'The model (slug).' }),
      topic: t.string({ required: true, description: 'The topic (slug).' }),
      expectedVersion: expectedVersionField(t),
    }),
  },
  {
    description: 'Takes a model out of a topic.',
    errors: { types: WRITE_ERRORS },
    resolve: async (_root, { input }, context) => {
      await requireRole(context, EDIT.role, EDIT.what);
      const { result } = await runWrite(context, EDIT, async (graph) => {
        const model = await checkVersion(graph, 'model', input.model, input.expectedVersion, 'modelTopics[0].model');
        if ((await graph.unlinkModelTopics([{ model: model.key, topic: input.topic }])) === 0) {
          throw new InvalidInputError([
            {
              path: ['input', 'topic'],
              code: 'NOT_FOUND',
              message: `"${model.key}" is not in the topic "${input.topic}"`,
            },
          ]);
        }
        return { modelId: model.id };
      });
      return result;
    },
  },
  { description: 'The model out of the topic.', outputFields: modelOutput },
);

export { expectedVersionField };
