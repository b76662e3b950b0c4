import crypto from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Db } from '../index.js';
import type { Database, QualificationTable, QualificationType } from '../schema.js';

export type QualificationState = 'valid' | 'expired' | 'revoked';

export interface QualificationFilter {
  type?: QualificationType;
  state?: QualificationState;
  /** Division-code prefix asked for (2, 4 or 6 digits). */
  region?: string;
  /** A USCC (exact) or part of the enterprise name. */
  uscc?: string;
  name?: string;
  /** 'YYYY-MM-DD' (Asia/Shanghai): what 有效 / 已过期 mean today. */
  today: string;
}

/** The natural key's values an import writes. */
export interface QualificationImportRow {
  uscc: string;
  certNo: string;
  batch: string;
  recognizedOn: string;
  validUntil: string;
  authority: string;
  regionCode: string;
}

/**
 * Ids that sort by creation time (a UUIDv7-like layout): an import appends to the primary-key
 * index instead of inserting at random places in it, which keeps a 1,000,000-row import's
 * index pages in cache.
 */
let lastMs = 0;
let sequence = 0;
function sortableId(): string {
  const ms = Date.now();
  sequence = ms === lastMs ? sequence + 1 : 0;
  lastMs = ms;
  const hex = `${ms.toString(16).padStart(12, '0')}${sequence.toString(16).padStart(6, '0').slice(-6)}${crypto.randomBytes(7).toString('hex')}`;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

const likeEscape = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Qualifications (资质) as the 管理端 sees them. Every read and write that takes an operator's
 * region gets its division-code LIKE pattern (`regionPattern`), null for 部级: the scope is
 * applied here, in the data layer.
 */
export function qualificationRepo(db: Db) {
  const k = db.kysely;

  function scoped(pattern: string | null, filter: QualificationFilter) {
    let query = k.selectFrom('qualifications as q').leftJoin('enterprise_registry as r', 'r.uscc', 'q.uscc');
    if (pattern !== null) query = query.where('q.region_code', 'like', pattern);
    if (filter.region) query = query.where('q.region_code', 'like', `${filter.region}%`);
    if (filter.type) query = query.where('q.type', '=', filter.type);
    if (filter.state === 'revoked') query = query.where('q.status', '=', 'revoked');
    if (filter.state === 'valid') query = query.where('q.status', '=', 'active').where('q.valid_until', '>=', filter.today);
    if (filter.state === 'expired') query = query.where('q.status', '=', 'active').where('q.valid_until', '<', filter.today);
    if (filter.uscc) query = query.where('q.uscc', '=', filter.uscc);
    if (filter.name) query = query.where(sql<boolean>`r.name like ${`%${likeEscape(filter.name)}%`} escape '\\'`);
    return query;
  }

  return {
    async search(pattern: string | null, filter: QualificationFilter, page: number, pageSize: number) {
      const [rows, count] = await Promise.all([
        scoped(pattern, filter)
          .select(['q.id', 'q.uscc', 'q.type', 'q.cert_no', 'q.batch', 'q.recognized_on', 'q.valid_until', 'q.status', 'q.authority', 'q.revoked_reason', 'q.revoked_at', 'q.region_code', 'q.updated_at', 'r.name'])
          .orderBy('q.updated_at', 'desc')
          .orderBy('q.id')
          .limit(pageSize)
          .offset((page - 1) * pageSize)
          .execute(),
        scoped(pattern, filter)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow(),
      ]);
      return { rows, total: Number(count.n) };
    },

    byIdInScope(pattern: string | null, id: string) {
      let query = k.selectFrom('qualifications').selectAll().where('id', '=', id);
      if (pattern !== null) query = query.where('region_code', 'like', pattern);
      return query.executeTakeFirst();
    },

    /** 有效 → 已撤销, once (a second 撤销 or a concurrent one finds nothing to change). */
    async revoke(id: string, fields: { reason: string; by: string; now: string }, trx: Kysely<Database> = k): Promise<boolean> {
      const result = await trx
        .updateTable('qualifications')
        .set({ status: 'revoked', revoked_reason: fields.reason, revoked_at: fields.now, revoked_by: fields.by, updated_at: fields.now })
        .where('id', '=', id)
        .where('status', '=', 'active')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** The stored rows of one type for these USCCs (an import batch compares with them). */
    existing(type: QualificationType, usccs: readonly string[], trx: Kysely<Database> = k) {
      return trx
        .selectFrom('qualifications')
        .select(['uscc', 'cert_no', 'status', 'batch', 'recognized_on', 'valid_until', 'authority', 'region_code'])
        .where('type', '=', type)
        .where('uscc', 'in', [...usccs])
        .execute();
    },

    /**
     * Inserts new rows and updates changed ones, keyed by (USCC, 资质类型, 认定编号). A revoked
     * row is never brought back by an import (the WHERE of the update), and an unchanged one is
     * not written at all (its updated_at stays).
     */
    async upsert(type: QualificationType, rows: readonly QualificationImportRow[], now: string, trx: Kysely<Database>): Promise<void> {
      if (rows.length === 0) return;
      const values: QualificationTable[] = rows.map((r) => ({
        id: sortableId(),
        uscc: r.uscc,
        type,
        cert_no: r.certNo,
        batch: r.batch,
        recognized_on: r.recognizedOn,
        valid_until: r.validUntil,
        status: 'active',
        authority: r.authority,
        revoked_reason: null,
        created_at: now,
        updated_at: now,
        region_code: r.regionCode,
      }));
      await trx
        .insertInto('qualifications')
        .values(values)
        .onConflict((oc) =>
          oc
            .columns(['uscc', 'type', 'cert_no'])
            .doUpdateSet((eb) => ({
              batch: eb.ref('excluded.batch'),
              recognized_on: eb.ref('excluded.recognized_on'),
              valid_until: eb.ref('excluded.valid_until'),
              authority: eb.ref('excluded.authority'),
              region_code: eb.ref('excluded.region_code'),
              updated_at: eb.ref('excluded.updated_at'),
            }))
            .where('qualifications.status', '=', 'active'),
        )
        .execute();
    },
  };
}

export type QualificationRepo = ReturnType<typeof qualificationRepo>;
