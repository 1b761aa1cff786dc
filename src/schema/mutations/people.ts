/**
 * Mutations of people (the authors of articles) and of an article's ordered list of authors.
 * An Epoch AI import sets the lists of Epoch's papers again from its file: an editor's change to
 * one of those lists lasts until the next snapshot (the history keeps both).
 */
import { z } from 'zod';
import { slug, text } from '../../domain/fields.js';
import { type BuilderTypes, builder } from '../builder.js';
import { deleteMutation } from './entities.js';
import { WRITE_ERRORS } from './errors.js';
import { expectedVersionField } from './models.js';
import { checkVersion, EDIT, given, refuseTakenSlug, requireRole, runWrite, singleItemPaths } from './run.js';
import { validate } from './validate.js';

type Fields = PothosSchemaTypes.ObjectFieldBuilder<BuilderTypes, { id: number }>;

const personOutput = (t: Fields) => ({
  person: t.prismaField({
    type: 'Person',
    description: 'The person as the mutation left them (with their new `version`).',
    resolve: (query, result, _args, context) =>
      context.prisma.person.findUniqueOrThrow({ ...query, where: { id: result.id } }),
  }),
});

const personFields = { nameZh: text.nullish(), identity: text.nullish(), source: slug.nullish() };
const CreatePersonSchema = z.object({ slug, name: text, ...personFields });
const UpdatePersonSchema = z.object({
  name: text.nullish().refine((value) => value !== null, 'a person keeps a name'),
  ...personFields,
});

const personInputFields = (t: PothosSchemaTypes.InputFieldBuilder<BuilderTypes, 'InputObject'>) => ({
  name: t.string({ description: 'The name as their articles write it (e.g. `Quoc V. Le`).' }),
  nameZh: t.string({ description: 'The name in Chinese characters.' }),
  identity: t.string({
    description: 'How this person was told apart from namesakes (the evidence that they are one person).',
  }),
  source: t.string({ description: 'The source the person was found in (slug); null for none.' }),
});

builder.relayMutationField(
  'createPerson',
  {
    description: 'Who a new person is.',
    inputFields: (t) => ({
      slug: t.string({ required: true, description: 'Their public identifier, never changed once published.' }),
      ...personInputFields(t),
      name: t.string({ required: true, description: 'The name as their articles write it.' }),
    }),
  },
  {
    description:
      "Adds a person (an author). Fails with ALREADY_EXISTS if the slug is, or ever was, another person's; a namesake needs a slug of its own (`wei-li-meta`).",
    errors: { types: WRITE_ERRORS },
    resolve: async (_root, { input }, context) => {
      await requireRole(context, EDIT.role, EDIT.what);
      const checked = validate(CreatePersonSchema, input);
      const { result } = await runWrite(context, EDIT, async (graph) => {
        await refuseTakenSlug(graph, 'person', checked.slug, ['input', 'slug']);
        const written = await graph.upsertPeople([given(checked) as typeof checked]);
        return { id: written.get(checked.slug)?.id as number };
      });
      return result;
    },
  },
  { description: 'The person added.', outputFields: personOutput },
);

builder.relayMutationField(
  'updatePerson',
  {
    description: 'The fields of a person to change; a field left out keeps its value, null clears it.',
    inputFields: (t) => ({
      slug: t.string({ required: true, description: 'The person.' }),
      expectedVersion: expectedVersionField(t),
      ...personInputFields(t),
    }),
  },
  {
    description: 'Changes fields of a person.',
    errors: { types: WRITE_ERRORS },
    resolve: async (_root, { input }, context) => {
      await requireRole(context, EDIT.role, EDIT.what);
      const { slug: key, expectedVersion, ...fields } = input;
      const checked = validate(UpdatePersonSchema, fields);
      const { result } = await runWrite(context, EDIT, async (graph) => {
        const person = await checkVersion(graph, 'person', key, expectedVersion);
        const current = await graph.tx.person.findUniqueOrThrow({ where: { id: person.id }, select: { name: true } });
        await graph.upsertPeople([
          { ...(given(checked) as Partial<typeof checked>), slug: person.key, name: checked.name ?? current.name },
        ]);
        return { id: person.id };
      });
      return result;
    },
  },
  { description: 'The person changed.', outputFields: personOutput },
);

deleteMutation('deletePerson', 'person', 'Person', 'their places in lists of authors');

const AuthorSchema = z.object({ person: slug, writtenAs: text.nullish() });

const AuthorInput = builder.inputType('AuthorInput', {
  description: 'An author of an article, at their place in the list.',
  fields: (t) => ({
    person: t.string({ required: true, description: 'The person (slug).' }),
    writtenAs: t.string({ description: "The name as the article writes it (default: the person's name)." }),
  }),
});

builder.relayMutationField(
  'setArticleAuthors',
  {
    description: 'The whole list of authors of an article, first author first.',
    inputFields: (t) => ({
      article: t.string({ required: true, description: 'The article, by its URL in any spelling.' }),
      authors: t.field({
        type: [AuthorInput],
        required: true,
        description: 'The authors in order (at most 500; an empty list removes them all).',
      }),
      expectedVersion: expectedVersionField(t),
    }),
  },
  {
    description:
      "Sets an article's authors: the places that differ are replaced, the others kept. A person may appear once. Recorded in the article's history (by slug).",
    errors: { types: WRITE_ERRORS },
    resolve: async (_root, { input }, context) => {
      await requireRole(context, EDIT.role, EDIT.what);
      const authors = validate(z.array(AuthorSchema).max(500, 'at most 500 authors'), input.authors, [
        'input',
        'authors',
      ]);
      const { result } = await runWrite(
        context,
        {
          ...EDIT,
          // `authors[0].authors[3].person` of the write layer is the input's `authors[3].person`.
          paths: (path) => {
            const place = /^authors\[\d+\]\.authors\[(\d+)\]\.(\w+)$/.exec(path);
            if (place) return ['input', 'authors', Number(place[1]), place[2] as string];
            return singleItemPaths('article')(path);
          },
        },
        async (graph) => {
          const article = await checkVersion(
            graph,
            'article',
            input.article,
            input.expectedVersion,
            'authors[0].article',
          );
          const names = new Map(
            (
              await graph.tx.person.findMany({
                where: { slug: { in: authors.map((author) => author.person) } },
                select: { slug: true, name: true },
              })
            ).map((person) => [person.slug, person.name]),
          );
          await graph.setArticleAuthors([
            {
              article: article.key,
              authors: authors.map((author) => ({
                person: author.person,
                writtenAs: author.writtenAs ?? names.get(author.person) ?? author.person,
              })),
            },
          ]);
          return { articleId: article.id };
        },
      );
      return result;
    },
  },
  {
    description: 'The article with its authors.',
    outputFields: (t) => ({
      article: t.prismaField({
        type: 'Article',
        description: 'The article as the mutation left it (with its new `version`).',
        resolve: (query, result, _args, context) =>
          context.prisma.article.findUniqueOrThrow({ ...query, where: { id: result.articleId } }),
      }),
    }),
  },
);
