import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import type { Database } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';

export interface Db {
  kysely: Kysely<Database>;
  dialect: Dialect;
  close(): Promise<void>;
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
    return { kysely, dialect, close: () => kysely.destroy() };
  }
  // bigint (int8) and numeric come back as strings by default; our counters fit a JS number.
  pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
  const pool = new pg.Pool({ connectionString: databaseUrl, max: options.poolSize ?? 10 });
  // An idle client that loses its connection must not crash the process.
  pool.on('error', () => undefined);
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { kysely, dialect, close: () => kysely.destroy() };
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
