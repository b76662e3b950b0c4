import type { Kysely } from 'kysely';

/**
 * 管理端 【登记查询】 and 【工作台】 (issue 16): one row per registration with at least one
 * submitted version, holding what the console filters on and the payload keeps in JSON —
 * the enterprise's region (registry 住所 division code, else the USCC's; operators' scope),
 * industry (GB/T 4754 中类 and 门类), 企业规模 of the latest version and the first and latest
 * submission times. Kept in line by admin/registrations (catch-up of newer versions before
 * each query), so the platform's submission path stays untouched.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('registration_facets')
    .addColumn('registration_id', 'text', (c) => c.primaryKey())
    .addColumn('uscc', 'text', (c) => c.notNull())
    .addColumn('data_year', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('industry_code', 'text', (c) => c.notNull())
    .addColumn('section', 'text', (c) => c.notNull())
    .addColumn('size', 'text', (c) => c.notNull())
    .addColumn('first_submitted_at', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('registration_facets_region').on('registration_facets').columns(['region_code', 'submitted_at']).execute();
  await db.schema.createIndex('registration_facets_first').on('registration_facets').columns(['first_submitted_at']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
