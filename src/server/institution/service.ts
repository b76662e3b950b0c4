import crypto from 'node:crypto';
import type { Clock } from '../clock.js';
import { shanghaiDate } from '../clock.js';
import type { AuditLog } from '../security/audit.js';
import type { PiiCrypto } from '../security/pii-crypto.js';
import type { InstitutionRepo, InstitutionListFilter } from '../db/repos/institutions.js';
import type { FinancingRepo } from '../db/repos/financing.js';
import type { MatchmakingRecordTable } from '../db/schema.js';
import { AppError } from '../errors.js';
import { maskMobile, maskName } from '../../shared/mask.js';
import { industryByCode } from '../../shared/industry.js';
import type { ScoreResultView } from '../../shared/schemas/score.js';
import type { RegistrationPayload } from '../../shared/schemas/registration.js';
import type { DetailResponse, FinancingNeedView, ListResponse, TimelineResponse } from '../../shared/schemas/institution.js';
import { listRequest, recordRequest } from '../../shared/schemas/institution.js';
import type { z } from 'zod';

/** The institution user behind a 金融机构端 request, with the regions its institution serves (read fresh). */
export interface InstitutionCaller {
  userId: string;
  institutionId: string;
  institutionName: string;
  name: string;
  regions: string[];
}

/**
 * A stored version's payload with 联系人 and 联系人手机 back in ① (the platform seals them as one
 * ciphertext `contactEnc`: platform/financing/sealed-payload.ts, which this room may not import).
 */
function unsealPayload<T>(stored: string, pii: Pick<PiiCrypto, 'decrypt'>): T {
  const { contactEnc, ...rest } = JSON.parse(stored) as { contactEnc?: string; basic?: Record<string, unknown> };
  const contact = contactEnc ? (JSON.parse(pii.decrypt(contactEnc)) as { contactName: string | null; contactMobile: string | null }) : { contactName: null, contactMobile: null };
  return { ...rest, basic: { ...(rest.basic ?? {}), ...contact } } as T;
}

type StoredFinancing = Partial<{ need: string; amount: string; termMonths: number; purpose: string; methods: string[]; institutions: string }>;

function financingOf(payload: { optional?: { financing?: StoredFinancing } }): FinancingNeedView {
  const f = payload.optional?.financing ?? {};
  return { need: f.need ?? null, amount: f.amount ?? null, termMonths: f.termMonths ?? null, purpose: f.purpose ?? null, methods: f.methods ?? [], institutions: f.institutions ?? null };
}

/** The 小类 name, else its 中类's; '—' when unknown. */
function industryNameOf(code: string | null | undefined): string {
  if (!code) return '—';
  return industryByCode(code)?.name ?? industryByCode(code.slice(0, 3))?.name ?? '—';
}

const scoreText = (hundredths: number) => (hundredths / 100).toFixed(2);
const entryOf = (r: MatchmakingRecordTable) => ({ id: r.id, outcome: r.outcome, amount: r.amount, rate: r.rate, termMonths: r.term_months, reason: r.reason, note: r.note, at: r.at });

/**
 * 金融机构端: every enterprise read is scoped by the institution's regions and the enterprise's
 * standing consent in one query (repo), so another region, a non-consenting enterprise or a
 * withdrawn consent is "not found" at once. Every detail view and contact reveal is audited
 * and recorded for the enterprise's 【融资对接】.
 */
