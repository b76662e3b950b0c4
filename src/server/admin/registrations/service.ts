import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Clock } from '../../clock.js';
import { shanghaiDate } from '../../clock.js';
import type { RegistrationFilter, RegistrationQueryRepo, RegistrationRow } from '../../db/repos/registration-query.js';
import type { PiiCrypto } from '../../security/pii-crypto.js';
import type { AuditLog } from '../../security/audit.js';
import { regionPattern, type OperatorScope } from '../../security/region-scope.js';
import { AppError } from '../../errors.js';
import { operatorRegionLabel } from '../../../shared/operator-regions.js';
import { industryLabel } from '../../../shared/industry.js';
import { classifyEnterpriseSize } from '../../../shared/enterprise-size.js';
import { maskMobile, maskName } from '../../../shared/mask.js';
import { INDUSTRY_SECTIONS, sectionIndexOf } from '../../../shared/scoring/values.js';
import { INDICATOR_CODES } from '../../../shared/scoring/indicators.js';
import { STAGE_LABELS } from '../../../shared/scoring/catalogue.js';
import { QUALIFICATION_TYPE_LABELS } from '../../../shared/qualification-labels.js';
import { BASIC_LABELS, type RegistrationBasic } from '../../../shared/schemas/registration.js';
import { REGISTRATION_STATUS_FILTER_LABELS, type RegistrationDetail, type RegistrationFilterInput, type RegistrationItem } from '../../../shared/schemas/admin-registrations.js';

const EXPORT_PAGE = 1000;
/** Above this many rows an export asks for a narrower filter (a background job would be the next step). */
export const EXPORT_MAX_ROWS = 200_000;

/** Shanghai midnight of a date as a UTC instant. */
const shanghaiMidnight = (date: string) => new Date(`${date}T00:00:00+08:00`).toISOString();
const nextDay = (date: string) => new Date(new Date(`${date}T00:00:00Z`).getTime() + 86400_000).toISOString().slice(0, 10);

export interface RegistrationQueryDeps {
  repo: RegistrationQueryRepo;
  pii: PiiCrypto;
  audit: AuditLog;
  clock: Clock;
}

/**
 * 【登记查询】: list, detail and 【导出】 of registrations, always inside the operator's region
 * (部级 all, 省级 its province, 市级 its city) — the region pattern goes into every query.
 * Personal data (联系人, 联系人手机) is masked for everybody; a 部级 operator may export it in
 * full with a typed reason, which the audit log records.
 */
