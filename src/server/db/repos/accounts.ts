import crypto from 'node:crypto';
import type { Db } from '../index.js';
import type { AccountTable, LoginRecordTable } from '../schema.js';

export type AccountRow = AccountTable;

/** SQL for 统一登录系统 accounts. Callers pass lookup hashes, never plain personal data. */
export function accountRepo(db: Db) {
  const q = db.kysely;
  return {
    byId: (id: string) => q.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst(),
    byLoginNameKey: (key: string) => q.selectFrom('accounts').selectAll().where('login_name_key', '=', key).executeTakeFirst(),
    byVerifiedUscc: (uscc: string) => q.selectFrom('accounts').selectAll().where('verified_uscc', '=', uscc).executeTakeFirst(),
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
    insert: (row: AccountTable) => q.insertInto('accounts').values(row).execute(),
    update: (id: string, changes: Partial<AccountTable>) => q.updateTable('accounts').set(changes).where('id', '=', id).execute(),
    async recordLogin(row: Omit<LoginRecordTable, 'id'>) {
      await q.insertInto('login_records').values({ id: crypto.randomUUID(), ...row }).execute();
    },
    loginRecords: (accountId: string, limit: number) =>
      q.selectFrom('login_records').select(['at', 'ip', 'user_agent', 'result']).where('account_id', '=', accountId).orderBy('at', 'desc').limit(limit).execute(),
  };
}

export type AccountRepo = ReturnType<typeof accountRepo>;

/** 登录名 are unique regardless of case. */
export const loginNameKey = (loginName: string) => loginName.trim().toLowerCase();
