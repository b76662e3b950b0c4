import type { Kysely } from 'kysely';
import type { Db } from '../index.js';
import type { Database, EnterpriseProfileTable } from '../schema.js';

export type EnterpriseProfileRow = EnterpriseProfileTable;
/** The columns a save may write (the key and the creation time are the repo's). */
export type EnterpriseProfileChanges = Partial<Omit<EnterpriseProfileTable, 'uscc' | 'created_at'>> & { updated_at: string };

/** 企业信息 (migration 0008) and what it reads beside: the registry stand-in, the qualifications, the verified account. */
export function enterpriseProfilesRepo(db: Db) {
  return {
    find: (uscc: string) => db.kysely.selectFrom('enterprise_profiles').selectAll().where('uscc', '=', uscc).executeTakeFirst(),

    /** Inserts the row or updates the given columns of it (the others stay as they are); `trx` to join a transaction. */
    async upsert(uscc: string, changes: EnterpriseProfileChanges, trx: Kysely<Database> = db.kysely): Promise<void> {
      await trx
        .insertInto('enterprise_profiles')
        .values({ uscc, created_at: changes.updated_at, ...changes })
        .onConflict((oc) => oc.column('uscc').doUpdateSet(changes))
        .execute();
    },

    /** The registry's record of the enterprise (defaults of a profile nobody saved yet; the region for scope). */
    registry: (uscc: string) =>
      db.kysely
        .selectFrom('enterprise_registry')
        .select(['uscc', 'name', 'division_code', 'industry_code', 'established_on', 'registered_capital', 'address'])
        .where('uscc', '=', uscc)
        .executeTakeFirst(),

    /** The enterprise's qualifications (认定情况), newest 认定 first. */
    qualifications: (uscc: string) =>
      db.kysely
        .selectFrom('qualifications')
        .select(['id', 'type', 'cert_no', 'batch', 'recognized_on', 'valid_until', 'status', 'authority', 'revoked_reason'])
        .where('uscc', '=', uscc)
        .orderBy('recognized_on', 'desc')
        .orderBy('id')
        .execute(),

    /** The real-name record of the account (企业名称, 法定代表人 come from here). */
    account: (accountId: string) =>
      db.kysely
        .selectFrom('accounts')
        .select(['id', 'status', 'user_type', 'realname_status', 'verified_uscc', 'enterprise_name', 'legal_rep_name_enc'])
        .where('id', '=', accountId)
        .executeTakeFirst(),
  };
}

export type EnterpriseProfilesRepo = ReturnType<typeof enterpriseProfilesRepo>;
