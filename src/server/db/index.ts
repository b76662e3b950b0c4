import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, sql, type CompiledQuery } from 'kysely';
import type { Database } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';

export interface Db {
  kysely: Kysely<Database>;
  dialect: Dialect;
  /** Runs a query compiled earlier with other parameter values (see `preparedQuery`). */
  executePrepared<Row>(query: PreparedQuery<Row>, parameters: readonly unknown[]): Promise<Row[]>;
  /** The PostgreSQL pool's connections (for the metrics); SQLite has no pool. */
  poolStats?(): { total: number; idle: number; waiting: number; max: number };
  close(): Promise<void>;
}

interface PreparedQuery<Row> {
  /** PostgreSQL prepared-statement name, derived from the SQL text. */
  name: string;
  compiled: CompiledQuery<Row>;
}

export function dialectOf(databaseUrl: string): Dialect {
  if (databaseUrl.startsWith('postgres://') || databaseUrl.startsWith('postgresql://')) return 'postgres';
  if (databaseUrl.startsWith('sqlite:')) return 'sqlite';
  throw new Error(`DATABASE_URL must start with sqlite: or postgres:// (got ${databaseUrl.split(':')[0]}:)`);
}

/** Opens the database named by DATABASE_URL: `sqlite:<file>` or `postgres://…`. */
export function openDatabase(databaseUrl: string, options: { poolSize?: number } = {}): Db {
  const dialect = dialectOf(databaseUrl);
  if (dialect === 'sqlite') {
    const file = databaseUrl.slice('sqlite:'.length);
    if (file !== ':memory:' && file !== '') restrictFileModes(file);
    const database = new SQLite(file);
    // WAL: readers never block the writer. synchronous=NORMAL in WAL mode keeps every
    // committed transaction across a process crash (kill -9); see ADR 0002.
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = NORMAL');
    database.pragma('busy_timeout = 5000');
    database.pragma('foreign_keys = ON');
    const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
    // Prepared queries read on a connection of their own, straight from cached statements: on
    // kysely's one connection they would wait for its lock, and inside another caller's open
    // transaction they would see its uncommitted rows. In WAL mode each read sees everything
    // committed before it. (An in-memory database has no second connection: kysely's then.)
    const reader = file === ':memory:' || file === '' ? null : withStatementCache(new SQLite(file, { readonly: true, fileMustExist: true }));
    reader?.pragma('busy_timeout = 5000');
    return {
      kysely,
      dialect,
      executePrepared: async <Row>(query: PreparedQuery<Row>, parameters: readonly unknown[]) =>
        reader ? (reader.prepare(query.compiled.sql).all(...parameters) as Row[]) : (await kysely.executeQuery<Row>({ ...query.compiled, parameters })).rows,
      close: async () => {
        reader?.close();
        await kysely.destroy();
      },
    };
  }
  // bigint (int8) and numeric come back as strings by default; our counters fit a JS number.
  pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
  const poolMax = options.poolSize ?? 10;
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolMax });
  // An idle client that loses its connection must not crash the process.
  pool.on('error', () => undefined);
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    kysely,
    dialect,
    // Straight on the pool, as a named statement that each connection parses and plans once.
    executePrepared: async <Row>(query: PreparedQuery<Row>, parameters: readonly unknown[]) =>
      (await pool.query<Row & pg.QueryResultRow>({ name: query.name, text: query.compiled.sql, values: parameters as unknown[] })).rows,
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max: poolMax }),
    close: () => kysely.destroy(),
  };
}

/**
 * A SELECT that runs on (nearly) every request, built and compiled by kysely once and then run
 * with each call's values: kysely's building, compiling and driver plumbing cost more than the
 * query itself (on PostgreSQL about three times the time of the round trip). `build` receives
 * stand-ins for the arguments and must use each where a value goes (`where('id', '=', id)`).
 *
 * Name the selected columns (no `selectAll`): PostgreSQL refuses to reuse a prepared
 * `select *` after a migration adds a column, which a process still running during a
 * rolling deploy would hit on every call.
 */
export function preparedQuery<Args extends unknown[], Row>(db: Db, build: (...args: Args) => { compile(): CompiledQuery<Row> }, arity: Args['length']) {
  const standIns = Array.from({ length: arity }, (_, i) => ({ standIn: i }));
  const compiled = build(...(standIns as unknown as Args)).compile();
  // Where each parameter of the compiled query comes from: an argument, or a constant of the query.
  const sources = compiled.parameters.map((value) => standIns.indexOf(value as { standIn: number }));
  for (let i = 0; i < arity; i++) {
    if (!sources.includes(i)) throw new Error(`preparedQuery: argument ${i} is not used as a value in ${compiled.sql}`);
  }
  const query: PreparedQuery<Row> = { name: `q_${crypto.createHash('sha256').update(compiled.sql).digest('hex').slice(0, 24)}`, compiled };
  return (...args: Args): Promise<Row[]> =>
    db.executePrepared(
      query,
      sources.map((source, i) => (source === -1 ? compiled.parameters[i] : args[source])),
    );
}

/**
 * The database holds personal data (encrypted, with lookup hashes), sessions and the audit
 * log: only the server's user may read it. SQLite creates the -wal and -shm files with the mode of
 * the database file, so creating that file 0600 first covers all three; files left by an older
 * version are tightened here too.
 */
function restrictFileModes(file: string) {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true, mode: 0o700 });
  fs.closeSync(fs.openSync(file, 'a', 0o600));
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    if (fs.existsSync(f)) fs.chmodSync(f, 0o600);
  }
}

export async function ping(db: Db): Promise<void> {
  await sql`select 1`.execute(db.kysely);
}

/**
 * kysely prepares every query anew; better-sqlite3 statements can be reused. Caching them by
 * SQL text (a bounded map) saves the prepare step on every request. (A streamed query keeps
 * its statement busy until the stream ends: stream with a distinct SQL text per stream.)
 */
function withStatementCache(database: SQLite.Database, max = 500): SQLite.Database {
  const cache = new Map<string, SQLite.Statement>();
  const prepare = database.prepare.bind(database);
  return new Proxy(database, {
    get(target, property, receiver) {
      if (property !== 'prepare') return Reflect.get(target, property, receiver);
      return (sqlText: string) => {
        let statement = cache.get(sqlText);
        if (!statement) {
          statement = prepare(sqlText);
          if (cache.size >= max) cache.delete(cache.keys().next().value!);
          cache.set(sqlText, statement);
        }
        return statement;
      };
    },
  });
}
