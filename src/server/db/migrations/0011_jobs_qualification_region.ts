import { sql, type Kysely } from 'kysely';

/**
 * Background jobs (imports now; exports and recomputations later) and the region of each
 * qualification, so that a 省级 or 市级 operator's list is an indexed prefix match.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // One row per job. A process runs a job only after claiming it with a conditional update
  // (status 'queued' → 'running' with its lease); see docs/decisions/0011-background-jobs.md.
  await db.schema
    .createTable('jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('phase', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('params', 'text', (c) => c.notNull())
    .addColumn('progress_done', 'bigint', (c) => c.notNull())
    .addColumn('progress_total', 'bigint', (c) => c.notNull())
    .addColumn('checkpoint', 'bigint', (c) => c.notNull())
    .addColumn('result', 'text')
    .addColumn('error', 'text')
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'bigint')
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('jobs_status').on('jobs').columns(['status', 'created_at']).execute();
  await db.schema.createIndex('jobs_owner').on('jobs').columns(['owner_id', 'created_at']).execute();

  // The region of a qualification: the registry's division code of the enterprise, else the
  // USCC's (chars 3–8). Set on import; existing rows are filled here.
  await db.schema.alterTable('qualifications').addColumn('region_code', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.alterTable('qualifications').addColumn('revoked_at', 'text').execute();
  await db.schema.alterTable('qualifications').addColumn('revoked_by', 'text').execute();
  await sql`update qualifications set region_code = coalesce((select r.division_code from enterprise_registry r where r.uscc = qualifications.uscc), substr(uscc, 3, 6))`.execute(db);
  await db.schema.createIndex('qualifications_region').on('qualifications').columns(['region_code', 'type']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
