/**
 * `npm run token -- create --name alice --role editor`  prints a new token, once.
 * `npm run token -- list`                               lists tokens (never their secrets).
 * `npm run token -- revoke --id 3`                      revokes one.
 * On the database of DATABASE_URL, which must exist (`npm start` creates it); pending
 * migrations are applied first. The first admin token can only be made here.
 */
import { parseArgs } from 'node:util';
import { requireDatabaseFile, runCli } from '../seed/cli-support.js';
import { createToken, listTokens, revokeToken } from '../src/auth/tokens.js';
import { openDatabase } from '../src/db/client.js';
import { type DatabaseConfig, parseDatabaseUrl } from '../src/db/config.js';
import { applyMigrations } from '../src/db/migrations.js';
import { enumValues, type TokenRole } from '../src/domain/enums.js';

const USAGE = `Usage:
  npm run token -- create --name <name> --role editor|admin
  npm run token -- list
  npm run token -- revoke --id <id>`;

let config: DatabaseConfig | undefined;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { name: { type: 'string' }, role: { type: 'string' }, id: { type: 'string' }, help: { type: 'boolean' } },
  });
  const [command] = positionals;
  if (values.help || !command || !['create', 'list', 'revoke'].includes(command) || positionals.length > 1) {
    if (values.help) {
      console.log(USAGE);
      return 0;
    }
    throw new Error(`give one command: create, list or revoke\n${USAGE}`);
  }
  config = parseDatabaseUrl(process.env.DATABASE_URL);
  requireDatabaseFile(config, false, 'npm start');
  await applyMigrations(config);
  const { prisma } = openDatabase(config);
  try {
    if (command === 'create') {
      const role = values.role?.toUpperCase();
      if (!values.name) throw new Error('--name is required: who holds the token (e.g. --name alice)');
      if (!role || !(enumValues('TokenRole') as string[]).includes(role)) {
        throw new Error(`--role must be editor or admin (got ${JSON.stringify(values.role ?? '')})`);
      }
      const { id, token } = await createToken(prisma, { name: values.name, role: role as TokenRole });
      console.log(
        `Token ${id} for ${values.name} (${role.toLowerCase()}); it is shown this once, keep it secret:\n${token}`,
      );
    } else if (command === 'list') {
      const tokens = await listTokens(prisma);
      if (tokens.length === 0) console.log('No tokens.');
      for (const token of tokens) {
        const state = token.revokedAt ? `revoked ${token.revokedAt.toISOString()}` : 'active';
        const used = token.lastUsedAt ? `last used ${token.lastUsedAt.toISOString()}` : 'never used';
        console.log(`${token.id}\t${token.name}\t${token.role.toLowerCase()}\t${state}\t${used}`);
      }
    } else {
      const id = Number(values.id);
      if (!Number.isSafeInteger(id) || id < 1)
        throw new Error(
          `--id must be a token's number, from npm run token -- list (got ${JSON.stringify(values.id ?? '')})`,
        );
      if (!(await revokeToken(prisma, id))) throw new Error(`there is no active token ${id} (npm run token -- list)`);
      console.log(`Token ${id} revoked: it is refused from now on.`);
    }
    return 0;
  } finally {
    await prisma.$disconnect();
  }
}

runCli('token', main, { database: () => config });
