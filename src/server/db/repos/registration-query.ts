import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { Db } from '../index.js';
import type { Database, RegistrationFacetTable } from '../schema.js';
import type { QualificationType } from '../../../shared/qualification-labels.js';
import { institutionRepo } from './institutions.js';

/** A registration whose facets are missing or older than its latest version. */
export interface StaleFacet {
  registration_id: string;
  uscc: string;
  data_year: number;
  latest_version: number;
  payload: string;
  submitted_at: string;
  first_submitted_at: string;
  division_code: string | null;
}

export interface RegistrationFilter {
  /** Division-code prefix chosen in the filter (inside the operator's scope, which is applied besides). */
  region?: string;
  section?: string;
  qualification?: QualificationType;
  size?: string;
  stage?: 'startup' | 'growth' | 'mature';
  /** Hundredths of a point, both ends inclusive. */
  scoreMin?: number;
  scoreMax?: number;
  status?: 'submitted' | 'draft';
  dataYear?: number;
  /** ISO instants (the service turns Shanghai dates into them). */
  submittedFrom?: string;
  submittedBefore?: string;
  keyword?: string;
  /** 'YYYY-MM-DD': qualifications valid that day. */
  today: string;
}

export interface RegistrationRow {
  registration_id: string;
  uscc: string;
  data_year: number;
  version: number;
  region_code: string;
  industry_code: string;
  section: string;
  size: string;
  first_submitted_at: string;
  submitted_at: string;
  status: 'draft' | 'submitted';
  name: string | null;
  total_hundredths: number | null;
  stage: 'startup' | 'growth' | 'mature' | null;
}

type Query = SelectQueryBuilder<Database, 'registration_facets' | 'registrations' | 'enterprise_registry' | 'scores', object>;

/**
 * 【登记查询】 and 【工作台】 over registration_facets (0014). Every query takes the operator's
 * region LIKE pattern (null: 部级, everything) and applies it in SQL to the facet's region.
 */
