import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Clock } from '../../clock.js';
import type { AuditLog } from '../../security/audit.js';
import type { OperatorScope } from '../../security/region-scope.js';
import type { OperatorRepo } from '../../db/repos/operators.js';
import type { AuditRow, AuditSearchFilter, AuditSearchRepo } from '../../db/repos/audit-search.js';
import { AppError } from '../../errors.js';
import type { AuditFilter } from '../../../shared/schemas/admin-audit.js';
import { AUDIT_ACTOR_TYPE_LABELS, AUDIT_TARGET_TYPE_LABELS, auditActionLabel } from '../../../shared/audit-labels.js';
import { formatShanghaiDateTime } from '../../../shared/datetime.js';

const parseDetails = (text: string): Record<string, unknown> => {
  try {
    const value = JSON.parse(text) as unknown;
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
};

/** Details as one line of text for the export: `key: value；…` (values are masked at write). */
export const detailsText = (details: Record<string, unknown>) =>
  Object.entries(details)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join('；');

/**
 * 管理端 【审计日志】: only for operators marked 审计员 (issue 16: 部级; 省级 and 市级 never), checked
 * against the stored account on every call (a flag removed meanwhile counts at once).
 * Searching, exporting and checking the chain are themselves written to the log. Records
 * hold masked values only (security/audit.ts scrubs them at write), so nothing here shows a
 * full ID number or mobile.
 */
export function createAuditConsoleService(deps: { search: AuditSearchRepo; operators: OperatorRepo; audit: AuditLog; clock: Clock }) {
  const { search, operators, audit, clock } = deps;

  async function requireAuditor(scope: OperatorScope) {
    const me = await operators.byId(scope.operatorId);
    if (!me || me.status !== 'active' || me.is_auditor !== 1 || me.role !== 'ministry' || scope.role !== 'ministry') throw new AppError('AUDITOR_ONLY');
  }

  /** The typed filter as repository terms: names become the ids they stand for. */
  async function toRepoFilter(filter: AuditFilter): Promise<AuditSearchFilter> {
    return {
      from: filter.from ? new Date(filter.from).toISOString() : undefined,
      to: filter.to ? new Date(filter.to).toISOString() : undefined,
      actorIds: filter.actor ? await search.idsNamed(filter.actor) : undefined,
      action: filter.action || undefined,
      targetIds: filter.object ? await search.idsNamed(filter.object) : undefined,
    };
  }

  const logged = (scope: OperatorScope, action: string, ip: string, details: Record<string, unknown>) =>
    audit.append({ actorType: 'operator', actorId: scope.operatorId, action, targetType: 'audit_log', targetId: null, ip, details });

  /** What a filter was, for the record of a search or an export. */
  const filterDetails = (filter: AuditFilter) => Object.fromEntries(Object.entries({ from: filter.from, to: filter.to, actor: filter.actor, action: filter.action, object: filter.object }).filter(([, v]) => v));

  async function withNames(rows: AuditRow[]) {
    const names = await search.namesOf(rows.flatMap((r) => [r.actor_id, r.target_id]).filter((id): id is string => id !== null));
    return rows.map((r) => ({
      seq: Number(r.seq),
      at: r.at,
      actorType: r.actor_type,
      actorId: r.actor_id,
      actorName: r.actor_id ? (names.get(r.actor_id) ?? null) : null,
      action: r.action,
      targetType: r.target_type,
      targetId: r.target_id,
      targetName: r.target_id ? (names.get(r.target_id) ?? null) : null,
      ip: r.ip,
      details: parseDetails(r.details),
    }));
  }

  return {
    async search(scope: OperatorScope, input: AuditFilter & { page: number; pageSize: number; untilSeq?: number }, ip: string) {
      await requireAuditor(scope);
      const untilSeq = input.untilSeq ?? (await search.lastSeq());
      const { rows, total } = await search.page({ ...(await toRepoFilter(input)), untilSeq }, input.pageSize, (input.page - 1) * input.pageSize);
      const items = await withNames(rows);
      await logged(scope, 'audit.search', ip, { ...filterDetails(input), page: input.page });
      return { total, untilSeq, items };
    },

    async verify(scope: OperatorScope, ip: string) {
      await requireAuditor(scope);
      const result = await audit.verify();
      const checkedAt = clock.now().toISOString();
      await logged(scope, 'audit.verify', ip, { ok: result.ok, count: result.count });
      return result.ok
        ? { ok: true, count: result.count, firstBadSeq: null, reason: null, checkedAt }
        : { ok: false, count: result.count, firstBadSeq: result.firstBadSeq, reason: result.reason, checkedAt };
    },

    /**
     * 【导出】 the filtered records as XLSX, written row by row by exceljs's streaming writer
     * while the records are read in keyset pages: memory stays flat however many match.
     * The export is recorded before the first byte leaves.
     */
    async export(scope: OperatorScope, filter: AuditFilter, ip: string): Promise<{ stream: Readable; fileName: string }> {
      await requireAuditor(scope);
      const untilSeq = await search.lastSeq();
      const repoFilter = { ...(await toRepoFilter(filter)), untilSeq };
      await logged(scope, 'audit.export', ip, filterDetails(filter));
      const out = new PassThrough();
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
      const sheet = workbook.addWorksheet('审计日志');
      sheet.columns = [
        { header: '序号', key: 'seq', width: 10 },
        { header: '时间', key: 'at', width: 21 },
        { header: '操作人类型', key: 'actorType', width: 14 },
        { header: '操作人', key: 'actor', width: 28 },
        { header: '操作', key: 'action', width: 24 },
        { header: '对象类型', key: 'targetType', width: 16 },
        { header: '操作对象', key: 'target', width: 40 },
        { header: 'IP地址', key: 'ip', width: 18 },
        { header: '详情', key: 'details', width: 60 },
      ];
      void (async () => {
        let batch: AuditRow[] = [];
        const flush = async () => {
          for (const item of await withNames(batch)) {
            sheet
              .addRow({
                seq: item.seq,
                at: formatShanghaiDateTime(item.at),
                actorType: AUDIT_ACTOR_TYPE_LABELS[item.actorType] ?? item.actorType,
                actor: item.actorName ?? item.actorId ?? '',
                action: auditActionLabel(item.action),
                targetType: item.targetType ? (AUDIT_TARGET_TYPE_LABELS[item.targetType] ?? item.targetType) : '',
                target: item.targetName ? `${item.targetName}（${item.targetId}）` : (item.targetId ?? ''),
                ip: item.ip ?? '',
                details: detailsText(item.details),
              })
              .commit();
          }
          batch = [];
        };
        for await (const row of search.each(repoFilter)) {
          batch.push(row);
          if (batch.length >= 500) await flush();
        }
        await flush();
        sheet.commit();
        await workbook.commit();
      })().catch((error: unknown) => out.destroy(error as Error));
      const stamp = formatShanghaiDateTime(clock.now()).replace(/[-: ]/g, '').slice(0, 12);
      return { stream: out, fileName: `审计日志_${stamp}.xlsx` };
    },
  };
}

export type AuditConsoleService = ReturnType<typeof createAuditConsoleService>;