export function createInstitutionService(deps: {
  repo: InstitutionRepo;
  financing: FinancingRepo;
  scoreOf(uscc: string): Promise<ScoreResultView | null>;
  pii: PiiCrypto;
  audit: AuditLog;
  clock: Clock;
}) {
  const { repo, financing, pii, audit, clock } = deps;

  const dataYear = async () => (await financing.filingWindow(shanghaiDate(clock.now()))).dataYear;

  async function visibleOrNotFound(caller: InstitutionCaller, uscc: string) {
    const row = await repo.visible(caller.regions, uscc);
    if (!row) throw new AppError('NOT_FOUND');
    return row;
  }

  const auditAs = (caller: InstitutionCaller, action: string, uscc: string, ip: string, details: Record<string, unknown> = {}) =>
    audit.append({ actorType: 'institution', actorId: caller.userId, action, targetType: 'enterprise', targetId: uscc, ip, details: { institution: caller.institutionName, ...details } });

  return {
    /** The session's user, if still active, with its institution's regions. */
    async caller(userId: string): Promise<InstitutionCaller> {
      const user = await repo.userById(userId);
      if (!user || user.status !== 'active') throw new AppError('UNAUTHENTICATED');
      const institution = await repo.institutionById(user.institution_id);
      if (!institution || institution.status !== 'active') throw new AppError('FORBIDDEN');
      return { userId, institutionId: institution.id, institutionName: institution.name, name: user.display_name, regions: await repo.regionsOf(institution.id) };
    },

    async list(caller: InstitutionCaller, input: z.output<typeof listRequest>): Promise<ListResponse> {
      if (input.region && !caller.regions.some((code) => input.region!.startsWith(code) || code.startsWith(input.region!))) return { data: [], total: 0, success: true };
      const filter: InstitutionListFilter = {
        region: input.region,
        industry: input.industry,
        qualification: input.qualification,
        stage: input.stage,
        scoreMin: input.scoreMin === undefined ? undefined : Math.round(input.scoreMin * 100),
        scoreMax: input.scoreMax === undefined ? undefined : Math.round(input.scoreMax * 100),
        amountMin: input.amountMin,
        amountMax: input.amountMax,
        termMin: input.termMin,
        termMax: input.termMax,
        method: input.method,
        sort: input.sort,
        limit: input.pageSize,
        offset: (input.current - 1) * input.pageSize,
      };
      const { rows, total } = await repo.list(caller.regions, await dataYear(), filter);
      return {
        data: rows.map((r) => ({
          uscc: r.uscc,
          name: r.name ?? r.uscc,
          regionCode: r.region_code,
          industryCode: r.industry_code ?? null,
          industryName: industryNameOf(r.industry_code),
          score: scoreText(r.total_hundredths),
          stage: r.stage,
          financing: financingOf(JSON.parse(r.payload) as { optional?: { financing?: StoredFinancing } }),
        })),
        total,
        success: true,
      };
    },

    /** Detail with personal data masked; audited and shown to the enterprise. */
    async detail(caller: InstitutionCaller, uscc: string, ip: string): Promise<DetailResponse> {
      const row = await visibleOrNotFound(caller, uscc);
      const payload = unsealPayload<RegistrationPayload>(row.payload, pii);
      const { contactName, contactMobile, ...basic } = payload.basic as unknown as Record<string, unknown>;
      const at = clock.now().toISOString();
      await repo.insertView({ institution_id: caller.institutionId, uscc, kind: 'detail', user_id: caller.userId, at });
      await auditAs(caller, 'institution.enterprise_view', uscc, ip);
      return {
        uscc,
        name: row.name ?? uscc,
        regionCode: row.region_code,
        industryCode: row.industry_code ?? null,
        industryName: industryNameOf(row.industry_code),
        dataYear: row.data_year,
        version: row.version,
        submittedAt: row.submitted_at,
        qualifications: (await repo.qualificationsOf(uscc)).map((q) => ({ type: q.type, validUntil: q.valid_until })),
        basic,
        indicators: payload.indicators as unknown as Record<string, unknown>,
        contactName: maskName(contactName as string | null),
        contactMobile: maskMobile(contactMobile as string | null),
        financing: financingOf(payload as unknown as { optional?: { financing?: StoredFinancing } }),
        honours: payload.optional?.honours ?? [],
        highlights: payload.optional?.highlights ?? null,
        score: await deps.scoreOf(uscc),
        entries: (await repo.recordsOfPair(caller.institutionId, uscc)).map(entryOf),
      };
    },

    /** 【查看联系方式】: 联系人 and 联系人手机 in full, audited. */
    async contact(caller: InstitutionCaller, uscc: string, ip: string) {
      const row = await visibleOrNotFound(caller, uscc);
      const payload = unsealPayload<RegistrationPayload>(row.payload, pii);
      await repo.insertView({ institution_id: caller.institutionId, uscc, kind: 'contact', user_id: caller.userId, at: clock.now().toISOString() });
      await auditAs(caller, 'institution.contact_reveal', uscc, ip, { contactMobile: maskMobile(payload.basic.contactMobile) });
      return { contactName: payload.basic.contactName ?? '', contactMobile: payload.basic.contactMobile ?? '' };
    },

    /** 【登记对接】: only while the enterprise is visible (consenting, in the regions). */
    async record(caller: InstitutionCaller, input: z.output<typeof recordRequest>, ip: string): Promise<TimelineResponse> {
      const row = await visibleOrNotFound(caller, input.uscc);
      const entry: MatchmakingRecordTable = {
        id: crypto.randomUUID(),
        institution_id: caller.institutionId,
        uscc: input.uscc,
        outcome: input.outcome,
        amount: input.outcome === 'granted' ? String(input.amount) : null,
        rate: input.outcome === 'granted' ? input.rate : null,
        term_months: input.outcome === 'granted' ? input.termMonths : null,
        reason: input.outcome === 'rejected' ? input.reason : null,
        note: input.outcome === 'rejected' ? null : (input.note ?? null) || null,
        region_code: row.region_code,
        recorded_by: caller.userId,
        at: clock.now().toISOString(),
      };
      await repo.insertRecord(entry);
      await auditAs(caller, 'institution.matchmaking_record', input.uscc, ip, { outcome: entry.outcome, amount: entry.amount, rate: entry.rate, termMonths: entry.term_months });
      return { uscc: input.uscc, name: row.name ?? input.uscc, entries: (await repo.recordsOfPair(caller.institutionId, input.uscc)).map(entryOf) };
    },

    /** The institution's own timeline with an enterprise; kept after a withdrawal (no enterprise data beyond the name). */
    async timeline(caller: InstitutionCaller, uscc: string): Promise<TimelineResponse> {
      const entries = await repo.recordsOfPair(caller.institutionId, uscc);
      if (entries.length === 0) {
        const row = await visibleOrNotFound(caller, uscc);
        return { uscc, name: row.name ?? uscc, entries: [] };
      }
      const name = (await repo.nameOf(uscc)) ?? uscc;
      return { uscc, name, entries: entries.map(entryOf) };
    },

    /** 【对接记录】: the institution's own entries, newest first. */
    async records(caller: InstitutionCaller) {
      const rows = await repo.recordsOfInstitution(caller.institutionId, 500, 0);
      return rows.map((r) => ({ ...entryOf(r), uscc: r.uscc, name: r.name ?? r.uscc }));
    },
  };
}

export type InstitutionService = ReturnType<typeof createInstitutionService>;
