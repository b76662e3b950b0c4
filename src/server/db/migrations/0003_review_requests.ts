import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Requests that an operator decides in 管理端 【人工核验】: 实名认证 with other 证件类型 and
  // 手机号修改 by 人工核验. What the applicant typed is encrypted as one JSON document.
  await db.schema
    .createTable('review_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('acceptance_no', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text')
    .addColumn('account_type', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('payload_enc', 'text', (c) => c.notNull())
    .addColumn('new_mobile_hash', 'text')
    .addColumn('files', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('reject_reason', 'text')
    .execute();
  await db.schema.createIndex('review_requests_queue').on('review_requests').columns(['status', 'region_code', 'created_at']).execute();
  await db.schema.createIndex('review_requests_account').on('review_requests').columns(['account_id', 'status']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