export function createRegistrationQueryService(deps: RegistrationQueryDeps) {
  const { repo, pii, audit, clock } = deps;
  const today = () => shanghaiDate(clock.now());

  /** Brings registration_facets in line with the latest submitted versions. */
  async function syncFacets(): Promise<void> {
    for (let guard = 0; guard < 10_000; guard++) {
      const stale = await repo.staleFacets(500);
      if (stale.length === 0) return;
      for (const s of stale) {
        const basic = (JSON.parse(s.payload) as { basic?: Partial<RegistrationBasic> }).basic ?? {};
        const industryCode = typeof basic.industryCode === 'string' ? basic.industryCode : '';
        const size = industryCode
          ? classifyEnterpriseSize({ industryCode, employees: Number(basic.employees ?? 0), revenueWan: String(basic.revenue ?? '0'), assetsWan: String(basic.assets ?? '0') }).size
          : '不适用';
        const section = sectionIndexOf(industryCode);
        await repo.upsertFacet({
          registration_id: s.registration_id,
          uscc: s.uscc,
          data_year: s.data_year,
          version: s.latest_version,
          region_code: s.division_code ?? s.uscc.slice(2, 8),
          industry_code: industryCode,
          section: section < 0 ? '' : INDUSTRY_SECTIONS[section].code,
          size,
          first_submitted_at: s.first_submitted_at ?? s.submitted_at,
          submitted_at: s.submitted_at,
        });
      }
    }
  }

  function toFilter(input: RegistrationFilterInput): RegistrationFilter {
    return {
      region: input.region,
      section: input.section,
      qualification: input.qualification,
      size: input.size,
      stage: input.stage,
      scoreMin: input.scoreMin === undefined ? undefined : Math.round(input.scoreMin * 100),
      scoreMax: input.scoreMax === undefined ? undefined : Math.round(input.scoreMax * 100),
      status: input.status,
      dataYear: input.dataYear,
      submittedFrom: input.submittedFrom ? shanghaiMidnight(input.submittedFrom) : undefined,
      submittedBefore: input.submittedTo ? shanghaiMidnight(nextDay(input.submittedTo)) : undefined,
      keyword: input.keyword?.trim() || undefined,
      today: today(),
    };
  }

  function itemOf(r: RegistrationRow): RegistrationItem {
    return {
      id: r.registration_id,
      uscc: r.uscc,
      enterpriseName: r.name,
      dataYear: r.data_year,
      version: r.version,
      regionCode: r.region_code,
      regionLabel: operatorRegionLabel(r.region_code.slice(0, 4)),
      industryCode: r.industry_code,
      industryLabel: industryLabel(r.industry_code) || r.industry_code,
      size: r.size,
      status: r.status,
      statusLabel: REGISTRATION_STATUS_FILTER_LABELS[r.status],
      score: r.total_hundredths === null ? null : r.total_hundredths / 100,
      stageLabel: r.stage ? STAGE_LABELS[r.stage] : null,
      firstSubmittedAt: r.first_submitted_at,
      submittedAt: r.submitted_at,
    };
  }

  /**
   * 联系人 and 联系人手机 of a stored version (clear: only for an audited unmasked export). The
   * platform seals them as one ciphertext `contactEnc` beside ① (platform/financing/sealed-payload.ts).
   */
  function contactOf(payload: string): { name: string; mobile: string } {
    const { contactEnc } = JSON.parse(payload) as { contactEnc?: string };
    if (!contactEnc) return { name: '', mobile: '' };
    const contact = JSON.parse(pii.decrypt(contactEnc)) as { contactName?: string | null; contactMobile?: string | null };
    return { name: contact.contactName ?? '', mobile: contact.contactMobile ?? '' };
  }

  return {
    syncFacets,

    async search(scope: OperatorScope, input: { filter: RegistrationFilterInput; page: number; pageSize: number }): Promise<{ items: RegistrationItem[]; total: number }> {
      const pattern = regionPattern(scope);
      await syncFacets();
      const { rows, total } = await repo.search(pattern, toFilter(input.filter), input.page, input.pageSize);
      return { items: rows.map(itemOf), total };
    },

    /** Detail: versions, ① figures, score breakdown; 联系人 masked. Viewing is audited. */
    async detail(scope: OperatorScope, id: string, ip: string): Promise<RegistrationDetail> {
      const pattern = regionPattern(scope);
      await syncFacets();
      const row = await repo.byIdInScope(pattern, id, today());
      if (!row) throw new AppError('NOT_FOUND');
      const versions = await repo.versions(id);
      const latest = versions[0];
      const contact = latest ? contactOf(latest.payload) : { name: '', mobile: '' };
      const basic = latest ? ((JSON.parse(latest.payload) as { basic?: Record<string, unknown> }).basic ?? {}) : {};
      const shown = (Object.keys(BASIC_LABELS) as (keyof typeof BASIC_LABELS)[]).filter((key) => key !== 'contactName' && key !== 'contactMobile' && basic[key] !== undefined && basic[key] !== null && basic[key] !== '');
      const unitOf = (key: string) => (['revenue', 'revenuePrev', 'assets', 'netProfit', 'taxPaid'].includes(key) ? ' 万元' : key.startsWith('employees') ? ' 人' : '');
      const score = await repo.scoreOf(row.uscc, row.data_year);
      const catalogueBody = score ? await repo.activeCatalogueBody() : undefined;
      const names = catalogueBody ? ((JSON.parse(catalogueBody) as { indicators?: { name?: string }[] }).indicators ?? []).map((i) => i.name ?? '') : [];
      const todayDate = today();
      const qualifications = (await repo.qualificationsOf(row.uscc)).map((q) => ({
        typeLabel: QUALIFICATION_TYPE_LABELS[q.type],
        certNo: q.cert_no,
        recognizedOn: q.recognized_on,
        validUntil: q.valid_until,
        valid: q.status === 'active' && q.recognized_on <= todayDate && q.valid_until >= todayDate,
      }));
      await audit.append({ actorType: 'operator', actorId: scope.operatorId, action: 'registration.view', targetType: 'registration', targetId: id, ip, details: { uscc: row.uscc, dataYear: row.data_year } });
      return {
        item: itemOf(row),
        contactName: maskName(contact.name),
        contactMobile: maskMobile(contact.mobile),
        qualifications,
        versions: versions.map((v) => ({ id: v.id, version: v.version, acceptanceNo: v.acceptance_no, submittedAt: v.submitted_at })),
        basic: shown.map((key) => ({
          label: BASIC_LABELS[key],
          value: key === 'industryCode' ? industryLabel(String(basic[key])) || String(basic[key]) : key === 'districtCode' ? operatorRegionLabel(String(basic[key]).slice(0, 4)) + `（${String(basic[key])}）` : `${String(basic[key])}${unitOf(key)}`,
        })),
        score:
          score && score.peer_size > 0
            ? {
                total: score.total_hundredths / 100,
                stageLabel: STAGE_LABELS[score.stage],
                catalogueVersion: score.catalogue_version,
                computedAt: score.computed_at,
                indicators: score.breakdown.split(',').map((s, i) => ({ code: INDICATOR_CODES[i], name: names[i] || INDICATOR_CODES[i], score: Number(s) / 100 })),
              }
            : null,
      };
    },

    /**
     * 【导出】: the filtered set as XLSX, written row by row with exceljs's streaming writer into
     * the answer (memory flat in the set's size). Masked for everybody; `unmasked` only for 部级
     * with a reason. Audited before the first byte (who, how many, which filter, masked or not).
     */
    async exportXlsx(scope: OperatorScope, input: { filter: RegistrationFilterInput; unmasked: boolean; reason?: string }, ip: string): Promise<{ fileName: string; total: number; stream: Readable }> {
      const pattern = regionPattern(scope);
      if (input.unmasked) {
        if (scope.role !== 'ministry') throw new AppError('FORBIDDEN');
        if (!input.reason || input.reason.trim().length < 2) throw new AppError('VALIDATION_FAILED', { reason: '请填写导出完整个人信息的原因' });
      }
      await syncFacets();
      const filter = toFilter(input.filter);
      const total = await repo.countOf(pattern, filter);
      if (total > EXPORT_MAX_ROWS) throw new AppError('VALIDATION_FAILED', { filter: `导出数据超过${EXPORT_MAX_ROWS}条，请缩小查询范围` });
      await audit.append({
        actorType: 'operator',
        actorId: scope.operatorId,
        action: input.unmasked ? 'registration.export_unmasked' : 'registration.export',
        targetType: 'registration',
        targetId: null,
        ip,
        details: { rows: total, filter: input.filter, unmasked: input.unmasked, ...(input.unmasked ? { reason: input.reason } : {}) },
      });

      const out = new PassThrough();
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
      const sheet = workbook.addWorksheet('登记查询');
      sheet.columns = [
        { header: '统一社会信用代码', key: 'uscc', width: 22 },
        { header: '企业名称', key: 'name', width: 34 },
        { header: '数据年度', key: 'dataYear', width: 10 },
        { header: '地区', key: 'region', width: 20 },
        { header: '所属行业', key: 'industry', width: 40 },
        { header: '企业规模', key: 'size', width: 10 },
        { header: '发展阶段', key: 'stage', width: 10 },
        { header: '创新积分', key: 'score', width: 10 },
        { header: '状态', key: 'status', width: 10 },
        { header: '版本', key: 'version', width: 8 },
        { header: '首次提交时间', key: 'first', width: 22 },
        { header: '最近提交时间', key: 'last', width: 22 },
        { header: '联系人', key: 'contactName', width: 12 },
        { header: '联系人手机', key: 'contactMobile', width: 16 },
      ];
      sheet.getRow(1).font = { bold: true };
      sheet.getRow(1).commit();

      const write = async () => {
        let after: { submittedAt: string; id: string } | null = null;
        for (;;) {
          const rows = await repo.exportPage(pattern, filter, after, EXPORT_PAGE);
          if (rows.length === 0) break;
          for (const r of rows) {
            const item = itemOf(r);
            const contact = r.payload ? contactOf(r.payload) : { name: '', mobile: '' };
            sheet
              .addRow({
                uscc: item.uscc,
                name: item.enterpriseName ?? '',
                dataYear: item.dataYear,
                region: item.regionLabel,
                industry: item.industryLabel,
                size: item.size,
                stage: item.stageLabel ?? '',
                score: item.score ?? '',
                status: item.statusLabel,
                version: item.version,
                first: item.firstSubmittedAt,
                last: item.submittedAt,
                contactName: input.unmasked ? contact.name : maskName(contact.name),
                contactMobile: input.unmasked ? contact.mobile : maskMobile(contact.mobile),
              })
              .commit();
          }
          const last = rows[rows.length - 1];
          after = { submittedAt: last.submitted_at, id: last.registration_id };
          if (rows.length < EXPORT_PAGE) break;
        }
        sheet.commit();
        await workbook.commit();
      };
      write().catch((error: unknown) => out.destroy(error as Error));
      return { fileName: `登记查询_${today()}.xlsx`, total, stream: out };
    },
  };
}

export type RegistrationQueryService = ReturnType<typeof createRegistrationQueryService>;
