import type { Kysely } from 'kysely';

/**
 * 企业信息 (企业信息管理 → 企业信息), one row per enterprise, keyed by the USCC of the verified
 * record. Every column but the key may be empty (the "complete" rule of form.md is code, not a
 * constraint: the registration saves its ① back into a partial row). 联系人, 联系人手机 and
 * 联系人邮箱 are encrypted (`_enc`). Money in 万元 as decimal text.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('enterprise_profiles')
    .addColumn('uscc', 'text', (c) => c.primaryKey())
    .addColumn('district_code', 'text')
    .addColumn('address_detail', 'text')
    .addColumn('established_on', 'text')
    .addColumn('registered_capital', 'text')
    .addColumn('company_type', 'text')
    .addColumn('industry_code', 'text')
    .addColumn('main_business', 'text')
    .addColumn('employees', 'integer')
    .addColumn('revenue', 'text')
    .addColumn('assets', 'text')
    .addColumn('contact_name_enc', 'text')
    .addColumn('contact_mobile_enc', 'text')
    .addColumn('contact_email_enc', 'text')
    .addColumn('business_address', 'text')
    .addColumn('website', 'text')
    .addColumn('listed', 'integer')
    .addColumn('listing_board', 'text')
    .addColumn('stock_code', 'text')
    .addColumn('intro', 'text')
    .addColumn('updated_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
