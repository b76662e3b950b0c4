import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // 【审计日志】 is open to operators marked 审计员 only (issue 16); 0 for everyone until a 部级
  // operator marks one. Who created an account (null for seeded ones), for 【账号管理】.
  await db.schema.alterTable('operators').addColumn('is_auditor', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('operators').addColumn('created_by', 'text').execute();
  await db.schema.createIndex('operators_role_region').on('operators').columns(['role', 'region_code']).execute();

  // 【审计日志】 search by time range and action (actor and object have indexes since 0001).
  await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
  await db.schema.createIndex('audit_log_action').on('audit_log').columns(['action', 'seq']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
