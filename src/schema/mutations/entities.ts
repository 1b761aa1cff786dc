/**
 * Mutations of organizations (with their country and kind claims), topics and sources: create,
 * update, delete.
 */
import { z } from 'zod';
import { foundedYear, slug, text, url, wikidataId } from '../../domain/fields.js';
import type { HistoryEntity } from '../../graph/index.js';
import { type BuilderTypes, builder } from '../builder.js';
import { Confidence, OrganizationProperty, SourceKind } from '../enums.js';
import { HasDependentsError, InvalidInputError, WRITE_ERRORS } from './errors.js';
import { expectedVersionField } from './models.js';
import { checkVersion, EDIT, given, refuseTakenSlug, requireRole, runWrite, singleItemPaths } from './run.js';
import { validate } from './validate.js';

type Fields = PothosSchemaTypes.ObjectFieldBuilder<BuilderTypes, { id: number }>;

const organizationOutput = (t: Fields) => ({
  organization: t.prismaField({
    type: 'Organization',
    description: 'The organization as the mutation left it (with its new `version`).',
    resolve: (query, result, _args, context) =>
      context.prisma.organization.findUniqueOrThrow({ ...query, where: { id: result.id } }),
  }),
});
const topicOutput = (t: Fields) => ({
  topic: t.prismaField({
    type: 'Topic',
    description: 'The topic as the mutation left it (with its new `version`).',
    resolve: (query, result, _args, context) =>
      context.prisma.topic.findUniqueOrThrow({ ...query, where: { id: result.id } }),
  }),
});
const sourceOutput = (t: Fields) => ({
  source: t.prismaField({
    type: 'Source',
    description: 'The source as the mutation left it (with its new `version`).',
    resolve: (query, result, _args, context) =>
      context.prisma.source.findUniqueOrThrow({ ...query, where: { id: result.id } }),
  }),
});

/** `slug` of a payload of a delete, and the global id the entity had. */
function deletedOutput(typename: string) {
  return (t: PothosSchemaTypes.ObjectFieldBuilder<BuilderTypes, { id: number; slug: string }>) => ({
    deletedId: t.id({
      description: `The global id the ${typename.toLowerCase()} had (to evict it from a client cache).`,
      resolve: (result) => Buffer.from(`${typename}:${result.id}`).toString('base64'),
    }),
    slug: t.exposeString('slug', { description: 'The slug it had.' }),
  });
}

/** The mutation that deletes an entity of a kind by slug. */
export function deleteMutation(
  name: string,
  entity: Exclude<HistoryEntity, 'model' | 'article'>,
  typename: string,
  dependents: string,
) {
  builder.relayMutationField(
    name,
    {
      description: `The ${entity} to delete.`,
      inputFields: (t) => ({
        slug: t.string({ required: true, description: `The ${entity}.` }),
        expectedVersion: expectedVersionField(t),
        cascade: t.boolean({
          description: `Also remove what depends on it (${dependents}). Without it, a ${entity} with dependents is not deleted: HasDependentsError lists them.`,
        }),
      }),
    },
    {
      description: `Deletes a ${entity}. Its slug keeps its meaning: no other ${entity} may take it.`,
      errors: { types: [...WRITE_ERRORS, HasDependentsError] },
      resolve: async (_root, { input }, context) => {
        await requireRole(context, EDIT.role, EDIT.what);
        const { result } = await runWrite(context, EDIT, async (graph) => {
          const current = await checkVersion(graph, entity, input.slug, input.expectedVersion);
          const id = await graph.deleteEntity(entity, current.key, { cascade: input.cascade ?? false });
          return { id, slug: current.key };
        });
        return result;
      },
    },
    {
      name: `${name.charAt(0).toUpperCase()}${name.slice(1)}Payload`,
      description: `The ${entity} deleted.`,
      outputFields: deletedOutput(typename),
    },
  );
}

// Organizations -------------------------------------------------------------------------------

const organizationFields = {
  nameZh: text.nullish(),
  website: url.nullish(),
  foundedYear: foundedYear.nullish(),
  wikidataId: wikidataId.nullish(),
  description: text.nullish(),
  parent: slug.nullish(),
};
const CreateOrganizationSchema = z.object({ slug, name: text, ...organizationFields });
const UpdateOrganizationSchema = z.object({
  name: text.nullish().refine((value) => value !== null, 'an organization keeps a name'),
  ...organizationFields,
});

