import crypto from 'node:crypto';
import { preparedQuery, type Db } from '../index.js';
import type { AccountTable, LoginRecordTable } from '../schema.js';
import type { PiiCrypto } from '../../security/pii-crypto.js';

/**
 * An account as callers see it: persons' names decrypted (`person_name`, `legal_rep_name`);
 * mobile, e-mail and ID number stay encrypted (`_enc`) and are decrypted where they are used.
 */
export type AccountRow = Omit<AccountTable, 'person_name_enc' | 'legal_rep_name_enc'> & {
  person_name: string | null;
  legal_rep_name: string | null;
};

/**
 * SQL for 统一登录系统 accounts. Callers pass lookup hashes, never plain personal data, and
 * read and write names in clear: this repo encrypts them on the way in and decrypts them on
 * the way out, so no other code touches the `_name_enc` columns.
 */
export function accountRepo(db: Db, pii: Pick<PiiCrypto, 'encrypt' | 'decrypt'>) {
  const q = db.kysely;
  const decryptName = (stored: string | null) => (stored === null ? null : pii.decrypt(stored));
  const encryptName = (plain: string | null) => (plain === null ? null : pii.encrypt(plain));

  /** The names arrive encrypted under their clear names (ACCOUNT_COLUMNS) and are decrypted in place. */
  function fromStored(row: AccountRow | undefined): AccountRow | undefined {
    if (!row) return undefined;
    row.person_name = decryptName(row.person_name);
    row.legal_rep_name = decryptName(row.legal_rep_name);
    return row;
  }

  // Read on every request of a logged-in page (用户中心, the platform header). Every column,
  // named: a prepared statement must not `select *` (db/index.ts).
  const selectById = preparedQuery(db, (id: string) => q.selectFrom('accounts').select(ACCOUNT_COLUMNS).where('id', '=', id), 1);

  function toTable(changes: Partial<AccountRow>): Partial<AccountTable> {
    const { person_name, legal_rep_name, ...rest } = changes;
    return {
      ...rest,
      ...(person_name !== undefined ? { person_name_enc: encryptName(person_name) } : {}),
      ...(legal_rep_name !== undefined ? { legal_rep_name_enc: encryptName(legal_rep_name) } : {}),
    };
  }

  return {
    byId: async (id: string) => fromStored((await selectById(id))[0]),
    byLoginNameKey: async (key: string) => fromStored(await q.selectFrom('accounts').select(ACCOUNT_COLUMNS).where('login_name_key', '=', key).executeTakeFirst()),
    byVerifiedUscc: async (uscc: string) => fromStored(await q.selectFrom('accounts').select(ACCOUNT_COLUMNS).where('verified_uscc', '=', uscc).executeTakeFirst()),
    async countByMobileHash(mobileHash: string) {
      const row = await q
        .selectFrom('accounts')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('mobile_hash', '=', mobileHash)
        .where('status', '=', 'active')
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async loginNameTaken(key: string) {
      return (await q.selectFrom('accounts').select('id').where('login_name_key', '=', key).executeTakeFirst()) !== undefined;
    },
    insert: (row: AccountRow) => {
      const { person_name, legal_rep_name, ...rest } = row;
      return q.insertInto('accounts').values({ ...rest, person_name_enc: encryptName(person_name), legal_rep_name_enc: encryptName(legal_rep_name) }).execute();
    },
    update: (id: string, changes: Partial<AccountRow>) => q.updateTable('accounts').set(toTable(changes)).where('id', '=', id).execute(),
    async recordLogin(row: Omit<LoginRecordTable, 'id'>) {
      await q.insertInto('login_records').values({ id: crypto.randomUUID(), ...row }).execute();
    },
    loginRecords: (accountId: string, limit: number) =>
      q.selectFrom('login_records').select(['at', 'ip', 'user_agent', 'result']).where('account_id', '=', accountId).orderBy('at', 'desc').limit(limit).execute(),
  };
}

export type AccountRepo = ReturnType<typeof accountRepo>;

/**
 * Every column of accounts by name, the encrypted names under their clear names: no row is
 * copied to rename them (a rest-and-spread copy of a row costs more than reading it).
 */
const ACCOUNT_COLUMNS = [
  'id',
  'login_name',
  'login_name_key',
  'password_hash',
  'mobile_enc',
  'mobile_hash',
  'email_enc',
  'email_hash',
  'user_type',
  'realname_status',
  'verified_uscc',
  'enterprise_name',
  'legal_rep_name_enc as legal_rep_name',
  'person_name_enc as person_name',
  'id_number_enc',
  'id_number_hash',
  'status',
  'created_at',
  'updated_at',
  'verified_at',
  'disabled_at',
] as const;

/** 登录名 are unique regardless of case. */
export const loginNameKey = (loginName: string) => loginName.trim().toLowerCase();
