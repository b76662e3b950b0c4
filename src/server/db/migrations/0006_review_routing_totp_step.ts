import { SqliteAdapter, sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // SQLite runs migrations outside a transaction, and this one rebuilds a table: bring one.
  if (db.isTransaction) await migrate(db);
  else await db.transaction().execute(migrate);
}

async function migrate(db: Kysely<any>): Promise<void> {
  // ASVS 2.8.4: the last accepted TOTP time step of each operator; a login needs a later one.
  await db.schema
    .alterTable('operators')
    .addColumn('last_totp_step', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();

  // review_requests.region_code becomes nullable: NULL = 部级 only (a 手机号修改 whose target
  // account is unknown or unverified). SQLite cannot drop NOT NULL in place: rebuild the table.
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    await db.schema
      .createTable('review_requests_new')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('acceptance_no', 'text', (c) => c.notNull().unique())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('account_id', 'text')
      .addColumn('account_type', 'text', (c) => c.notNull())
      .addColumn('region_code', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('payload_enc', 'text', (c) => c.notNull())
      .addColumn('new_mobile_hash', 'text')
      .addColumn('files', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('decided_at', 'text')
      .addColumn('decided_by', 'text')
      .addColumn('reject_reason', 'text')
      .execute();
    await sql`insert into review_requests_new select id, acceptance_no, kind, account_id, account_type, region_code, status, payload_enc, new_mobile_hash, files, created_at, decided_at, decided_by, reject_reason from review_requests`.execute(db);
    await db.schema.dropTable('review_requests').execute();
    await db.schema.alterTable('review_requests_new').renameTo('review_requests').execute();
    await db.schema.createIndex('review_requests_queue').on('review_requests').columns(['status', 'region_code', 'created_at']).execute();
    await db.schema.createIndex('review_requests_account').on('review_requests').columns(['account_id', 'status']).execute();
  } else {
    await db.schema.alterTable('review_requests').alterColumn('region_code', (c) => c.dropNotNull()).execute();
  }

  // Pending 手机号修改 requests were routed by what the applicant typed (issue 11, finding 1):
  // until an operator decides them, only 部级 operators see them.
  await db.updateTable('review_requests').set({ region_code: null }).where('kind', '=', 'mobile_change').where('status', '=', 'pending').execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
