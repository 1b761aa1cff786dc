/**
 * Mutations beyond one entity's fields: renaming a slug (editors), reverting an entity to an
 * earlier version, and managing tokens (admins). The first admin token comes from the command
 * line (`npm run token -- create --role admin`): the API only lets an admin make more.
 */
import { GraphQLError } from 'graphql';
import { checkTokenName, createToken, listTokens, revokeToken } from '../../auth/tokens.js';
import { slug } from '../../domain/fields.js';
import type { HistoryEntity as HistoryEntityName } from '../../graph/index.js';
import { type BuilderTypes, builder } from '../builder.js';
import { HistoryEntity, TokenRole } from '../enums.js';
import { entityById, VersionedEntity } from '../history.js';
import {
  AuthenticationError,
  ForbiddenError,
  InvalidInputError,
  VersionConflictError,
  WRITE_ERRORS,
} from './errors.js';
import { expectedVersionField } from './models.js';
import { checkVersion, EDIT, refuseTakenSlug, requireRole, runWrite } from './run.js';
import { validate } from './validate.js';

const ADMIN = { role: 'ADMIN', what: 'revert entities or manage tokens' } as const;

type EntityResult = { type: HistoryEntityName; id: number };

const entityOutput =
  (description: string) => (t: PothosSchemaTypes.ObjectFieldBuilder<BuilderTypes, EntityResult>) => ({
    entity: t.field({
      type: VersionedEntity,
      description,
      resolve: async (result, _args, context) => {
        const entity = await entityById(context, result);
        if (!entity) throw new Error(`${result.type} ${result.id} vanished after its write`);
        return entity;
      },
    }),
  });

builder.relayMutationField(
  'renameSlug',
  {
    description: 'An entity and the slug it should have.',
    inputFields: (t) => ({
      entityType: t.field({ type: HistoryEntity, required: true, description: 'MODEL, ORGANIZATION or TOPIC.' }),
      slug: t.string({ required: true, description: 'Its slug now.' }),
      newSlug: t.string({ required: true, description: 'The slug it should have.' }),
      reason: t.string({ description: 'Why (kept with the redirect).' }),
      expectedVersion: expectedVersionField(t),
    }),
  },
  {
    description:
      'Gives a model, organization or topic a new slug. The old slug keeps naming it (a redirect): published slugs never stop resolving. A slug that names another entity, or ever did, is refused.',
    errors: { types: WRITE_ERRORS },
    resolve: async (_root, { input }, context) => {
      await requireRole(context, EDIT.role, EDIT.what);
      const entity = input.entityType.toLowerCase() as HistoryEntityName;
      if (entity !== 'model' && entity !== 'organization' && entity !== 'topic') {
        throw new InvalidInputError([
          {
            path: ['input', 'entityType'],
            code: 'INVALID',
            message: 'only models, organizations and topics have slugs that redirect',
          },
        ]);
      }
      const newSlug = validate(slug, input.newSlug, ['input', 'newSlug']);
      const { result } = await runWrite(context, { ...EDIT, paths: () => ['input', 'newSlug'] }, async (graph) => {
        const current = await checkVersion(graph, entity, input.slug, input.expectedVersion);
        await refuseTakenSlug(graph, entity, newSlug, ['input', 'newSlug']);
        await graph.changeSlugs([
          { type: input.entityType as 'MODEL', from: current.key, to: newSlug, reason: input.reason ?? null },
        ]);
        return { type: entity, id: current.id } as EntityResult;
      });
      return result;
    },
  },
  { description: 'The entity under its new slug.', outputFields: entityOutput('The entity, renamed.') },
);

builder.relayMutationField(
  'revert',
  {
    description: 'An entity and the version to set it back to.',
    inputFields: (t) => ({
      entityType: t.field({ type: HistoryEntity, required: true, description: 'What kind of entity.' }),
      key: t.string({
        required: true,
        description: "Its slug (an article's URL); for a deleted entity, the slug (or URL) it had.",
      }),
      toVersion: t.int({ required: true, description: 'The version to set it back to (see its `history`).' }),
      expectedVersion: expectedVersionField(t),
    }),
  },
  {
    description:
      "Admins only. Sets an entity's fields, claims and edges back to what they were at an earlier version; a deleted entity comes back under its old id and slug. The revert is itself a recorded write (its revision's `revertOf` names the version restored). Aliases added since are kept.",
    errors: { types: WRITE_ERRORS },
    resolve: async (_root, { input }, context) => {
      const entity = input.entityType.toLowerCase() as HistoryEntityName;
      const { result } = await runWrite(context, { ...ADMIN, paths: () => ['input', 'toVersion'] }, async (graph) => {
        // A live entity by its key; a deleted one by the key its deletion recorded.
        const live = await graph.current(entity, input.key, 'key').catch(() => undefined);
        let id = live?.id;
        let version = live?.version;
        if (!live) {
          const deletion = await graph.tx.revision.findFirst({
            where: { entityType: input.entityType, entityKey: input.key, action: 'DELETED' },
            orderBy: { id: 'desc' },
          });
          if (!deletion) {
            throw new InvalidInputError([
              {
                path: ['input', 'key'],
                code: 'NOT_FOUND',
                message: `no ${entity} "${input.key}", now or in the history`,
              },
            ]);
          }
          id = deletion.entityId;
          version = deletion.version;
        }
        if (input.expectedVersion != null && input.expectedVersion !== version) {
          throw new VersionConflictError(
            { type: entity, id: id as number },
            input.key,
            input.expectedVersion,
            version as number,
          );
        }
        if (input.toVersion >= (version as number)) {
          throw new InvalidInputError([
            {
              path: ['input', 'toVersion'],
              code: 'INVALID',
              message: `choose a version before the current one (${version})`,
            },
          ]);
        }
        await graph.revertEntity(entity, id as number, input.toVersion);
        return { type: entity, id: id as number } as EntityResult;
      });
      return result;
    },
  },
  {
    description: 'The entity as the revert left it.',
    outputFields: entityOutput('The entity, set back (with a new version).'),
  },
);