const organizationInputFields = (t: PothosSchemaTypes.InputFieldBuilder<BuilderTypes, 'InputObject'>) => ({
  name: t.string({ description: 'English name.' }),
  nameZh: t.string({ description: 'Chinese name.' }),
  website: t.string({ description: 'Official website (http or https).' }),
  foundedYear: t.int({ description: 'Year founded.' }),
  wikidataId: t.string({ description: 'Wikidata item (e.g. `Q21708200`).' }),
  description: t.string({ description: 'What it is.' }),
  parent: t.string({ description: 'The organization it belongs to (slug); null for none.' }),
});

builder.relayMutationField(
  'createOrganization',
  {
    description: 'What a new organization is.',
    inputFields: (t) => ({
      slug: t.string({
        required: true,
        description: 'Its public identifier, never changed once published (e.g. `moonshot-ai`).',
      }),
      ...organizationInputFields(t),
      name: t.string({ required: true, description: 'English name.' }),
    }),
  },
  {
    description:
      "Adds an organization. Its country and kind are claims (`addOrganizationClaim`), each with its source. Fails with ALREADY_EXISTS if the slug is, or ever was, another organization's.",
    errors: { types: WRITE_ERRORS },
    resolve: async (_root, { input }, context) => {
      await requireRole(context, EDIT.role, EDIT.what);
      const checked = validate(CreateOrganizationSchema, input);
      const { result } = await runWrite(context, EDIT, async (graph) => {
        await refuseTakenSlug(graph, 'organization', checked.slug, ['input', 'slug']);
        const written = await graph.upsertOrganizations([given(checked) as typeof checked]);
        return { id: written.get(checked.slug)?.id as number };
      });
      return result;
    },
  },
  { description: 'The organization added.', outputFields: organizationOutput },
);

builder.relayMutationField(
  'updateOrganization',
  {
    description: 'The fields of an organization to change; a field left out keeps its value, null clears it.',
    inputFields: (t) => ({
      slug: t.string({ required: true, description: 'The organization (an old slug names the one it redirects to).' }),
      expectedVersion: expectedVersionField(t),
      ...organizationInputFields(t),
    }),
  },
  {
    description: 'Changes fields of an organization. A parent that would make it its own ancestor is refused.',
    errors: { types: WRITE_ERRORS },
    resolve: async (_root, { input }, context) => {
      await requireRole(context, EDIT.role, EDIT.what);
      const { slug: key, expectedVersion, ...fields } = input;
      const checked = validate(UpdateOrganizationSchema, fields);
      const { result } = await runWrite(context, EDIT, async (graph) => {
        const organization = await checkVersion(graph, 'organization', key, expectedVersion);
        const current = await graph.tx.organization.findUniqueOrThrow({
          where: { id: organization.id },
          select: { name: true },
        });
        await graph.upsertOrganizations([
          {
            ...(given(checked) as Partial<typeof checked>),
            slug: organization.key,
            name: checked.name ?? current.name,
          },
        ]);
        return { id: organization.id };
      });
      return result;
    },
  },
  { description: 'The organization changed.', outputFields: organizationOutput },
);

deleteMutation(
  'deleteOrganization',
  'organization',
  'Organization',
  'its developer edges to models, its place as the parent of others, articles’ coverage of it',
);

const OrganizationClaimSchema = z.object({
  value: text,
  source: slug,
  locator: text.nullish(),
  quote: text.nullish(),
  note: text.nullish(),
});

builder.relayMutationField(
  'addOrganizationClaim',
  {
    description: "An organization's country or kind, as one source gives it.",
    inputFields: (t) => ({
      organization: t.string({ required: true, description: 'The organization (slug).' }),
      property: t.field({ type: OrganizationProperty, required: true, description: 'COUNTRY or KIND.' }),
      value: t.string({
        required: true,
        description: 'An ISO 3166-1 alpha-2 code for COUNTRY (`CN`), an OrganizationKind for KIND (`COMPANY`).',
      }),
      source: t.string({ required: true, description: 'The source that says so (slug).' }),
      confidence: t.field({ type: Confidence, description: 'How sure the source is (default UNKNOWN).' }),
      locator: t.string({ description: 'Where in the source.' }),
      quote: t.string({ description: 'The words of the source.' }),
      note: t.string({ description: 'A note on how the value was read.' }),
      expectedVersion: expectedVersionField(t),
    }),
  },
  {
    description:
      "Adds a claim of an organization's country or kind (or replaces its source's); the organization shows the preferred one.",
    errors: { types: WRITE_ERRORS },
    resolve: async (_root, { input }, context) => {
      await requireRole(context, EDIT.role, EDIT.what);
      const checked = validate(OrganizationClaimSchema, input);
      const { result } = await runWrite(context, { ...EDIT, paths: singleItemPaths('organization') }, async (graph) => {
        const organization = await checkVersion(
          graph,
          'organization',
          input.organization,
          input.expectedVersion,
          'organizationClaims[0].organization',
        );
        await graph.putOrganizationClaims([
          {
            organization: organization.key,
            property: input.property,
            value: checked.value,
            source: checked.source,
            confidence: input.confidence ?? undefined,
            locator: checked.locator,
            quote: checked.quote,
            note: checked.note,
          },
        ]);
        return { id: organization.id };
      });
      return result;
    },
  },
  { description: 'The organization with the claim.', outputFields: organizationOutput },
);

