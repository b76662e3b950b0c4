import type { Kysely } from 'kysely';

/**
 * 金融机构端 (issue 17): partner institutions, their users (password + TOTP like operators),
 * the regions they serve, the 对接 records and the views of an enterprise's detail.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('institutions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();

  // Province (2 digits) or city (4 digits) division-code prefixes an institution serves.
  await db.schema
    .createTable('institution_regions')
    .addColumn('institution_id', 'text', (c) => c.notNull().references('institutions.id'))
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('institution_regions_pk', ['institution_id', 'region_code'])
    .execute();

  await db.schema
    .createTable('institution_users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('institution_id', 'text', (c) => c.notNull().references('institutions.id'))
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('totp_secret_enc', 'text')
    .addColumn('totp_enrolled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_totp_step', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  await db.schema.createIndex('institution_users_institution').on('institution_users').column('institution_id').execute();

  // 对接记录: one timeline per enterprise–institution pair. region_code: the enterprise's
  // region when recorded (for the 工作台 statistics by region).
  await db.schema
    .createTable('matchmaking_records')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('institution_id', 'text', (c) => c.notNull().references('institutions.id'))
    .addColumn('uscc', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('amount', 'text')
    .addColumn('rate', 'text')
    .addColumn('term_months', 'integer')
    .addColumn('reason', 'text')
    .addColumn('note', 'text')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('matchmaking_records_pair').on('matchmaking_records').columns(['institution_id', 'uscc', 'at']).execute();
  await db.schema.createIndex('matchmaking_records_uscc').on('matchmaking_records').columns(['uscc', 'at']).execute();

  // Every view of an enterprise's detail and every 【查看联系方式】 (the enterprise sees them).
  await db.schema
    .createTable('institution_views')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('institution_id', 'text', (c) => c.notNull().references('institutions.id'))
    .addColumn('uscc', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('institution_views_uscc').on('institution_views').columns(['uscc', 'at']).execute();

  // 企业名单: consenting enterprises in a region, by score.
  await db.schema.createIndex('financing_consents_consented').on('financing_consents').columns(['consented', 'uscc']).execute();
  await db.schema.createIndex('enterprise_registry_division').on('enterprise_registry').columns(['division_code']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
