import type { Db } from '../index.js';
import type { ReviewRequestTable, ReviewStatus } from '../schema.js';
import { regionPattern, type OperatorScope } from '../../security/region-scope.js';

/**
 * 人工核验 requests: filed by the IdP, decided in 管理端. Operators reach them only through
 * the `InScope` queries, which filter by the operator's region here in the data layer (a
 * request without a region is for 部级 only).
 */
export function reviewRequestRepo(db: Db) {
  const q = db.kysely;
  const inScope = (scope: OperatorScope) => {
    const pattern = regionPattern(scope);
    const query = q.selectFrom('review_requests');
    return pattern === null ? query : query.where('region_code', 'like', pattern);
  };
  return {
    async insert(row: ReviewRequestTable) {
      await q.insertInto('review_requests').values(row).execute();
    },
    byAcceptanceNo: (no: string) => q.selectFrom('review_requests').selectAll().where('acceptance_no', '=', no).executeTakeFirst(),
    acceptanceNoTaken: async (no: string) => (await q.selectFrom('review_requests').select('id').where('acceptance_no', '=', no).executeTakeFirst()) !== undefined,

    async listInScope(scope: OperatorScope, filter: { status: ReviewStatus; limit: number; offset: number }) {
      const query = inScope(scope).where('status', '=', filter.status);
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
    byIdInScope: (scope: OperatorScope, id: string) => inScope(scope).selectAll().where('id', '=', id).executeTakeFirst(),

    /** Decides a pending request once: false when another operator was first. */
    async decide(id: string, status: Exclude<ReviewStatus, 'pending'>, by: string, at: string, rejectReason: string | null) {
      const result = await q
        .updateTable('review_requests')
        .set({ status, decided_by: by, decided_at: at, reject_reason: rejectReason })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    /** Back to the queue undecided, when an approved change could not be applied. */
    async reopen(id: string) {
      await q.updateTable('review_requests').set({ status: 'pending', decided_at: null, decided_by: null, reject_reason: null }).where('id', '=', id).execute();
    },
  };
}

export type ReviewRequestRepo = ReturnType<typeof reviewRequestRepo>;
