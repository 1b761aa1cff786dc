/**
 * Bearer tokens of editors and admins. A token is `atlas_<id>_<secret>`: the id finds its row,
 * the secret (32 random bytes, base64url) is checked against the SHA-256 kept in the row, in
 * constant time. Only the hash is stored; the token is shown once, when it is created. An unknown
 * id, a wrong secret and a revoked token are refused alike, after the same work.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { PrismaClient } from '../db/client.js';
import type { TokenRole } from '../domain/enums.js';

/** Who a request acts as, once its token is accepted. */
export type Viewer = Readonly<{ tokenId: number; name: string; role: TokenRole }>;

/** A token's name: what the history shows for the writes made with it. */
const NAME = /^[\p{L}\p{N}][\p{L}\p{N} ._@-]{0,63}$/u;
const TOKEN = /^atlas_([1-9]\d{0,9})_([A-Za-z0-9_-]{43})$/;

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** How stale `lastUsedAt` may be: it is written again only after this long. */
const LAST_USED_RESOLUTION_MS = 60_000;

/** Compared with when a token's row is missing, so that an unknown id costs what a wrong secret costs. */
const NO_SECRET = sha256('no such token');

/** Throws an Error saying what a token name must be. */
export function checkTokenName(name: string): void {
  if (!NAME.test(name)) {
    throw new Error(
      `a token name is 1 to 64 letters, digits, spaces or . _ @ -, starting with a letter or digit (got ${JSON.stringify(name)})`,
    );
  }
}

/** Creates a token for `name` with `role`; returns it (the only time it is shown) and its row id. */
export async function createToken(
  prisma: PrismaClient,
  input: { name: string; role: TokenRole },
): Promise<{ id: number; token: string }> {
  checkTokenName(input.name);
  const secret = randomBytes(32).toString('base64url');
  const row = await prisma.apiToken.create({
    data: { name: input.name, role: input.role, secretHash: sha256(secret).toString('hex') },
  });
  return { id: row.id, token: `atlas_${row.id}_${secret}` };
}

/** Every token, newest first, without anything secret. */
export function listTokens(prisma: PrismaClient) {
  return prisma.apiToken.findMany({
    select: { id: true, name: true, role: true, createdAt: true, revokedAt: true, lastUsedAt: true },
    orderBy: { id: 'desc' },
  });
}

/** Revokes the token with `id`; returns false when there is none, or it was revoked already. */
export async function revokeToken(prisma: PrismaClient, id: number): Promise<boolean> {
  const { count } = await prisma.apiToken.updateMany({
    where: { id, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  return count === 1;
}

/**
 * The viewer a presented token stands for, or null when it is not a token of this graph (malformed,
 * unknown, wrong secret or revoked: alike, after the same comparison). Marks it used (to the minute).
 */
export async function verifyToken(prisma: PrismaClient, presented: string): Promise<Viewer | null> {
  const match = TOKEN.exec(presented);
  const id = match ? Number(match[1]) : 0;
  const row = match ? await prisma.apiToken.findUnique({ where: { id } }) : null;
  const expected = row ? Buffer.from(row.secretHash, 'hex') : NO_SECRET;
  const given = sha256(match?.[2] ?? presented);
  const same = expected.length === given.length && timingSafeEqual(expected, given);
  if (!row || !same || row.revokedAt) return null;
  // At most one write a minute per token: a read request should not write on every call.
  const now = new Date();
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await prisma.apiToken.update({ where: { id }, data: { lastUsedAt: now } });
  }
  return { tokenId: row.id, name: row.name, role: row.role };
}

/** The token of an `Authorization: Bearer <token>` header; undefined without the header, null when it is not of that form. */
export function bearerToken(header: string | null | undefined): string | null | undefined {
  if (header == null || header === '') return undefined;
  const match = /^Bearer +(\S+) *$/i.exec(header);
  return match ? (match[1] as string) : null;
}
