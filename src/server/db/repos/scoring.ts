import { sql } from 'kysely';
import type { Db } from '../index.js';
import type { ScoreRunTable, ScoreTable } from '../schema.js';

/** Columns a recomputation reads per enterprise (no registration payload). */
export type ScoreInputRow = Pick<ScoreTable, 'id' | 'uscc' | 'section' | 'founded_year' | 'vals' | 'catalogue_version' | 'stage' | 'peer_group' | 'peer_size' | 'total_hundredths' | 'breakdown'>;
export type ScoreResultColumns = Pick<ScoreTable, 'catalogue_version' | 'stage' | 'peer_group' | 'peer_size' | 'total_hundredths' | 'breakdown' | 'computed_at' | 'run_id'>;

/** A latest submitted version whose score row is missing or older (the population's source of truth). */
export interface UnscoredVersion {
  registration_id: string;
  version_id: string;
  version: number;
  uscc: string;
  payload: string;
}

/** 创新积分: catalogue versions, current scores per enterprise and 数据年度, recomputation runs. */
export function scoringRepo(db: Db) {
  const k = db.kysely;
  return {
    async activeCatalogue(): Promise<{ version: string; body: string } | undefined> {
      return k.selectFrom('indicator_catalogues').select(['version', 'body']).where('active', '=', 1).executeTakeFirst();
    },

    /** Inserts or replaces the score of (uscc, 数据年度). */
    async upsertScore(row: ScoreTable): Promise<void> {
      const { id: _id, uscc: _uscc, data_year: _year, ...rest } = row;
      await k
        .insertInto('scores')
        .values(row)
        .onConflict((oc) => oc.columns(['uscc', 'data_year']).doUpdateSet(rest))
        .execute();
    },

    /** The enterprise's score of its latest 数据年度. */
    async latestScoreOf(uscc: string): Promise<ScoreTable | undefined> {
      return k.selectFrom('scores').selectAll().where('uscc', '=', uscc).orderBy('data_year', 'desc').limit(1).executeTakeFirst();
    },

    /** Latest submitted versions of the 数据年度 without a score row of that version (after imports, a failed provisional score). */
    async unscoredVersions(dataYear: number, limit: number): Promise<UnscoredVersion[]> {
      return k
        .selectFrom('registrations as r')
        .innerJoin('registration_versions as v', (j) => j.onRef('v.registration_id', '=', 'r.id').onRef('v.version', '=', 'r.latest_version'))
        .leftJoin('scores as s', (j) => j.onRef('s.uscc', '=', 'r.uscc').onRef('s.data_year', '=', 'r.data_year'))
        .select(['r.id as registration_id', 'v.id as version_id', 'v.version', 'r.uscc', 'v.payload'])
        .where('r.data_year', '=', dataYear)
        .where('r.latest_version', '>', 0)
        .where((eb) => eb.or([eb('s.id', 'is', null), eb('s.version_id', '<>', eb.ref('v.id'))]))
        .orderBy('r.id')
        .limit(limit)
        .execute();
    },

    /** One page of the 数据年度's score rows by id (keyset: rows after `afterId`). */
    async scoreInputsPage(dataYear: number, afterId: string, limit: number): Promise<ScoreInputRow[]> {
      return k
        .selectFrom('scores')
        .select(['id', 'uscc', 'section', 'founded_year', 'vals', 'catalogue_version', 'stage', 'peer_group', 'peer_size', 'total_hundredths', 'breakdown'])
        .where('data_year', '=', dataYear)
        .where('id', '>', afterId)
        .orderBy('id')
        .limit(limit)
        .execute();
    },

    /**
     * Writes the results of changed rows, one transaction per call: one UPDATE … FROM (VALUES …)
     * per 500 rows (SQLite ≥ 3.33 and PostgreSQL), not one statement per row.
     */
    async updateResults(rows: readonly (ScoreResultColumns & { id: string })[]): Promise<void> {
      if (rows.length === 0) return;
      await k.transaction().execute(async (trx) => {
        for (let i = 0; i < rows.length; i += 500) {
          const values = sql.join(
            rows.slice(i, i + 500).map((r) => sql`(${r.id}, ${r.catalogue_version}, ${r.stage}, ${r.peer_group}, ${r.peer_size}, ${r.total_hundredths}, ${r.breakdown}, ${r.computed_at}, ${r.run_id})`),
          );
          await sql`WITH v(id, catalogue_version, stage, peer_group, peer_size, total_hundredths, breakdown, computed_at, run_id) AS (VALUES ${values})
            UPDATE scores SET catalogue_version = v.catalogue_version, stage = v.stage, peer_group = CAST(v.peer_group AS integer),
              peer_size = CAST(v.peer_size AS integer), total_hundredths = CAST(v.total_hundredths AS integer), breakdown = v.breakdown,
              computed_at = v.computed_at, run_id = v.run_id
            FROM v WHERE scores.id = v.id`.execute(trx);
        }
      });
    },

    async insertRun(run: ScoreRunTable): Promise<void> {
      await k.insertInto('score_runs').values(run).execute();
    },
    async updateRun(id: string, values: Partial<Omit<ScoreRunTable, 'id'>>): Promise<void> {
      await k.updateTable('score_runs').set(values).where('id', '=', id).execute();
    },
    /** Start of the newest finished recomputation of the 数据年度. */
    async lastDoneRunStart(dataYear: number): Promise<string | null> {
      const row = await k.selectFrom('score_runs').select('started_at').where('data_year', '=', dataYear).where('status', '=', 'done').orderBy('started_at', 'desc').limit(1).executeTakeFirst();
      return row?.started_at ?? null;
    },
    async runs(dataYear: number, limit = 20): Promise<ScoreRunTable[]> {
      return k.selectFrom('score_runs').selectAll().where('data_year', '=', dataYear).orderBy('started_at', 'desc').limit(limit).execute();
    },
  };
}

export type ScoringRepo = ReturnType<typeof scoringRepo>;
