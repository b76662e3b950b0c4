import type { Kysely } from 'kysely';
import { SEED_CATALOGUE } from '../../../shared/scoring/seed-catalogue.js';

/**
 * 创新积分 (form.md "Scoring"):
 * - indicator_catalogues: versions of the indicator catalogue (JSON within the bounds of
 *   shared/scoring/catalogue.ts); exactly one active. Seeded with the project's reconstruction.
 * - scores: the current score of each enterprise per 数据年度 (its latest submitted version):
 *   the scoring inputs in compact form (门类, founding year, the 18 values) so that a
 *   recomputation reads no registration payload, and the result (catalogue version, 发展阶段,
 *   peer group and its size, total in hundredths of a point, the 18 indicator scores in
 *   hundredths as a compact text). `run_id` null: the provisional score at 提交.
 * - score_runs: recomputations with progress, kept as history.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('indicator_catalogues')
    .addColumn('version', 'text', (c) => c.primaryKey())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  await db
    .insertInto('indicator_catalogues')
    .values({ version: SEED_CATALOGUE.version, body: JSON.stringify(SEED_CATALOGUE), active: 1, created_at: '2026-01-01T00:00:00.000Z', created_by: null })
    .execute();

  await db.schema
    .createTable('scores')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('uscc', 'text', (c) => c.notNull())
    .addColumn('data_year', 'integer', (c) => c.notNull())
    .addColumn('registration_id', 'text', (c) => c.notNull())
    .addColumn('version_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('section', 'text', (c) => c.notNull())
    .addColumn('founded_year', 'integer', (c) => c.notNull())
    .addColumn('vals', 'text', (c) => c.notNull())
    .addColumn('catalogue_version', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('peer_group', 'integer', (c) => c.notNull())
    .addColumn('peer_size', 'integer', (c) => c.notNull())
    .addColumn('total_hundredths', 'integer', (c) => c.notNull())
    .addColumn('breakdown', 'text', (c) => c.notNull())
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .addColumn('run_id', 'text')
    .addUniqueConstraint('scores_enterprise_year', ['uscc', 'data_year'])
    .execute();
  await db.schema.createIndex('scores_year_total').on('scores').columns(['data_year', 'total_hundredths']).execute();

  await db.schema
    .createTable('score_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('data_year', 'integer', (c) => c.notNull())
    .addColumn('catalogue_version', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('total_rows', 'integer', (c) => c.notNull())
    .addColumn('processed_rows', 'integer', (c) => c.notNull())
    .addColumn('changed_rows', 'integer', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('started_by', 'text')
    .addColumn('error', 'text')
    .execute();
  await db.schema.createIndex('score_runs_year').on('score_runs').columns(['data_year', 'started_at']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
