import type { Db } from '../index.js';
import type { OperatorRole, OperatorTable } from '../schema.js';

/**
 * Which operator accounts a caller of 【账号管理】 may see and act on (admin/operators/policy.ts
 * derives it from the caller's scope). Every managed query below applies it, so an account
 * outside it is never read, listed or changed.
 */
export interface ManagedScope {
  /** Roles of the accounts in scope; null: every role. */
  roles: readonly OperatorRole[] | null;
  /** Division-code prefix of their regions; null: every region. */
  regionPrefix: string | null;
}

export interface OperatorListFilter {
  role?: OperatorRole;
  status?: OperatorTable['status'];
  /** Part of the 账号. */
  keyword?: string;
  limit: number;
  offset: number;
}

/** Region prefixes are digits and keywords [a-z0-9_] (validated before): no LIKE escaping needed. */

export function operatorRepo(db: Db) {
  const q = db.kysely;

  const managed = (scope: ManagedScope) => {
    let query = q.selectFrom('operators');
    if (scope.roles !== null) query = scope.roles.length > 0 ? query.where('role', 'in', [...scope.roles]) : query.where((eb) => eb.val(1), '=', 0);
    if (scope.regionPrefix !== null) query = query.where('region_code', 'like', `${scope.regionPrefix}%`);
    return query;
  };

  return {
    byUsername: (username: string) => q.selectFrom('operators').selectAll().where('username', '=', username).executeTakeFirst(),
    byId: (id: string) => q.selectFrom('operators').selectAll().where('id', '=', id).executeTakeFirst(),
    update: (id: string, changes: Partial<OperatorTable>) => q.updateTable('operators').set(changes).where('id', '=', id).execute(),
    /**
     * Records a TOTP time step as used, once: false when this step or a later one was
     * accepted before (a replayed code), so two logins racing with one code get one success.
     */
    async acceptTotpStep(id: string, step: number): Promise<boolean> {
      const result = await q.updateTable('operators').set({ last_totp_step: step }).where('id', '=', id).where('last_totp_step', '<', step).executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    // ---- 【账号管理】: always within a ManagedScope ------------------------------------------

    async listManaged(scope: ManagedScope, filter: OperatorListFilter) {
      let query = managed(scope);
      if (filter.role) query = query.where('role', '=', filter.role);
      if (filter.status) query = query.where('status', '=', filter.status);
      if (filter.keyword) query = query.where('username', 'like', `%${filter.keyword.toLowerCase()}%`);
      const [rows, count] = await Promise.all([
        query.selectAll().orderBy('created_at', 'desc').orderBy('username').limit(filter.limit).offset(filter.offset).execute(),
        query.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { rows, total: Number(count.n) };
    },

    byIdManaged: (scope: ManagedScope, id: string) => managed(scope).selectAll().where('id', '=', id).executeTakeFirst(),

    insert: (row: OperatorTable) => q.insertInto('operators').values(row).execute(),

    /** Changes an account in scope; false when there is none (so nothing outside it changes). */
    async updateManaged(scope: ManagedScope, id: string, changes: Partial<OperatorTable>): Promise<boolean> {
      let query = q.updateTable('operators').set(changes).where('id', '=', id);
      if (scope.roles !== null) query = scope.roles.length > 0 ? query.where('role', 'in', [...scope.roles]) : query.where((eb) => eb.val(1), '=', 0);
      if (scope.regionPrefix !== null) query = query.where('region_code', 'like', `${scope.regionPrefix}%`);
      const result = await query.executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    // ---- names for 【审计日志】 --------------------------------------------------------------

    namesByIds: (ids: string[]) => (ids.length === 0 ? Promise.resolve([]) : q.selectFrom('operators').select(['id', 'username', 'display_name']).where('id', 'in', ids).execute()),
    idByUsername: async (username: string) => (await q.selectFrom('operators').select('id').where('username', '=', username).executeTakeFirst())?.id,
  };
}

export type OperatorRepo = ReturnType<typeof operatorRepo>;