export function registrationQueryRepo(db: Db) {
  const k = db.kysely;

  function base(pattern: string | null, f: RegistrationFilter): Query {
    let q = k
      .selectFrom('registration_facets')
      .innerJoin('registrations', 'registrations.id', 'registration_facets.registration_id')
      .leftJoin('enterprise_registry', 'enterprise_registry.uscc', 'registration_facets.uscc')
      .leftJoin('scores', (join) => join.onRef('scores.uscc', '=', 'registration_facets.uscc').onRef('scores.data_year', '=', 'registration_facets.data_year')) as unknown as Query;
    if (pattern !== null) q = q.where('registration_facets.region_code', 'like', pattern);
    if (f.region) q = q.where('registration_facets.region_code', 'like', `${f.region}%`);
    if (f.section) q = q.where('registration_facets.section', '=', f.section);
    if (f.size) q = q.where('registration_facets.size', '=', f.size);
    if (f.stage) q = q.where('scores.stage', '=', f.stage);
    if (f.scoreMin !== undefined) q = q.where('scores.total_hundredths', '>=', f.scoreMin);
    if (f.scoreMax !== undefined) q = q.where('scores.total_hundredths', '<=', f.scoreMax);
    if (f.status) q = q.where('registrations.status', '=', f.status);
    if (f.dataYear !== undefined) q = q.where('registration_facets.data_year', '=', f.dataYear);
    if (f.submittedFrom) q = q.where('registration_facets.submitted_at', '>=', f.submittedFrom);
    if (f.submittedBefore) q = q.where('registration_facets.submitted_at', '<', f.submittedBefore);
    if (f.keyword) {
      const keyword = f.keyword;
      q = q.where((eb) => eb.or([eb('registration_facets.uscc', '=', keyword.toUpperCase()), eb('enterprise_registry.name', 'like', `%${keyword.replace(/[%_\\]/g, '')}%`)]));
    }
    if (f.qualification) {
      const type = f.qualification;
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('qualifications')
            .select('qualifications.id')
            .whereRef('qualifications.uscc', '=', 'registration_facets.uscc')
            .where('qualifications.type', '=', type)
            .where('qualifications.status', '=', 'active')
            .where('qualifications.recognized_on', '<=', f.today)
            .where('qualifications.valid_until', '>=', f.today),
        ),
      );
    }
    return q;
  }

  const columns = [
    'registration_facets.registration_id',
    'registration_facets.uscc',
    'registration_facets.data_year',
    'registration_facets.version',
    'registration_facets.region_code',
    'registration_facets.industry_code',
    'registration_facets.section',
    'registration_facets.size',
    'registration_facets.first_submitted_at',
    'registration_facets.submitted_at',
    'registrations.status',
    'enterprise_registry.name',
    'scores.total_hundredths',
    'scores.stage',
  ] as const;

  return {
    /** Registrations with a submitted version whose facets are missing or older (a page of them). */
    async staleFacets(limit: number): Promise<StaleFacet[]> {
      return k
        .selectFrom('registrations as r')
        .innerJoin('registration_versions as v', (join) => join.onRef('v.registration_id', '=', 'r.id').onRef('v.version', '=', 'r.latest_version'))
        .leftJoin('registration_facets as f', 'f.registration_id', 'r.id')
        .leftJoin('enterprise_registry as e', 'e.uscc', 'r.uscc')
        .select((eb) => [
          'r.id as registration_id',
          'r.uscc',
          'r.data_year',
          'r.latest_version',
          'v.payload',
          'v.submitted_at',
          'e.division_code',
          eb
            .selectFrom('registration_versions as v1')
            .select((e2) => e2.fn.min('v1.submitted_at').as('first'))
            .whereRef('v1.registration_id', '=', 'r.id')
            .as('first_submitted_at'),
        ])
        .where('r.latest_version', '>', 0)
        .where((eb) => eb.or([eb('f.registration_id', 'is', null), eb('f.version', '<', eb.ref('r.latest_version'))]))
        .orderBy('r.id')
        .limit(limit)
        .execute() as Promise<StaleFacet[]>;
    },

    async upsertFacet(row: RegistrationFacetTable): Promise<void> {
      const { registration_id: _id, ...rest } = row;
      await k
        .insertInto('registration_facets')
        .values(row)
        .onConflict((oc) => oc.column('registration_id').doUpdateSet(rest))
        .execute();
    },

    async search(pattern: string | null, filter: RegistrationFilter, page: number, pageSize: number): Promise<{ rows: RegistrationRow[]; total: number }> {
      const q = base(pattern, filter);
      const count = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const rows = await q
        .select([...columns])
        .orderBy('registration_facets.submitted_at', 'desc')
        .orderBy('registration_facets.registration_id')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute();
      return { rows: rows as RegistrationRow[], total: Number(count.n) };
    },

    /** The filtered set in pages (for 【导出】), newest first; `after` is the last row's key. */
    async exportPage(pattern: string | null, filter: RegistrationFilter, after: { submittedAt: string; id: string } | null, limit: number): Promise<(RegistrationRow & { payload: string | null })[]> {
      let q = base(pattern, filter).leftJoin('registration_versions', (join) =>
        join.onRef('registration_versions.registration_id', '=', 'registration_facets.registration_id').onRef('registration_versions.version', '=', 'registration_facets.version'),
      ) as unknown as Query;
      if (after) {
        q = q.where((eb) =>
          eb.or([
            eb('registration_facets.submitted_at', '<', after.submittedAt),
            eb.and([eb('registration_facets.submitted_at', '=', after.submittedAt), eb('registration_facets.registration_id', '>', after.id)]),
          ]),
        );
      }
      const rows = await (q as unknown as SelectQueryBuilder<Database, 'registration_facets' | 'registrations' | 'enterprise_registry' | 'scores' | 'registration_versions', object>)
        .select([...columns, 'registration_versions.payload'])
        .orderBy('registration_facets.submitted_at', 'desc')
        .orderBy('registration_facets.registration_id')
        .limit(limit)
        .execute();
      return rows as (RegistrationRow & { payload: string | null })[];
    },

    async countOf(pattern: string | null, filter: RegistrationFilter): Promise<number> {
      const count = await base(pattern, filter).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return Number(count.n);
    },

    /** One registration inside the scope (object-level authorisation in the query). */
    async byIdInScope(pattern: string | null, id: string, today: string): Promise<RegistrationRow | undefined> {
      const row = await base(pattern, { today }).select([...columns]).where('registration_facets.registration_id', '=', id).executeTakeFirst();
      return row as RegistrationRow | undefined;
    },

    async versions(registrationId: string) {
      return k.selectFrom('registration_versions').selectAll().where('registration_id', '=', registrationId).orderBy('version', 'desc').execute();
    },

    async scoreOf(uscc: string, dataYear: number) {
      return k.selectFrom('scores').selectAll().where('uscc', '=', uscc).where('data_year', '=', dataYear).executeTakeFirst();
    },

    async activeCatalogueBody(): Promise<string | undefined> {
      return (await k.selectFrom('indicator_catalogues').select('body').where('active', '=', 1).executeTakeFirst())?.body;
    },

    async qualificationsOf(uscc: string) {
      return k.selectFrom('qualifications').select(['type', 'cert_no', 'recognized_on', 'valid_until', 'status']).where('uscc', '=', uscc).orderBy('recognized_on', 'desc').execute();
    },

    // ---- 【工作台】 ----------------------------------------------------------------------------

    /** 对接 statistics of the 金融机构端 (institutions repo) inside a division-code prefix (null: all). */
    matchmakingStats: (regionPrefix: string | null) => institutionRepo(db).matchmakingStats({ regionPrefix }),

    /** All accounts (部级 only: an account has no region) and the verified 法人 of the region. */
    async accountTotals(pattern: string | null): Promise<{ accounts: number | null; verifiedLegal: number }> {
      let legal = k
        .selectFrom('accounts')
        .leftJoin('enterprise_registry', 'enterprise_registry.uscc', 'accounts.verified_uscc')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('accounts.user_type', '=', 'legal')
        .where('accounts.realname_status', '=', 'verified');
      if (pattern !== null) legal = legal.where(sql<string>`coalesce(enterprise_registry.division_code, substr(accounts.verified_uscc, 3, 6))`, 'like', pattern);
      const verifiedLegal = Number((await legal.executeTakeFirstOrThrow()).n);
      if (pattern !== null) return { accounts: null, verifiedLegal };
      const all = await k.selectFrom('accounts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return { accounts: Number(all.n), verifiedLegal };
    },

    /** Enterprises with a qualification valid today, in the region. */
    async eligibleEnterprises(pattern: string | null, today: string): Promise<number> {
      let q = k
        .selectFrom('qualifications')
        .select((eb) => eb.fn.count<number>('qualifications.uscc').distinct().as('n'))
        .where('status', '=', 'active')
        .where('recognized_on', '<=', today)
        .where('valid_until', '>=', today);
      if (pattern !== null) q = q.where('region_code', 'like', pattern);
      return Number((await q.executeTakeFirstOrThrow()).n);
    },

    async qualificationsByType(pattern: string | null, today: string): Promise<{ key: string; n: number }[]> {
      let q = k
        .selectFrom('qualifications')
        .select((eb) => ['type as key', eb.fn.count<number>('qualifications.uscc').distinct().as('n')])
        .where('status', '=', 'active')
        .where('recognized_on', '<=', today)
        .where('valid_until', '>=', today)
        .groupBy('type');
      if (pattern !== null) q = q.where('region_code', 'like', pattern);
      return (await q.execute()).map((r) => ({ key: String(r.key), n: Number(r.n) }));
    },

    /** Count of facets grouped by an expression (region prefix, section, first-submission day). */
    async facetCounts(pattern: string | null, dataYear: number | null, by: 'province' | 'city' | 'section' | 'day', since?: string): Promise<{ key: string; n: number }[]> {
      const expr =
        by === 'province'
          ? sql<string>`substr(region_code, 1, 2)`
          : by === 'city'
            ? sql<string>`substr(region_code, 1, 4)`
            : by === 'section'
              ? sql<string>`section`
              : // Shanghai calendar day of the first submission.
                db.dialect === 'postgres'
                ? sql<string>`to_char((first_submitted_at::timestamptz at time zone 'Asia/Shanghai'), 'YYYY-MM-DD')`
                : sql<string>`substr(datetime(first_submitted_at, '+8 hours'), 1, 10)`;
      let q = (k as Kysely<Database>)
        .selectFrom('registration_facets')
        .select((eb) => [expr.as('key'), eb.fn.countAll<number>().as('n')])
        .groupBy(expr);
      if (pattern !== null) q = q.where('region_code', 'like', pattern);
      if (dataYear !== null) q = q.where('data_year', '=', dataYear);
      if (since) q = q.where('first_submitted_at', '>=', since);
      return (await q.execute()).map((r) => ({ key: String(r.key), n: Number(r.n) }));
    },

    /** 创新积分 (0–1000) of the region's registrations in 100-point buckets (0–99.99 … 900–1000). */
    async scoreBuckets(pattern: string | null, dataYear: number | null): Promise<{ key: number; n: number }[]> {
      const bucket = sql<number>`case when scores.total_hundredths >= 90000 then 9 else scores.total_hundredths / 10000 end`;
      let q = k
        .selectFrom('registration_facets')
        .innerJoin('scores', (join) => join.onRef('scores.uscc', '=', 'registration_facets.uscc').onRef('scores.data_year', '=', 'registration_facets.data_year'))
        .select((eb) => [bucket.as('key'), eb.fn.countAll<number>().as('n')])
        .where('scores.peer_size', '>', 0)
        .groupBy(bucket);
      if (pattern !== null) q = q.where('registration_facets.region_code', 'like', pattern);
      if (dataYear !== null) q = q.where('registration_facets.data_year', '=', dataYear);
      return (await q.execute()).map((r) => ({ key: Math.floor(Number(r.key)), n: Number(r.n) }));
    },
  };
}

export type RegistrationQueryRepo = ReturnType<typeof registrationQueryRepo>;
