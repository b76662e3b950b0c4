import type { Db } from '../index.js';
import type { ReviewRequestTable, ReviewStatus } from '../schema.js';

/** 人工核验 requests: filed by the IdP, decided in 管理端. */
export function reviewRequestRepo(db: Db) {
  const q = db.kysely;
  return {
    async insert(row: ReviewRequestTable) {
      await q.insertInto('review_requests').values(row).execute();
    },
    byId: (id: string) => q.selectFrom('review_requests').selectAll().where('id', '=', id).executeTakeFirst(),
    byAcceptanceNo: (no: string) => q.selectFrom('review_requests').selectAll().where('acceptance_no', '=', no).executeTakeFirst(),
    pendingOfAccount: (accountId: string) =>
      q.selectFrom('review_requests').selectAll().where('account_id', '=', accountId).where('status', '=', 'pending').executeTakeFirst(),
    acceptanceNoTaken: async (no: string) => (await q.selectFrom('review_requests').select('id').where('acceptance_no', '=', no).executeTakeFirst()) !== undefined,
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
  };
}

export type ReviewRequestRepo = ReturnType<typeof reviewRequestRepo>;
