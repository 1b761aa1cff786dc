/**
 * The SQLite connection's kept statements (src/db/sqlite/statement-cache.ts), used the way
 * adapter-better-sqlite3 uses a statement: `prepare(sql).bind(args)`, then `run()`, or
 * `columns()` and `raw().all()`. Prisma's own use of it is what every other test file runs on.
 */
import Sqlite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { inlineLimits, keepPreparedStatements } from '../src/db/sqlite/statement-cache.js';

let connection: Sqlite.Database;

beforeEach(() => {
  connection = new Sqlite(':memory:');
  connection.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)');
});

afterEach(() => connection.close());

type Bound = {
  reader: boolean;
  run(): Sqlite.RunResult;
  columns(): Sqlite.ColumnDefinition[];
  raw(toggle?: boolean): { all(): unknown[] };
  all(): unknown[];
};
const prepare = (sql: string, args: unknown[] = []) =>
  (connection.prepare(sql) as unknown as { bind(a: unknown[]): Bound }).bind(args);

describe('keepPreparedStatements', () => {
  it('prepares a text once and runs it with each call’s own arguments', () => {
    const real = vi.spyOn(connection, 'prepare');
    keepPreparedStatements(connection);
    for (const [id, name] of [
      [1, 'one'],
      [2, 'two'],
    ]) {
      expect(prepare('INSERT INTO t (id, name) VALUES (?, ?)', [id, name]).run().changes).toBe(1);
    }
    const select = 'SELECT id, name FROM t WHERE id = ?';
    const first = prepare(select, [1]);
    expect(first.reader).toBe(true);
    expect(first.columns().map((column) => column.name)).toEqual(['id', 'name']);
    expect(first.raw().all()).toEqual([[1, 'one']]);
    // The same statement, now read as objects, with other arguments.
    expect(prepare(select, [2]).all()).toEqual([{ id: 2, name: 'two' }]);
    expect(prepare(select, [1]).raw().all()).toEqual([[1, 'one']]);
    // Two texts, each prepared once.
    expect(real.mock.calls.map(([sql]) => sql)).toEqual(['INSERT INTO t (id, name) VALUES (?, ?)', select]);
  });

  it('keeps the most recently used texts and prepares a dropped one again', () => {
    const real = vi.spyOn(connection, 'prepare');
    keepPreparedStatements(connection, 2);
    const texts = ['SELECT 1', 'SELECT 2', 'SELECT 1', 'SELECT 3', 'SELECT 1', 'SELECT 2'];
    for (const sql of texts) prepare(sql).all();
    // SELECT 2 was the least recently used when SELECT 3 came: dropped, then prepared again.
    expect(real.mock.calls.map(([sql]) => sql)).toEqual(['SELECT 1', 'SELECT 2', 'SELECT 3', 'SELECT 2']);
  });

  it('sees a table changed after a statement was kept (SQLite prepares it again itself)', () => {
    keepPreparedStatements(connection);
    expect(
      prepare('SELECT * FROM t')
        .columns()
        .map((column) => column.name),
    ).toEqual(['id', 'name']);
    connection.exec('ALTER TABLE t ADD COLUMN extra TEXT');
    prepare('INSERT INTO t (id, name, extra) VALUES (1, ?, ?)', ['a', 'b']).run();
    expect(prepare('SELECT * FROM t').all()).toEqual([{ id: 1, name: 'a', extra: 'b' }]);
    // The kept columns were the narrower ones: a run in raw mode (the adapter's) shows the new
    // width, and the columns are read again for the next.
    expect(prepare('SELECT * FROM t').raw().all()).toEqual([[1, 'a', 'b']]);
    expect(
      prepare('SELECT * FROM t')
        .columns()
        .map((column) => column.name),
    ).toEqual(['id', 'name', 'extra']);
  });

  it('reads a kept statement’s columns once (better-sqlite3 builds them anew at each call)', () => {
    // better-sqlite3's own statements, before the connection's prepare is wrapped.
    const columns = vi.spyOn(Object.getPrototypeOf(connection.prepare('SELECT 1')), 'columns');
    keepPreparedStatements(connection);
    const select = 'SELECT id, name FROM t WHERE id = ?';
    for (const id of [1, 2, 3]) {
      const run = prepare(select, [id]);
      expect(run.columns().map((column) => column.name)).toEqual(['id', 'name']);
      run.raw().all();
    }
    expect(columns).toHaveBeenCalledTimes(1);
  });

  it('writes a LIMIT and OFFSET given as integers into the text: one statement per page size, not planned at every run', () => {
    const real = vi.spyOn(connection, 'prepare');
    keepPreparedStatements(connection);
    for (const id of [1, 2, 3, 4]) prepare('INSERT INTO t (id, name) VALUES (?, ?)', [id, `n${id}`]).run();
    const page = 'SELECT id FROM t WHERE id > ? ORDER BY id LIMIT ? OFFSET ?';
    // Prisma's arguments: the LIMIT and OFFSET as text.
    expect(prepare(page, [0, '2', '1']).raw().all()).toEqual([[2], [3]]);
    expect(prepare(page, [1, '2', '1']).raw().all()).toEqual([[3], [4]]);
    expect(prepare(page, [0, 3, 0]).all()).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
    expect(
      prepare(page, [0, '3', '0'])
        .columns()
        .map((column) => column.name),
    ).toEqual(['id']);
    expect(real.mock.calls.map(([sql]) => sql).filter((sql) => sql.startsWith('SELECT'))).toEqual([
      'SELECT id FROM t WHERE id > ? ORDER BY id LIMIT 2 OFFSET 1',
      'SELECT id FROM t WHERE id > ? ORDER BY id LIMIT 3 OFFSET 0',
    ]);
    // A LIMIT that is not an integer is bound as it was (SQLite says what is wrong with it).
    expect(() => prepare(page, [0, 'two', 0]).all()).toThrow(/datatype mismatch/);
  });

  it('inlines every LIMIT and OFFSET parameter, subqueries too, and nothing when the text is not what it seems', () => {
    expect(
      inlineLimits('SELECT * FROM (SELECT id FROM t ORDER BY id LIMIT ?) AS a WHERE a.id > ? ORDER BY a.id limit ?', [
        800,
        5,
        '11',
      ]),
    ).toEqual({
      sql: 'SELECT * FROM (SELECT id FROM t ORDER BY id LIMIT 800) AS a WHERE a.id > ? ORDER BY a.id limit 11',
      args: [5],
    });
    expect(inlineLimits('SELECT id FROM t WHERE name = ?', ['x'])).toBeUndefined();
    // Not integers: nothing to write.
    expect(inlineLimits('SELECT id FROM t LIMIT ? OFFSET ?', ['1.5', null])).toBeUndefined();
    expect(inlineLimits('SELECT id FROM t LIMIT ? OFFSET ?', [10n, 2 ** 60])).toEqual({
      sql: 'SELECT id FROM t LIMIT 10 OFFSET ?',
      args: [2 ** 60],
    });
    // A question mark in a string literal: the arguments do not match the marks one for one.
    expect(inlineLimits("SELECT id FROM t WHERE name = '?' LIMIT ?", [1])).toBeUndefined();
  });

  it('refuses a connection without prepare (the adapter changed what it keeps)', () => {
    expect(() => keepPreparedStatements({} as Sqlite.Database)).toThrow(/adapter-better-sqlite3 changed/);
  });
});
