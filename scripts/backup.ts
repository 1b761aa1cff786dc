/**
 * `npm run backup -- <file>`: copies the database at DATABASE_URL into a new file while the
 * server runs. `VACUUM INTO` reads one consistent snapshot (a read transaction: with the WAL
 * journal the server and importers keep reading and writing meanwhile) and writes it compacted,
 * write-ahead log included. The copy is written beside the target and renamed when it is whole
 * and checked, so a failed backup never leaves a file that looks like one.
 *
 * To restore: stop the server, copy the backup to the database path, start it again (a server
 * left running also picks up a file restored under it: GET /ready, src/db/live.ts).
 */
import { accessSync, constants, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { SQLITE_BUSY_TIMEOUT_MS } from '../src/db/client.js';
import { DEFAULT_DATABASE_URL, parseDatabaseUrl } from '../src/db/config.js';

/** Copies the database file `source` to the new file `target`; returns the size of the copy in bytes. */
export function backupDatabase(source: string, target: string): number {
  if (!existsSync(source)) throw new Error(`there is no database at ${source} (DATABASE_URL)`);
  if (existsSync(target)) throw new Error(`${target} exists: give the name of a new file`);
  const folder = dirname(target);
  try {
    accessSync(folder, constants.W_OK);
  } catch {
    throw new Error(`cannot write into ${folder}: it does not exist or is not writable`);
  }
  const partial = `${target}.partial-${process.pid}`;
  const database = new BetterSqlite3(source, { readonly: true, fileMustExist: true, timeout: SQLITE_BUSY_TIMEOUT_MS });
  try {
    database.prepare('SELECT count(*) FROM "_prisma_migrations"').get();
    database.prepare('VACUUM INTO ?').run(partial);
  } catch (error) {
    rmSync(partial, { force: true });
    throw new Error(`cannot read ${source}: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    database.close();
  }
  const copy = new BetterSqlite3(partial, { readonly: true, fileMustExist: true });
  try {
    const check = copy.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`the copy fails SQLite's check (${String(check)})`);
  } catch (error) {
    copy.close();
    rmSync(partial, { force: true });
    throw error;
  }
  copy.close();
  renameSync(partial, target);
  return statSync(target).size;
}

const [file, ...rest] = process.argv.slice(2);
try {
  if (!file || rest.length > 0) throw new Error('usage: npm run backup -- <new file>');
  const config = parseDatabaseUrl(process.env.DATABASE_URL || DEFAULT_DATABASE_URL);
  if (config.provider !== 'sqlite') {
    throw new Error(
      `DATABASE_URL is PostgreSQL (${config.label}): back it up with pg_dump, or copy the graph to a file with npm run db:copy`,
    );
  }
  const source = config.filePath;
  const target = resolve(file);
  const started = Date.now();
  const bytes = backupDatabase(source, target);
  console.log(
    `Backed up ${source} to ${target} (${(bytes / 1024 / 1024).toFixed(1)} MB, ${((Date.now() - started) / 1000).toFixed(1)} s).`,
  );
} catch (error) {
  console.error(`backup failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
