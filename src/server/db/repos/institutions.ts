import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../index.js';
import type { InstitutionUserTable, MatchmakingRecordTable, OperatorTable, QualificationType } from '../schema.js';
import type { OperatorRepo } from './operators.js';

/** 企业名单 filters (validated before: codes are digits, methods from a fixed list). */
export interface InstitutionListFilter {
  /** Division-code prefix (2, 4 or 6 digits) inside the institution's regions. */
  region?: string;
  /** GB/T 4754 门类 letter (the scored section) or 大类 digits (prefix of the registry's industry). */
  industry?: string;
  qualification?: QualificationType;
  stage?: 'startup' | 'growth' | 'mature';
  /** Score band in hundredths of a point, inclusive. */
  scoreMin?: number;
  scoreMax?: number;
  /** 融资需求: amount range (万元), longest term wanted at least, a method. */
  amountMin?: number;
  amountMax?: number;
  termMin?: number;
  termMax?: number;
  method?: string;
  sort: 'score_desc' | 'score_asc';
  limit: number;
  offset: number;
}

/** The region of an enterprise for scopes: the registry's 住所 division code, else the USCC's. */
const regionOf = sql<string>`coalesce(r.division_code, substr(s.uscc, 3, 6))`;

/**
 * 金融机构端: institutions and their users, the 企业名单 over consenting submitted enterprises,
 * 对接 records and detail views. Every enterprise read takes the institution's regions and
 * the consent in the same query, so a withdrawal or another region answers nothing.
 */
