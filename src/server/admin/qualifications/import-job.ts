import crypto from 'node:crypto';
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import type { Clock } from '../../clock.js';
import { shanghaiDate } from '../../clock.js';
import type { Db } from '../../db/index.js';
import type { JobRepo } from '../../db/repos/jobs.js';
import type { QualificationImportRow, QualificationRepo } from '../../db/repos/qualifications.js';
import type { FileStorage } from '../../adapters/file-storage.js';
import type { EnterpriseRegistry } from '../../adapters/enterprise-registry.js';
import type { AuditLog } from '../../security/audit.js';
import type { OperatorRole } from '../../db/schema.js';
import type { JobContext, JobHandler, JobOutcome } from '../../jobs/runner.js';
import { JobLostError } from '../../jobs/runner.js';
import type { ImportFormat } from '../../../shared/qualification-import.js';
import type { QualificationType } from '../../../shared/qualification-labels.js';
import { columnLabels, mapHeader, parseRow, sameName, type ImportColumn, type ParsedRow, type RowError } from './import-format.js';
import { readRows } from './read-rows.js';

export const IMPORT_JOB_KIND = 'qualification-import';

export interface ImportParams {
  type: QualificationType;
  format: ImportFormat;
  fileId: string;
  fileName: string;
  bytes: number;
  sha256: string;
  /** Whose rows may be imported: the uploader's scope, taken again at 【确认导入】. */
  scope: { role: OperatorRole; regionCode: string };
}

export interface ImportCounts {
  /** Data rows in the file (blank rows not counted). */
  total: number;
  valid: number;
  invalid: number;
  errorCount: number;
  /** Of the valid rows: not yet stored, stored with other values, stored as they are. */
  inserted: number;
  updated: number;
  unchanged: number;
}

export interface PreviewRow {
  row: number;
  values: Record<ImportColumn, string>;
  ok: boolean;
}

export interface ImportResult extends ImportCounts {
  preview: PreviewRow[];
  errors: RowError[];
  errorReportId: string | null;
}

const BATCH = 1000;
const PREVIEW_ROWS = 10;
const LISTED_ERRORS = 100;

/** A 1,000-row slice of the file with the verdict on each row. */
interface Batch {
  rows: ParsedRow[];
  valid: (QualificationImportRow & { row: number; state: 'new' | 'changed' | 'same' })[];
  errors: RowError[];
  lastRow: number;
}

/**
 * The qualification import, in two phases of one job. 'check' reads the whole file and
 * finds every row error (the preview); 'import' — after the owner's 【确认导入】 — reads it
 * again and writes the valid rows, one transaction per 1,000 rows that also records the
 * checkpoint, so a job cut off mid-way resumes after its last committed batch and a batch is
 * never half-written. Writes are keyed upserts: importing the same file again changes nothing.
 */
