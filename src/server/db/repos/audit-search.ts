import type { Selectable } from 'kysely';
import type { Db } from '../index.js';
import type { AuditLogTable } from '../schema.js';
import { loginNameKey } from './accounts.js';

/** 【审计日志】 search (the chain itself, append and verify, lives in security/audit.ts). */
export interface AuditSearchFilter {
  /** ISO instant, inclusive. */
  from?: string;
  /** ISO instant, exclusive. */
  to?: string;
  /** Any of these actor ids; an empty list matches nothing. */
  actorIds?: string[];
  action?: string;
  /** Any of these target ids; an empty list matches nothing. */
  targetIds?: string[];
  /** Records up to this seq only (a search's pages stay put while the log grows). */
  untilSeq?: number;
}

export type AuditRow = Selectable<AuditLogTable>;

export function auditSearchRepo(db: Db) {
  const q = db.kysely;

  const filtered = (f: AuditSearchFilter) => {
    let query = q.selectFrom('audit_log');
    if (f.from !== undefined) query = query.where('at', '>=', f.from);
    if (f.to !== undefined) query = query.where('at', '<', f.to);
    if (f.actorIds !== undefined) query = f.actorIds.length > 0 ? query.where('actor_id', 'in', f.actorIds) : query.where((eb) => eb.val(1), '=', 0);
    if (f.action !== undefined) query = query.where('action', '=', f.action);
    if (f.targetIds !== undefined) query = f.targetIds.length > 0 ? query.where('target_id', 'in', f.targetIds) : query.where((eb) => eb.val(1), '=', 0);
    if (f.untilSeq !== undefined) query = query.where('seq', '<=', f.untilSeq);
    return query;
  };

  return {
    async lastSeq(): Promise<number> {
      const head = await q.selectFrom('audit_head').select('seq').where('id', '=', 1).executeTakeFirst();
      return Number(head?.seq ?? 0);
    },

    /** One page, newest first, and how many match. */
    async page(f: AuditSearchFilter, limit: number, offset: number): Promise<{ rows: AuditRow[]; total: number }> {
      const [rows, count] = await Promise.all([
        filtered(f).selectAll().orderBy('seq', 'desc').limit(limit).offset(offset).execute(),
        filtered(f).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { rows: rows.map((r) => ({ ...r, seq: Number(r.seq) })), total: Number(count.n) };
    },

    /** Every match, newest first, in keyset pages (constant memory for an export). */
    async *each(f: AuditSearchFilter, pageSize = 1000): AsyncGenerator<AuditRow> {
      let before: number | undefined;
      for (;;) {
        let query = filtered(f).selectAll();
        if (before !== undefined) query = query.where('seq', '<', before);
        const rows = await query.orderBy('seq', 'desc').limit(pageSize).execute();
        for (const row of rows) yield { ...row, seq: Number(row.seq) };
        if (rows.length < pageSize) return;
        before = Number(rows[rows.length - 1].seq);
      }
    },

    /**
     * The ids a typed 操作人 or 操作对象 may stand for: itself (an id, a 受理编号, a USCC), the
     * 管理端 account of that 账号, the account of that 登录名, the accounts verified for that USCC.
     */
    async idsNamed(text: string): Promise<string[]> {
      const [operators, accounts] = await Promise.all([
        q.selectFrom('operators').select('id').where('username', '=', text).execute(),
        q
          .selectFrom('accounts')
          .select('id')
          .where((eb) => eb.or([eb('login_name_key', '=', loginNameKey(text)), eb('verified_uscc', '=', text.toUpperCase())]))
          .execute(),
      ]);
      return [...new Set([text, ...operators.map((r) => r.id), ...accounts.map((r) => r.id)])];
    },

    /** Readable names of operators (部级管理员（admin）) and accounts (their 登录名) by id. */
    async namesOf(ids: string[]): Promise<Map<string, string>> {
      const names = new Map<string, string>();
      const unique = [...new Set(ids)];
      for (let i = 0; i < unique.length; i += 500) {
        const chunk = unique.slice(i, i + 500);
        const [operators, accounts] = await Promise.all([
          q.selectFrom('operators').select(['id', 'username', 'display_name']).where('id', 'in', chunk).execute(),
          q.selectFrom('accounts').select(['id', 'login_name']).where('id', 'in', chunk).execute(),
        ]);
        for (const o of operators) names.set(o.id, `${o.display_name}（${o.username}）`);
        for (const a of accounts) names.set(a.id, a.login_name);
      }
      return names;
    },
  };
}

export type AuditSearchRepo = ReturnType<typeof auditSearchRepo>;