// Tokens --------------------------------------------------------------------------------------

type TokenRow = Awaited<ReturnType<typeof listTokens>>[number];

const ApiToken = builder.objectRef<TokenRow>('ApiToken').implement({
  description: 'A bearer token of an editor or admin; its secret is never shown again after it is created.',
  fields: (t) => ({
    tokenId: t.exposeInt('id', { description: 'Its number (`npm run token -- revoke --id N`).' }),
    name: t.exposeString('name', { description: 'Who holds it, as the history names their writes.' }),
    role: t.expose('role', { type: TokenRole, description: 'What it may do.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was created.' }),
    revokedAt: t.expose('revokedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it was revoked; null while it is valid.',
    }),
    lastUsedAt: t.expose('lastUsedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it was last accepted (to the minute); null if never.',
    }),
  }),
});

builder.queryField('tokens', (t) =>
  t.field({
    type: [ApiToken],
    description:
      'Admins only: every token, newest first, without secrets. Others get an UNAUTHENTICATED or FORBIDDEN error.',
    resolve: async (_root, _args, context) => {
      try {
        await requireRole(context, 'ADMIN', 'list tokens');
      } catch (error) {
        if (error instanceof AuthenticationError || error instanceof ForbiddenError)
          throw new GraphQLError(error.message, { extensions: { code: error.code } });
        throw error;
      }
      return listTokens(context.prisma);
    },
  }),
);

builder.relayMutationField(
  'createToken',
  {
    description: 'Who the new token is for, and its role.',
    inputFields: (t) => ({
      name: t.string({
        required: true,
        description: "The holder's name (1 to 64 letters, digits, spaces or . _ @ -).",
      }),
      role: t.field({
        type: TokenRole,
        required: true,
        description: 'EDITOR (write data) or ADMIN (also revert and manage tokens).',
      }),
    }),
  },
  {
    description: 'Admins only. Creates a token and answers it once: only its hash is kept.',
    errors: { types: WRITE_ERRORS },
    resolve: async (_root, { input }, context) => {
      await requireRole(context, 'ADMIN', 'create tokens');
      try {
        checkTokenName(input.name);
      } catch (error) {
        throw new InvalidInputError([{ path: ['input', 'name'], code: 'INVALID', message: (error as Error).message }]);
      }
      const created = await createToken(context.prisma, { name: input.name, role: input.role });
      return created;
    },
  },
  {
    description: 'The token, shown this once.',
    outputFields: (t) => ({
      token: t.exposeString('token', { description: 'The bearer token: keep it secret; it is not shown again.' }),
      info: t.field({
        type: ApiToken,
        description: 'The token as `tokens` lists it.',
        resolve: async (result, _args, context) =>
          context.prisma.apiToken.findUniqueOrThrow({
            where: { id: result.id },
            select: { id: true, name: true, role: true, createdAt: true, revokedAt: true, lastUsedAt: true },
          }),
      }),
    }),
  },
);

builder.relayMutationField(
  'revokeToken',
  {
    description: 'The token to revoke.',
    inputFields: (t) => ({ tokenId: t.int({ required: true, description: 'Its number (`ApiToken.tokenId`).' }) }),
  },
  {
    description: 'Admins only. Revokes a token: from now on it is refused like an unknown one.',
    errors: { types: WRITE_ERRORS },
    resolve: async (_root, { input }, context) => {
      await requireRole(context, 'ADMIN', 'revoke tokens');
      if (!(await revokeToken(context.prisma, input.tokenId))) {
        throw new InvalidInputError([
          { path: ['input', 'tokenId'], code: 'NOT_FOUND', message: `there is no active token ${input.tokenId}` },
        ]);
      }
      return { id: input.tokenId };
    },
  },
  {
    description: 'The token revoked.',
    outputFields: (t) => ({
      info: t.field({
        type: ApiToken,
        description: 'The token as `tokens` lists it, now revoked.',
        resolve: async (result, _args, context) =>
          context.prisma.apiToken.findUniqueOrThrow({
            where: { id: result.id },
            select: { id: true, name: true, role: true, createdAt: true, revokedAt: true, lastUsedAt: true },
          }),
      }),
    }),
  },
);
