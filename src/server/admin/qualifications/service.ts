import crypto from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Clock } from '../../clock.js';
import { shanghaiDate } from '../../clock.js';
import type { Db } from '../../db/index.js';
import type { Job, JobRepo } from '../../db/repos/jobs.js';
import type { QualificationRepo } from '../../db/repos/qualifications.js';
import type { FileStorage } from '../../adapters/file-storage.js';
import type { AuditLog } from '../../security/audit.js';
import { regionPattern, type OperatorScope } from '../../security/region-scope.js';
import { FILE_MAGIC } from '../../security/pii-crypto.js';
import { AppError } from '../../errors.js';
import { IMPORT_JOB_KIND, type ImportParams, type ImportResult } from './import-job.js';
import { columnLabels, IMPORT_COLUMNS } from './import-format.js';
import { importTemplateTitle, JOB_STATUS_LABELS, mayImport, mayRevoke, QUALIFICATION_STATE_LABELS, type ImportFormat } from '../../../shared/qualification-import.js';
import { QUALIFICATION_TYPE_LABELS, type QualificationType } from '../../../shared/qualification-labels.js';
import type { ImportJobView, QualificationItem, QualificationSearch } from '../../../shared/schemas/qualifications.js';
import { normalizeUscc, USCC_SHAPE } from '../../../shared/validators/index.js';

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/**
 * 【资质管理】: the list (scoped to the operator's region in the repo), 【撤销】, and 【导入】 as a
 * background job (import-job.ts). Who may do what is decided here, not in the page:
 * import of 专精特新“小巨人”企业 only 部级, other types 部级 and 省级 (rows of its province),
 * 市级 neither; 【撤销】 the same, on rows of the operator's region.
 */
