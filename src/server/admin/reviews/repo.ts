import type { Db } from '../../db/index.js';
import type { ReviewStatus } from '../../db/schema.js';
import { regionPrefix, type OperatorScope } from '../scope.js';

/** The 人工核验 queue, always filtered by the operator's region here in the data layer. */
export function reviewQueueRepo(db: Db) {
  const q = db.kysely;
  return {
    async list(scope: OperatorScope, filter: { status: ReviewStatus; limit: number; offset: number }) {
      const prefix = regionPrefix(scope);
      let query = q.selectFrom('review_requests').where('status', '=', filter.status);
      if (prefix) query = query.where('region_code', 'like', prefix);
      const [rows, total] = await Promise.all([
        query
          .select(['id', 'acceptance_no', 'kind', 'account_type', 'region_code', 'status', 'created_at', 'decided_at', 'reject_reason', 'account_id'])
          .orderBy('created_at', filter.status === 'pending' ? 'asc' : 'desc')
          .limit(filter.limit)
          .offset(filter.offset)
          .execute(),
        query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { rows, total: Number(total.n) };
    },
    async byIdInScope(scope: OperatorScope, id: string) {
      const prefix = regionPrefix(scope);
      let query = q.selectFrom('review_requests').selectAll().where('id', '=', id);
      if (prefix) query = query.where('region_code', 'like', prefix);
      return query.executeTakeFirst();
    },
    async reopen(id: string) {
      await q.updateTable('review_requests').set({ status: 'pending', decided_at: null, decided_by: null, reject_reason: null }).where('id', '=', id).execute();
    },
  };
}

export type ReviewQueueRepo = ReturnType<typeof reviewQueueRepo>;
