/** `viewer`: who a request's token stands for. Tokens are made by `npm run token` (src/auth/tokens.ts). */
import type { Viewer as ViewerValue } from '../auth/tokens.js';
import { builder } from './builder.js';
import { TokenRole } from './enums.js';

export const Viewer = builder.objectRef<ViewerValue>('Viewer').implement({
  description: 'The editor or admin a request acts as, by its `Authorization: Bearer` token.',
  fields: (t) => ({
    name: t.exposeString('name', { description: "The token holder's name, as the history of their writes shows it." }),
    role: t.expose('role', { type: TokenRole, description: 'What the token may do.' }),
  }),
});

builder.queryField('viewer', (t) =>
  t.field({
    type: Viewer,
    nullable: true,
    description:
      'Who the request acts as: null without a token (reading needs none); an `UNAUTHENTICATED` error when the token sent is malformed, unknown or revoked (alike).',
    resolve: (_root, _args, context) => context.viewer(),
  }),
);