export function createQualificationService(deps: { db: Db; qualifications: QualificationRepo; jobs: JobRepo; files: FileStorage; audit: AuditLog; clock: Clock; kick(): void }) {
  const { db, qualifications, jobs, files, audit, clock } = deps;
  const now = () => clock.now().toISOString();

  async function ownJob(scope: OperatorScope, id: string): Promise<Job & { parsed: ImportParams }> {
    const job = await jobs.byIdOfOwner(id, scope.operatorId);
    if (!job || job.kind !== IMPORT_JOB_KIND) throw new AppError('NOT_FOUND');
    return { ...job, parsed: JSON.parse(job.params) as ImportParams };
  }

  return {
    async search(scope: OperatorScope, query: QualificationSearch & { page: number; pageSize: number }): Promise<{ items: QualificationItem[]; total: number }> {
      const pattern = regionPattern(scope);
      const today = shanghaiDate(clock.now());
      const keyword = query.keyword?.trim() ?? '';
      const uscc = USCC_SHAPE.test(normalizeUscc(keyword)) ? normalizeUscc(keyword) : undefined;
      const { rows, total } = await qualifications.search(pattern, { type: query.type, state: query.state, region: query.region, uscc, name: !uscc && keyword ? keyword : undefined, today }, query.page, query.pageSize);
      return {
        total,
        items: rows.map((r) => {
          const state = r.status === 'revoked' ? 'revoked' : r.valid_until < today ? 'expired' : 'valid';
          return {
            id: r.id,
            uscc: r.uscc,
            enterpriseName: r.name,
            type: r.type,
            typeLabel: QUALIFICATION_TYPE_LABELS[r.type],
            certNo: r.cert_no,
            batch: r.batch,
            recognizedOn: r.recognized_on,
            validUntil: r.valid_until,
            state,
            stateLabel: QUALIFICATION_STATE_LABELS[state],
            authority: r.authority,
            regionCode: r.region_code,
            revokedReason: r.revoked_reason,
            revokedAt: r.revoked_at ?? null,
            canRevoke: r.status === 'active' && mayRevoke(scope.role, r.type),
          };
        }),
      };
    },

    /** 【撤销】 with a reason: the 去登记 gate reads the same row, so eligibility ends at once. */
    async revoke(scope: OperatorScope, id: string, reason: string, ip: string) {
      const row = await qualifications.byIdInScope(regionPattern(scope), id);
      if (!row) throw new AppError('NOT_FOUND');
      if (!mayRevoke(scope.role, row.type)) throw new AppError('FORBIDDEN');
      await db.kysely.transaction().execute(async (trx) => {
        if (!(await qualifications.revoke(id, { reason, by: scope.operatorId, now: now() }, trx))) throw new AppError('QUALIFICATION_ALREADY_REVOKED');
        await audit.append(
          { actorType: 'operator', actorId: scope.operatorId, action: 'qualification.revoke', targetType: 'qualification', targetId: id, ip, details: { uscc: row.uscc, type: row.type, certNo: row.cert_no, reason } },
          trx,
        );
      });
    },

    /** The blank template of a type: the header row (and, in XLSX, a sheet 填写说明). */
    async template(type: QualificationType, format: ImportFormat): Promise<{ fileName: string; contentType: string; content: Buffer }> {
      const labels = columnLabels(type);
      const header = IMPORT_COLUMNS.map((c) => labels[c]);
      const base = `${importTemplateTitle(type)}导入模板`;
      if (format === 'csv') {
        return { fileName: `${base}.csv`, contentType: 'text/csv; charset=utf-8', content: Buffer.from(`\uFEFF${header.join(',')}\r\n`, 'utf8') };
      }
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet(importTemplateTitle(type));
      sheet.columns = header.map((h) => ({ header: h, width: Math.max(14, h.length * 3) }));
      sheet.getRow(1).font = { bold: true };
      // Text cells, so that Excel keeps leading zeros and long codes as typed.
      for (let c = 1; c <= header.length; c++) sheet.getColumn(c).numFmt = '@';
      const notes = workbook.addWorksheet('填写说明');
      notes.columns = [{ width: 20 }, { width: 70 }];
      notes.addRows([
        ['列', '说明'],
        [labels.uscc, '18位统一社会信用代码，必填'],
        [labels.name, '与登记机关登记的企业名称一致，必填'],
        [labels.certNo, '同一企业同一资质类型下唯一；重复导入同一编号将更新该条记录'],
        [labels.batch, `如“${new Date().getFullYear()}年第一批”，必填`],
        [labels.recognizedOn, 'YYYY-MM-DD，如 2025-03-15，不能晚于今天'],
        [labels.validUntil, `YYYY-MM-DD，不能早于${labels.recognizedOn}`],
        [labels.authority, '必填'],
        ['说明', '数据从第2行开始填写，每行一家企业；仅读取第一个工作表'],
      ]);
      return { fileName: `${base}.xlsx`, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', content: Buffer.from(await workbook.xlsx.writeBuffer()) };
    },

    /**
     * 【导入】 step 1: the file is streamed to storage (plain: a qualification list holds no
     * personal data) and a job checks it in the background; the page polls `job`.
     */
    async upload(scope: OperatorScope, input: { type: QualificationType; fileName: string; file: Readable; truncated: () => boolean }, ip: string): Promise<{ id: string }> {
      if (!mayImport(scope.role, input.type)) {
        input.file.resume();
        throw new AppError('FORBIDDEN');
      }
      const hash = crypto.createHash('sha256');
      let head = Buffer.alloc(0);
      const inspect = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          hash.update(chunk);
          if (head.length < 4096) head = Buffer.concat([head, chunk.subarray(0, 4096 - head.length)]);
          done(null, chunk);
        },
      });
      const stored = await files.putPlainStream(input.file.pipe(inspect));
      const format = formatOf(head, input.fileName);
      if (input.truncated() || !format || stored.bytes === 0) {
        await files.removePlain(stored.id);
        if (input.truncated()) throw new AppError('IMPORT_TOO_LARGE');
        if (stored.bytes === 0) throw new AppError('UPLOAD_REQUIRED');
        throw new AppError('IMPORT_FILE_TYPE');
      }
      const params: ImportParams = { type: input.type, format, fileId: stored.id, fileName: input.fileName.slice(0, 200), bytes: stored.bytes, sha256: hash.digest('hex'), scope: { role: scope.role, regionCode: scope.regionCode } };
      const job = await jobs.create({ kind: IMPORT_JOB_KIND, phase: 'check', ownerId: scope.operatorId, params, now: now() });
      await audit.append({ actorType: 'operator', actorId: scope.operatorId, action: 'qualification.import.upload', targetType: 'job', targetId: job.id, ip, details: { type: input.type, file: params.fileName, bytes: stored.bytes, sha256: params.sha256 } });
      deps.kick();
      return { id: job.id };
    },

    async job(scope: OperatorScope, id: string): Promise<ImportJobView> {
      const job = await ownJob(scope, id);
      const labels = columnLabels(job.parsed.type);
      const result = job.result && (job.status === 'waiting' || job.status === 'succeeded' || job.status === 'cancelled') ? (JSON.parse(job.result) as ImportResult) : null;
      const finished = job.status === 'waiting' || job.status === 'succeeded';
      const percent = finished ? 100 : job.progress_total > 0 ? Math.min(99, Math.floor((job.progress_done / job.progress_total) * 100)) : 0;
      return {
        id: job.id,
        status: job.status,
        statusLabel: JOB_STATUS_LABELS[job.status],
        phase: job.phase === 'import' ? 'import' : 'check',
        type: job.parsed.type,
        typeLabel: QUALIFICATION_TYPE_LABELS[job.parsed.type],
        fileName: job.parsed.fileName,
        progress: { done: job.progress_done, total: job.progress_total, percent },
        error: job.error,
        columns: IMPORT_COLUMNS.map((c) => labels[c]),
        result: result && {
          total: result.total,
          valid: result.valid,
          invalid: result.invalid,
          errorCount: result.errorCount,
          inserted: result.inserted,
          updated: result.updated,
          unchanged: result.unchanged,
          preview: result.preview,
          errors: result.errors,
          hasErrorReport: result.errorReportId !== null,
        },
        createdAt: job.created_at,
        finishedAt: job.finished_at,
      };
    },

    /** 【确认导入】: the owner's go-ahead, with the permissions of now. */
    async confirm(scope: OperatorScope, id: string, ip: string) {
      const job = await ownJob(scope, id);
      if (!mayImport(scope.role, job.parsed.type)) throw new AppError('FORBIDDEN');
      const result = job.result ? (JSON.parse(job.result) as ImportResult) : null;
      const params: ImportParams = { ...job.parsed, scope: { role: scope.role, regionCode: scope.regionCode } };
      if (!(await jobs.advance(id, scope.operatorId, { fromPhase: 'check', toPhase: 'import', params, total: result?.valid ?? 0, now: now() }))) throw new AppError('IMPORT_NOT_WAITING');
      await audit.append({ actorType: 'operator', actorId: scope.operatorId, action: 'qualification.import.confirm', targetType: 'job', targetId: id, ip, details: { type: job.parsed.type, file: job.parsed.fileName, valid: result?.valid ?? 0, invalid: result?.invalid ?? 0 } });
      deps.kick();
    },

    async cancel(scope: OperatorScope, id: string, ip: string) {
      const job = await ownJob(scope, id);
      if (!(await jobs.cancel(id, scope.operatorId, now()))) throw new AppError('IMPORT_NOT_WAITING');
      await files.removePlain(job.parsed.fileId);
      await audit.append({ actorType: 'operator', actorId: scope.operatorId, action: 'qualification.import.cancel', targetType: 'job', targetId: id, ip, details: { type: job.parsed.type, file: job.parsed.fileName } });
    },

    /** The error report (CSV: 行号, 列, 错误原因) of the latest phase. */
    async errorReport(scope: OperatorScope, id: string, ip: string): Promise<{ fileName: string; stream: Readable }> {
      const job = await ownJob(scope, id);
      const result = job.result && (job.status === 'waiting' || job.status === 'succeeded' || job.status === 'cancelled') ? (JSON.parse(job.result) as ImportResult) : null;
      const stream = result?.errorReportId ? await files.openPlainStream(result.errorReportId) : null;
      if (!stream) throw new AppError('NOT_FOUND');
      await audit.append({ actorType: 'operator', actorId: scope.operatorId, action: 'qualification.import.error-report', targetType: 'job', targetId: id, ip, details: { errorCount: result?.errorCount ?? 0 } });
      return { fileName: `${importTemplateTitle(job.parsed.type)}导入错误报告.csv`, stream };
    },
  };
}

export type QualificationService = ReturnType<typeof createQualificationService>;

/** XLSX by its ZIP signature; CSV when named .csv and text (no NUL byte); anything else is refused. */
function formatOf(head: Buffer, fileName: string): ImportFormat | null {
  if (head.subarray(0, 4).equals(ZIP_MAGIC)) return 'xlsx';
  // Never something that looks like an encrypted upload (key rotation reads those by their magic).
  if (head.subarray(0, FILE_MAGIC.length).equals(FILE_MAGIC)) return null;
  if (/\.(csv|txt)$/i.test(fileName) && !head.includes(0)) return 'csv';
  return null;
}