export function institutionRepo(db: Db) {
  const k = db.kysely;
  const json = (path: string[]) =>
    db.dialect === 'postgres' ? sql<string | null>`(v.payload::jsonb #>> ${sql.lit(`{${path.join(',')}}`)})` : sql<string | null>`json_extract(v.payload, ${sql.lit(`$.${path.join('.')}`)})`;

  async function dataUseVersion(): Promise<number> {
    const row = await k.selectFrom('financing_notices').select((eb) => eb.fn.max('version').as('v')).where('changes_data_use', '=', 1).executeTakeFirst();
    return Number(row?.v ?? 0);
  }

  /** Scores of consenting enterprises in the regions, with their registry row and the scored version. */
  async function scoped(regions: readonly string[]) {
    const useVersion = await dataUseVersion();
    const base = k
      .selectFrom('scores as s')
      .innerJoin('financing_consents as c', 'c.uscc', 's.uscc')
      .innerJoin('registration_versions as v', 'v.id', 's.version_id')
      .leftJoin('enterprise_registry as r', 'r.uscc', 's.uscc')
      .where('c.consented', '=', 1)
      .where('c.notice_version', '>=', useVersion);
    // No regions: nothing (fails closed).
    return regions.length === 0 ? base.where((eb) => eb(eb.val(1), '=', 0)) : base.where((eb) => eb.or(regions.map((code) => eb(regionOf, 'like', `${code}%`))));
  }

  return {
    // ---- accounts ---------------------------------------------------------------------------
    userByUsername: (username: string) => k.selectFrom('institution_users').selectAll().where('username', '=', username).executeTakeFirst(),
    userById: (id: string) => k.selectFrom('institution_users').selectAll().where('id', '=', id).executeTakeFirst(),
    institutionById: (id: string) => k.selectFrom('institutions').selectAll().where('id', '=', id).executeTakeFirst(),
    async regionsOf(institutionId: string): Promise<string[]> {
      const rows = await k.selectFrom('institution_regions').select('region_code').where('institution_id', '=', institutionId).orderBy('region_code').execute();
      return rows.map((r) => r.region_code);
    },
    async listInstitutions(regionPrefix: string | null) {
      const rows = await k.selectFrom('institutions').selectAll().orderBy('created_at').execute();
      const regions = await k.selectFrom('institution_regions').selectAll().execute();
      const users = await k.selectFrom('institution_users').select(['id', 'institution_id', 'username', 'display_name', 'status', 'totp_enrolled']).orderBy('username').execute();
      return rows
        .map((i) => ({ ...i, regions: regions.filter((r) => r.institution_id === i.id).map((r) => r.region_code), users: users.filter((u) => u.institution_id === i.id) }))
        .filter((i) => regionPrefix === null || (i.regions.length > 0 && i.regions.every((code) => code.startsWith(regionPrefix))));
    },
    async createInstitution(input: { name: string; regions: string[]; user: Omit<InstitutionUserTable, 'id' | 'institution_id'>; by: string; at: string }) {
      return k.transaction().execute(async (trx) => {
        const id = crypto.randomUUID();
        await trx.insertInto('institutions').values({ id, name: input.name, status: 'active', created_at: input.at, created_by: input.by }).execute();
        for (const code of new Set(input.regions)) await trx.insertInto('institution_regions').values({ institution_id: id, region_code: code }).execute();
        const userId = crypto.randomUUID();
        await trx.insertInto('institution_users').values({ id: userId, institution_id: id, ...input.user }).execute();
        return { id, userId };
      });
    },
    updateUser: (id: string, changes: Partial<InstitutionUserTable>) => k.updateTable('institution_users').set(changes).where('id', '=', id).execute(),

    // ---- 企业名单 -----------------------------------------------------------------------------
    async list(regions: readonly string[], dataYear: number, filter: InstitutionListFilter) {
      let query = (await scoped(regions)).where('s.data_year', '=', dataYear);
      if (filter.region) query = query.where(regionOf, 'like', `${filter.region}%`);
      if (filter.industry) query = /^[A-T]$/.test(filter.industry) ? query.where('s.section', '=', filter.industry) : query.where('r.industry_code', 'like', `${filter.industry}%`);
      if (filter.stage) query = query.where('s.stage', '=', filter.stage);
      if (filter.scoreMin !== undefined) query = query.where('s.total_hundredths', '>=', filter.scoreMin);
      if (filter.scoreMax !== undefined) query = query.where('s.total_hundredths', '<=', filter.scoreMax);
      if (filter.qualification) {
        const type = filter.qualification;
        query = query.where((eb) => eb.exists(eb.selectFrom('qualifications as q').select('q.id').whereRef('q.uscc', '=', 's.uscc').where('q.type', '=', type).where('q.status', '=', 'active')));
      }
      const amount = sql<number>`cast(${json(['optional', 'financing', 'amount'])} as real)`;
      const term = sql<number>`cast(${json(['optional', 'financing', 'termMonths'])} as integer)`;
      if (filter.amountMin !== undefined) query = query.where(amount, '>=', filter.amountMin);
      if (filter.amountMax !== undefined) query = query.where(amount, '<=', filter.amountMax);
      if (filter.termMin !== undefined) query = query.where(term, '>=', filter.termMin);
      if (filter.termMax !== undefined) query = query.where(term, '<=', filter.termMax);
      if (filter.method) {
        const methods = db.dialect === 'postgres' ? sql<string>`coalesce(v.payload::jsonb #>> '{optional,financing,methods}', '')` : sql<string>`coalesce(json_extract(v.payload, '$.optional.financing.methods'), '')`;
        query = query.where(methods, 'like', `%"${filter.method}"%`);
      }
      const [rows, count] = await Promise.all([
        query
          .select(['s.uscc', 's.total_hundredths', 's.stage', 's.version_id', 'r.name', 'r.industry_code', 'v.payload'])
          .select(regionOf.as('region_code'))
          .orderBy('s.total_hundredths', filter.sort === 'score_asc' ? 'asc' : 'desc')
          .orderBy('s.uscc')
          .limit(filter.limit)
          .offset(filter.offset)
          .execute(),
        query.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { rows, total: Number(count.n) };
    },

    /** One enterprise if it is visible to the institution (in its regions, consenting, scored). */
    async visible(regions: readonly string[], uscc: string) {
      return (await scoped(regions))
        .where('s.uscc', '=', uscc)
        .select(['s.uscc', 's.total_hundredths', 's.stage', 's.data_year', 'r.name', 'r.industry_code', 'v.payload', 'v.submitted_at', 'v.version'])
        .select(regionOf.as('region_code'))
        .orderBy('s.data_year', 'desc')
        .limit(1)
        .executeTakeFirst();
    },

    nameOf: async (uscc: string) => (await k.selectFrom('enterprise_registry').select('name').where('uscc', '=', uscc).executeTakeFirst())?.name,

    async qualificationsOf(uscc: string) {
      return k.selectFrom('qualifications').select(['type', 'valid_until', 'status']).where('uscc', '=', uscc).where('status', '=', 'active').orderBy('type').execute();
    },

    // ---- 对接 and views ----------------------------------------------------------------------
    insertRecord: (row: MatchmakingRecordTable) => k.insertInto('matchmaking_records').values(row).execute(),
    recordsOfPair: (institutionId: string, uscc: string) =>
      k.selectFrom('matchmaking_records').selectAll().where('institution_id', '=', institutionId).where('uscc', '=', uscc).orderBy('at').orderBy('id').execute(),
    /** The institution's own 对接 entries (kept after a withdrawal), newest first. */
    recordsOfInstitution: (institutionId: string, limit: number, offset: number) =>
      k
        .selectFrom('matchmaking_records as m')
        .leftJoin('enterprise_registry as r', 'r.uscc', 'm.uscc')
        .selectAll('m')
        .select('r.name')
        .where('m.institution_id', '=', institutionId)
        .orderBy('m.at', 'desc')
        .orderBy('m.id')
        .limit(limit)
        .offset(offset)
        .execute(),
    insertView: (row: { institution_id: string; uscc: string; kind: 'detail' | 'contact'; user_id: string; at: string }) =>
      k.insertInto('institution_views').values({ id: crypto.randomUUID(), ...row }).execute(),

    /** For the enterprise's 【融资对接】: who viewed, who contacted, the outcomes. */
    async activityOf(uscc: string) {
      const views = await k
        .selectFrom('institution_views as w')
        .innerJoin('institutions as i', 'i.id', 'w.institution_id')
        .select(['w.id', 'w.kind', 'w.at', 'i.name as institution'])
        .where('w.uscc', '=', uscc)
        .orderBy('w.at', 'desc')
        .limit(200)
        .execute();
      const records = await k
        .selectFrom('matchmaking_records as m')
        .innerJoin('institutions as i', 'i.id', 'm.institution_id')
        .select(['m.id', 'm.outcome', 'm.amount', 'm.rate', 'm.term_months', 'm.reason', 'm.at', 'i.name as institution'])
        .where('m.uscc', '=', uscc)
        .orderBy('m.at', 'desc')
        .execute();
      return { views, records };
    },

    /**
     * 管理端 【工作台】 对接 statistics within a region prefix (null: all): enterprises contacted,
     * credit granted (count and 万元), by region (province) and by institution.
     */
    async matchmakingStats(scope: { regionPrefix: string | null }) {
      let query = k.selectFrom('matchmaking_records as m').innerJoin('institutions as i', 'i.id', 'm.institution_id');
      if (scope.regionPrefix) query = query.where('m.region_code', 'like', `${scope.regionPrefix}%`);
      const rows = await query.select(['m.uscc', 'm.outcome', 'm.amount', 'm.region_code', 'm.institution_id', 'i.name']).execute();
      const cents = (s: string | null) => (s ? Math.round(Number(s) * 100) : 0);
      type Bucket = { contacted: Set<string>; grantedCount: number; grantedCents: number };
      const bucket = (): Bucket => ({ contacted: new Set(), grantedCount: 0, grantedCents: 0 });
      const total = bucket();
      const byRegion = new Map<string, Bucket>();
      const byInstitution = new Map<string, Bucket & { name: string }>();
      for (const row of rows) {
        const region = row.region_code.slice(0, 2);
        const targets = [total, byRegion.get(region) ?? byRegion.set(region, bucket()).get(region)!, byInstitution.get(row.institution_id) ?? byInstitution.set(row.institution_id, { ...bucket(), name: row.name }).get(row.institution_id)!];
        for (const b of targets) {
          b.contacted.add(row.uscc);
          if (row.outcome === 'granted') {
            b.grantedCount += 1;
            b.grantedCents += cents(row.amount);
          }
        }
      }
      const out = (b: Bucket) => ({ contacted: b.contacted.size, grantedCount: b.grantedCount, grantedWan: (b.grantedCents / 100).toFixed(2) });
      return {
        total: out(total),
        byRegion: [...byRegion].map(([regionCode, b]) => ({ regionCode, ...out(b) })).sort((a, b) => a.regionCode.localeCompare(b.regionCode)),
        byInstitution: [...byInstitution].map(([institutionId, b]) => ({ institutionId, name: b.name, ...out(b) })).sort((a, b) => a.name.localeCompare(b.name)),
      };
    },

    /**
     * The operator login machinery (operator-auth/service.ts) over institution users: the
     * session gets a 省级 role with no region, which fails closed in every operator scope;
     * the 金融机构端 reads its regions from the institution on each request.
     */
    asOperatorRepo(): Pick<OperatorRepo, 'byUsername' | 'byId' | 'update' | 'acceptTotpStep'> {
      const asOperator = (u: InstitutionUserTable | undefined): OperatorTable | undefined =>
        u && { ...u, role: 'province', region_code: '', is_auditor: 0, last_totp_step: Number(u.last_totp_step) };
      return {
        byUsername: async (username) => asOperator(await k.selectFrom('institution_users').selectAll().where('username', '=', username).executeTakeFirst()),
        byId: async (id) => asOperator(await k.selectFrom('institution_users').selectAll().where('id', '=', id).executeTakeFirst()),
        update: async (id, changes) => {
          const { totp_secret_enc, totp_enrolled, last_totp_step, updated_at, password_hash } = changes;
          const set = Object.fromEntries(Object.entries({ totp_secret_enc, totp_enrolled, last_totp_step, updated_at, password_hash }).filter(([, v]) => v !== undefined));
          return k.updateTable('institution_users').set(set).where('id', '=', id).execute();
        },
        async acceptTotpStep(id, step) {
          const result = await k.updateTable('institution_users').set({ last_totp_step: step }).where('id', '=', id).where('last_totp_step', '<', step).executeTakeFirst();
          return Number(result.numUpdatedRows) === 1;
        },
      };
    },
  };
}

export type InstitutionRepo = ReturnType<typeof institutionRepo>;