builder.relayMutationField(
  'retractOrganizationClaim',
  {
    description: "The claim to remove: an organization's property as one source gave it.",
    inputFields: (t) => ({
      organization: t.string({ required: true, description: 'The organization (slug).' }),
      property: t.field({ type: OrganizationProperty, required: true, description: 'COUNTRY or KIND.' }),
      source: t.string({ required: true, description: 'The source that made the claim (slug).' }),
      expectedVersion: expectedVersionField(t),
    }),
  },
  {
    description: 'Removes a claim of an organization; its preferred country or kind is derived again.',
    errors: { types: WRITE_ERRORS },
    resolve: async (_root, { input }, context) => {
      await requireRole(context, EDIT.role, EDIT.what);
      const { result } = await runWrite(context, { ...EDIT, paths: singleItemPaths('organization') }, async (graph) => {
        const organization = await checkVersion(
          graph,
          'organization',
          input.organization,
          input.expectedVersion,
          'organizationClaims[0].organization',
        );
        const removed = await graph.retractOrganizationClaims([
          { organization: organization.key, property: input.property, source: input.source },
        ]);
        if (removed.length === 0) {
          throw new InvalidInputError([
            {
              path: ['input', 'source'],
              code: 'NOT_FOUND',
              message: `"${input.source}" makes no ${input.property} claim on "${organization.key}"`,
            },
          ]);
        }
        return { id: organization.id };
      });
      return result;
    },
  },
  { description: 'The organization without the claim.', outputFields: organizationOutput },
);

// Topics --------------------------------------------------------------------------------------

const topicFields = { nameZh: text.nullish(), description: text.nullish(), parent: slug.nullish() };
const CreateTopicSchema = z.object({ slug, name: text, ...topicFields });
const UpdateTopicSchema = z.object({
  name: text.nullish().refine((value) => value !== null, 'a topic keeps a name'),
  ...topicFields,
});

builder.relayMutationField(
  'createTopic',
  {
    description: 'What a new topic is.',
    inputFields: (t) => ({
      slug: t.string({ required: true, description: 'Its public identifier (e.g. `mixture-of-experts`).' }),
      name: t.string({ required: true, description: 'English name.' }),
      nameZh: t.string({ description: 'Chinese name.' }),
      description: t.string({ description: 'What it is about.' }),
      parent: t.string({ description: 'The broader topic (slug).' }),
    }),
  },
  {
    description: "Adds a topic. Fails with ALREADY_EXISTS if the slug is, or ever was, another topic's.",
    errors: { types: WRITE_ERRORS },
    resolve: async (_root, { input }, context) => {
      await requireRole(context, EDIT.role, EDIT.what);
      const checked = validate(CreateTopicSchema, input);
      const { result } = await runWrite(context, EDIT, async (graph) => {
        await refuseTakenSlug(graph, 'topic', checked.slug, ['input', 'slug']);
        const written = await graph.upsertTopics([given(checked) as typeof checked]);
        return { id: written.get(checked.slug)?.id as number };
      });
      return result;
    },
  },
  { description: 'The topic added.', outputFields: topicOutput },
);

builder.relayMutationField(
  'updateTopic',
  {
    description: 'The fields of a topic to change; a field left out keeps its value, null clears it.',
    inputFields: (t) => ({
      slug: t.string({ required: true, description: 'The topic.' }),
      expectedVersion: expectedVersionField(t),
      name: t.string({ description: 'English name.' }),
      nameZh: t.string({ description: 'Chinese name.' }),
      description: t.string({ description: 'What it is about.' }),
      parent: t.string({ description: 'The broader topic (slug); null for none.' }),
    }),
  },
  {
    description: 'Changes fields of a topic. A parent that would make it its own ancestor is refused.',
    errors: { types: WRITE_ERRORS },
    resolve: async (_root, { input }, context) => {
      await requireRole(context, EDIT.role, EDIT.what);
      const { slug: key, expectedVersion, ...fields } = input;
      const checked = validate(UpdateTopicSchema, fields);
      const { result } = await runWrite(context, EDIT, async (graph) => {
        const topic = await checkVersion(graph, 'topic', key, expectedVersion);
        const current = await graph.tx.topic.findUniqueOrThrow({ where: { id: topic.id }, select: { name: true } });
        await graph.upsertTopics([
          { ...(given(checked) as Partial<typeof checked>), slug: topic.key, name: checked.name ?? current.name },
        ]);
        return { id: topic.id };
      });
      return result;
    },
  },
  { description: 'The topic changed.', outputFields: topicOutput },
);

