import { SqliteAdapter, sql, type Kysely, type Migration } from 'kysely';
import type { PiiCrypto } from '../../security/pii-crypto.js';

type Keys = Pick<PiiCrypto, 'encrypt' | 'lookupHash'>;

/**
 * Persons' names are encrypted like the other personal data (issue 11, finding 9):
 * accounts.person_name and accounts.legal_rep_name, and the legal representative of the
 * registry stand-in, which 实名认证 compares and so also gets a lookup hash. Existing rows are
 * converted here and the clear columns dropped, so this migration needs the PII keys
 * (ADR 0006); `keys` is null only when the migration list is read for its names.
 */
export function personNamesEncrypted(keys: Keys | null): Migration {
  return {
    async up(db: Kysely<any>) {
      if (!isSqlite(db)) return convert(db, keys);
      // SQLite runs migrations outside a transaction: this one converts data, so it brings its own.
      await db.transaction().execute((trx) => convert(trx, keys));
    },
  };
}

/**
 * After the migration has committed: the clear names still sit in the database files (old
 * row versions on PostgreSQL, free space in SQLite pages). Rewriting the tables drops them.
 */
export async function purgeClearNames(db: Kysely<any>): Promise<void> {
  if (isSqlite(db)) await sql`VACUUM`.execute(db);
  else await sql`VACUUM FULL accounts, enterprise_registry`.execute(db);
}

const isSqlite = (db: Kysely<any>) => db.getExecutor().adapter instanceof SqliteAdapter;

async function convert(db: Kysely<any>, keys: Keys | null) {
  const needKeys = (): Keys => {
    if (!keys) throw new Error('Migration 0007 encrypts stored names and needs the PII keys (migrateToLatest(db, pii))');
    return keys;
  };

  // SQLite adds one column per statement.
  await db.schema.alterTable('accounts').addColumn('person_name_enc', 'text').execute();
  await db.schema.alterTable('accounts').addColumn('legal_rep_name_enc', 'text').execute();
  const accounts = await db
    .selectFrom('accounts')
    .select(['id', 'person_name', 'legal_rep_name'])
    .where((eb) => eb.or([eb('person_name', 'is not', null), eb('legal_rep_name', 'is not', null)]))
    .execute();
  for (const a of accounts as { id: string; person_name: string | null; legal_rep_name: string | null }[]) {
    const k = needKeys();
    await db
      .updateTable('accounts')
      // The clear values are overwritten before the columns go: PostgreSQL keeps a dropped
      // column's data in the row until the row is written again.
      .set({
        person_name_enc: a.person_name === null ? null : k.encrypt(a.person_name),
        legal_rep_name_enc: a.legal_rep_name === null ? null : k.encrypt(a.legal_rep_name),
        person_name: null,
        legal_rep_name: null,
      })
      .where('id', '=', a.id)
      .execute();
  }
  await db.schema.alterTable('accounts').dropColumn('person_name').execute();
  await db.schema.alterTable('accounts').dropColumn('legal_rep_name').execute();

  // '' never matches: a row is only usable once it carries its encrypted name and hash.
  await db.schema.alterTable('enterprise_registry').addColumn('legal_rep_name_enc', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.alterTable('enterprise_registry').addColumn('legal_rep_name_hash', 'text', (c) => c.notNull().defaultTo('')).execute();
  const registry = await db.selectFrom('enterprise_registry').select(['uscc', 'legal_rep_name']).execute();
  for (const r of registry as { uscc: string; legal_rep_name: string }[]) {
    const k = needKeys();
    await db
      .updateTable('enterprise_registry')
      .set({ legal_rep_name_enc: k.encrypt(r.legal_rep_name), legal_rep_name_hash: k.lookupHash(r.legal_rep_name, 'legal_rep_name'), legal_rep_name: '' })
      .where('uscc', '=', r.uscc)
      .execute();
  }
  await db.schema.alterTable('enterprise_registry').dropColumn('legal_rep_name').execute();
}