export function createImportJob(deps: {
  db: Db;
  jobs: JobRepo;
  qualifications: QualificationRepo;
  registry: EnterpriseRegistry;
  files: FileStorage;
  audit: AuditLog;
  clock: Clock;
}): JobHandler {
  const { db, jobs, qualifications, registry, files, clock } = deps;

  return async function run(ctx: JobContext): Promise<JobOutcome | 'stopped'> {
    const params = JSON.parse(ctx.job.params) as ImportParams;
    const writing = ctx.job.phase === 'import';
    const today = shanghaiDate(clock.now());
    const labels = columnLabels(params.type);
    const source = await files.openPlainStream(params.fileId);
    if (!source) return { status: 'failed', error: '导入文件已不存在，请重新上传' };

    // Running totals survive a restart with the checkpoint (kept in `result` per batch).
    const resumed = writing && ctx.job.checkpoint > 0 && ctx.job.result ? (JSON.parse(ctx.job.result) as Partial<ImportCounts>) : {};
    const counts: ImportCounts = { total: 0, valid: 0, invalid: 0, errorCount: 0, inserted: resumed.inserted ?? 0, updated: resumed.updated ?? 0, unchanged: resumed.unchanged ?? 0 };
    const preview: PreviewRow[] = [];
    const listed: RowError[] = [];
    const firstRowOf = new Map<string, number>();
    let bytesRead = 0;

    const report = new PassThrough();
    const stored = files.putPlainStream(report);
    stored.catch(() => undefined);
    const writeReport = async (line: string) => {
      if (!report.write(line)) await once(report, 'drain');
    };
    await writeReport(`\uFEFF${['行号', '列', '错误原因', '统一社会信用代码'].map(csvCell).join(',')}\r\n`);

    let header: Record<ImportColumn, number> | null = null;
    let pending: ParsedRow[] = [];
    let pendingErrors: RowError[] = [];

    async function flush(lastRow: number): Promise<void> {
      const batch = await judge(pending, pendingErrors, lastRow);
      pending = [];
      pendingErrors = [];
      const invalidRows = new Set(batch.errors.map((e) => e.row));
      counts.total += batch.rows.length;
      counts.invalid += invalidRows.size;
      counts.valid += batch.valid.length;
      counts.errorCount += batch.errors.length;
      const usccOf = new Map(batch.rows.map((r) => [r.row, r.uscc]));
      for (const error of batch.errors) {
        if (listed.length < LISTED_ERRORS) listed.push(error);
        const uscc = usccOf.get(error.row) ?? '';
        await writeReport(`${[String(error.row), error.column, error.reason, uscc].map(csvCell).join(',')}\r\n`);
      }
      for (const r of batch.rows) {
        if (preview.length >= PREVIEW_ROWS) break;
        preview.push({ row: r.row, ok: !invalidRows.has(r.row), values: { uscc: r.uscc, name: r.name, certNo: r.certNo, batch: r.batch, recognizedOn: r.recognizedOn, validUntil: r.validUntil, authority: r.authority } });
      }
      const alreadyWritten = writing && lastRow <= ctx.job.checkpoint;
      if (!alreadyWritten) {
        for (const v of batch.valid) counts[v.state === 'new' ? 'inserted' : v.state === 'changed' ? 'updated' : 'unchanged']++;
      }
      if (writing && !alreadyWritten) {
        const now = clock.now().toISOString();
        await db.kysely.transaction().execute(async (trx) => {
          await qualifications.upsert(params.type, batch.valid.filter((v) => v.state !== 'same'), now, trx);
          const held = await jobs.progress(ctx.job.id, ctx.leaseOwner, { done: counts.valid, total: ctx.job.progress_total, checkpoint: lastRow, leaseUntil: ctx.leaseUntil(), now }, trx);
          if (!held) throw new JobLostError();
          await trx.updateTable('jobs').set({ result: JSON.stringify({ inserted: counts.inserted, updated: counts.updated, unchanged: counts.unchanged }) }).where('id', '=', ctx.job.id).execute();
        });
      } else if (writing) {
        await ctx.progress(counts.valid, ctx.job.progress_total);
      } else {
        await ctx.progress(bytesRead, params.bytes);
      }
    }

    /** File duplicates, the registry (name, region) and what is stored already. */
    async function judge(rows: ParsedRow[], errors: RowError[], lastRow: number): Promise<Batch> {
      const bad = new Set(errors.map((e) => e.row));
      const fail = (row: number, column: ImportColumn, reason: string) => {
        errors.push({ row, column: labels[column], reason });
        bad.add(row);
      };
      for (const r of rows) {
        if (bad.has(r.row)) continue;
        const key = fileKey(r.uscc, r.certNo);
        const first = firstRowOf.get(key);
        if (first !== undefined) fail(r.row, 'certNo', `与第${first}行重复（统一社会信用代码和${labels.certNo}相同）`);
        else firstRowOf.set(key, r.row);
      }
      const candidates = rows.filter((r) => !bad.has(r.row));
      const found = await registry.namesOf([...new Set(candidates.map((r) => r.uscc))]);
      const regionOf = new Map<number, string>();
      for (const r of candidates) {
        const entry = found.get(r.uscc);
        if (!entry) fail(r.row, 'uscc', '登记机关未查询到该统一社会信用代码');
        else if (!sameName(entry.name, r.name)) fail(r.row, 'name', '企业名称与登记机关登记的名称不一致');
        else if (params.scope.role !== 'ministry' && !entry.divisionCode.startsWith(params.scope.regionCode)) fail(r.row, 'uscc', '该企业不属于本省（区、市），无权导入');
        else regionOf.set(r.row, entry.divisionCode);
      }
      const good = rows.filter((r) => !bad.has(r.row));
      const stored = new Map((await qualifications.existing(params.type, [...new Set(good.map((r) => r.uscc))])).map((s) => [`${s.uscc}\u0000${s.cert_no}`, s]));
      const valid: Batch['valid'] = [];
      for (const r of good) {
        const old = stored.get(`${r.uscc}\u0000${r.certNo}`);
        if (old?.status === 'revoked') {
          fail(r.row, 'certNo', '该资质已撤销，不能通过导入恢复');
          continue;
        }
        const row = { uscc: r.uscc, certNo: r.certNo, batch: r.batch, recognizedOn: r.recognizedOn, validUntil: r.validUntil, authority: r.authority, regionCode: regionOf.get(r.row)! };
        const same = old && old.batch === row.batch && old.recognized_on === row.recognizedOn && old.valid_until === row.validUntil && old.authority === row.authority && old.region_code === row.regionCode;
        valid.push({ ...row, row: r.row, state: !old ? 'new' : same ? 'same' : 'changed' });
      }
      errors.sort((a, b) => a.row - b.row);
      return { rows, valid, errors, lastRow };
    }

    try {
      let lastRow = 0;
      for await (const { row, cells } of readRows(source, params.format, (n) => (bytesRead = n))) {
        if (!header) {
          const mapped = mapHeader(params.type, cells);
          if (!mapped.ok) {
            source.destroy();
            report.end();
            await files.removePlain((await stored).id);
            return { status: 'failed', error: `表头与模板不一致，缺少：${mapped.missing.join('、')}。请下载模板后按模板填写` };
          }
          header = mapped.index;
          continue;
        }
        const at = header;
        const parsed = parseRow(params.type, row, { uscc: cells[at.uscc], name: cells[at.name], certNo: cells[at.certNo], batch: cells[at.batch], recognizedOn: cells[at.recognizedOn], validUntil: cells[at.validUntil], authority: cells[at.authority] }, today);
        if (!parsed) continue;
        pending.push(parsed.row);
        pendingErrors.push(...parsed.errors);
        lastRow = row;
        if (pending.length >= BATCH) {
          await flush(lastRow);
          if (ctx.stopping()) {
            source.destroy();
            report.destroy();
            return 'stopped';
          }
        }
      }
      if (!header) {
        report.end();
        await files.removePlain((await stored).id);
        return { status: 'failed', error: '文件中没有数据，请按模板填写后重新上传' };
      }
      if (pending.length) await flush(lastRow);
      report.end();
    } catch (error) {
      source.destroy();
      report.destroy();
      if (error instanceof JobLostError) throw error;
      if (isParseError(error)) return { status: 'failed', error: '文件无法读取，请确认文件是按模板填写的CSV或XLSX文件' };
      throw error;
    }
    const reportFile = await stored;
    const errorReportId = counts.errorCount > 0 ? reportFile.id : null;
    if (!errorReportId) await files.removePlain(reportFile.id);
    const previous = ctx.job.result ? (JSON.parse(ctx.job.result) as Partial<ImportResult>) : {};
    if (previous.errorReportId && previous.errorReportId !== errorReportId) await files.removePlain(previous.errorReportId);
    const result: ImportResult = { ...counts, preview, errors: listed, errorReportId };

    if (!writing) {
      // The import phase counts its progress in valid rows.
      await jobs.progress(ctx.job.id, ctx.leaseOwner, { done: bytesRead, total: params.bytes, leaseUntil: ctx.leaseUntil(), now: clock.now().toISOString() });
      if (counts.total === 0) return { status: 'failed', error: '文件中没有数据，请按模板填写后重新上传' };
      return { status: 'waiting', result };
    }
    await deps.audit.append({
      actorType: 'operator',
      actorId: ctx.job.owner_id,
      action: 'qualification.import.done',
      targetType: 'job',
      targetId: ctx.job.id,
      details: { type: params.type, file: params.fileName, sha256: params.sha256, total: counts.total, inserted: counts.inserted, updated: counts.updated, unchanged: counts.unchanged, invalid: counts.invalid },
    });
    return { status: 'succeeded', result };
  };
}

/**
 * The in-file duplicate key of (USCC, 编号): 12 bytes of its SHA-1 as a short flat string. This
 * map is the one thing that grows with the file; full keys would cost about 230 MiB at
 * 1,000,000 rows, these about 60 MiB. Two different keys collide with a probability of about
 * n²/2^97 (1e-17 for a million rows).
 */
const fileKey = (uscc: string, certNo: string) => crypto.hash('sha1', `${uscc}\u0000${certNo}`, 'binary').slice(0, 12);

/** CSV cell for the error report: quoted, and never read as a formula by a spreadsheet. */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

function isParseError(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  if (typeof code === 'string' && code.startsWith('CSV_')) return true;
  const message = error instanceof Error ? error.message : '';
  return /zip|end of central directory|invalid signature|Corrupted|xml|sax/i.test(message);
}