deleteMutation(
  'deleteTopic',
  'topic',
  'Topic',
  'the models in it, its place as the parent of narrower topics, articles’ coverage of it',
);

// Sources -------------------------------------------------------------------------------------

const sourceFields = {
  url: url.nullish(),
  publisher: text.nullish(),
  license: text.nullish(),
  attribution: text.nullish(),
  description: text.nullish(),
};
const CreateSourceSchema = z.object({ slug, title: text, ...sourceFields });
const UpdateSourceSchema = z.object({
  title: text.nullish().refine((value) => value !== null, 'a source keeps a title'),
  ...sourceFields,
});

const sourceInputFields = (t: PothosSchemaTypes.InputFieldBuilder<BuilderTypes, 'InputObject'>) => ({
  url: t.string({ description: 'Where to read it (http or https).' }),
  publisher: t.string({ description: 'Who wrote or published it.' }),
  publishedAt: t.field({ type: 'Date', description: 'When it was published.' }),
  license: t.string({ description: 'Licence of the material.' }),
  attribution: t.string({ description: 'Attribution its licence requires.' }),
  description: t.string({ description: 'Notes on the source.' }),
});

builder.relayMutationField(
  'createSource',
  {
    description: 'What a new source is.',
    inputFields: (t) => ({
      slug: t.string({ required: true, description: 'Its public identifier (e.g. `arxiv-2303-08774`).' }),
      kind: t.field({ type: SourceKind, required: true, description: 'What kind of source.' }),
      title: t.string({ required: true, description: 'Title.' }),
      ...sourceInputFields(t),
    }),
  },
  {
    description: "Adds a source for claims to cite. Fails with ALREADY_EXISTS if the slug is another source's.",
    errors: { types: WRITE_ERRORS },
    resolve: async (_root, { input }, context) => {
      await requireRole(context, EDIT.role, EDIT.what);
      const checked = validate(CreateSourceSchema, input);
      const { result } = await runWrite(context, EDIT, async (graph) => {
        await refuseTakenSlug(graph, 'source', checked.slug, ['input', 'slug']);
        const written = await graph.upsertSources([
          { ...(given({ ...checked, publishedAt: input.publishedAt }) as typeof checked), kind: input.kind },
        ]);
        return { id: written.get(checked.slug)?.id as number };
      });
      return result;
    },
  },
  { description: 'The source added.', outputFields: sourceOutput },
);

builder.relayMutationField(
  'updateSource',
  {
    description: 'The fields of a source to change; a field left out keeps its value, null clears it.',
    inputFields: (t) => ({
      slug: t.string({ required: true, description: 'The source.' }),
      expectedVersion: expectedVersionField(t),
      kind: t.field({ type: SourceKind, description: 'What kind of source (its claims are ranked again).' }),
      title: t.string({ description: 'Title.' }),
      ...sourceInputFields(t),
    }),
  },
  {
    description: 'Changes fields of a source. A change of kind ranks the claims citing it again.',
    errors: { types: WRITE_ERRORS },
    resolve: async (_root, { input }, context) => {
      await requireRole(context, EDIT.role, EDIT.what);
      const { slug: key, expectedVersion, kind, publishedAt, ...fields } = input;
      const checked = validate(UpdateSourceSchema, fields);
      const { result } = await runWrite(context, EDIT, async (graph) => {
        const source = await checkVersion(graph, 'source', key, expectedVersion);
        const current = await graph.tx.source.findUniqueOrThrow({
          where: { id: source.id },
          select: { title: true, kind: true },
        });
        await graph.upsertSources([
          {
            ...(given({ ...checked, publishedAt }) as Partial<typeof checked>),
            slug: source.key,
            title: checked.title ?? current.title,
            kind: kind ?? current.kind,
          },
        ]);
        return { id: source.id };
      });
      return result;
    },
  },
  { description: 'The source changed.', outputFields: sourceOutput },
);

deleteMutation(
  'deleteSource',
  'source',
  'Source',
  'the claims citing it; articles and edges citing it lose the citation',
);
