import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // 统一登录系统 accounts. Personal data is encrypted (_enc) with a keyed lookup hash (_hash).
  await db.schema
    .createTable('accounts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('login_name', 'text', (c) => c.notNull())
    .addColumn('login_name_key', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('mobile_enc', 'text', (c) => c.notNull())
    .addColumn('mobile_hash', 'text', (c) => c.notNull())
    .addColumn('email_enc', 'text')
    .addColumn('email_hash', 'text')
    .addColumn('user_type', 'text')
    .addColumn('realname_status', 'text', (c) => c.notNull())
    // The uniqueness rule of 实名认证: one verified 法人 account per USCC, decided by the database.
    .addColumn('verified_uscc', 'text', (c) => c.unique())
    .addColumn('enterprise_name', 'text')
    .addColumn('legal_rep_name', 'text')
    .addColumn('person_name', 'text')
    .addColumn('id_number_enc', 'text')
    .addColumn('id_number_hash', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('verified_at', 'text')
    .addColumn('disabled_at', 'text')
    .execute();
  await db.schema.createIndex('accounts_mobile').on('accounts').column('mobile_hash').execute();
  await db.schema.createIndex('accounts_email').on('accounts').column('email_hash').execute();

  await db.schema
    .createTable('login_records')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('result', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('login_records_account_at').on('login_records').columns(['account_id', 'at']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
