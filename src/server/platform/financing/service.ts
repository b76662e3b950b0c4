import crypto from 'node:crypto';
import type { Clock } from '../../clock.js';
import { shanghaiDate } from '../../clock.js';
import { AppError } from '../../errors.js';
import { isUniqueViolation } from '../../db/errors.js';
import { isWindowOpen, type FilingWindow, type FinancingRepo } from '../../db/repos/financing.js';
import type { RegistrationVersionTable } from '../../db/schema.js';
import type { PiiCrypto } from '../../security/pii-crypto.js';
import type { AuditLog } from '../../security/audit.js';
import type { StateStore } from '../../security/state-store.js';
import type { FileStorage } from '../../adapters/file-storage.js';
import type { UserType } from '../../../shared/account-labels.js';
import { QUALIFICATION_TYPE_LABELS } from '../../../shared/qualification-labels.js';
import type { ScoringInput } from '../../../shared/scoring/input.js';
import type { UploadKind } from '../../../shared/uploads.js';
import { payloadHash, sealPayload, unsealPayload } from './sealed-payload.js';
import {
  CONSENT_LABEL,
  DRAFT_SAVED_MESSAGE,
  GATE_MESSAGES,
  NOTICE_READ_SECONDS,
  REGISTRATION_STATUS_LABELS,
  SUBMITTED_MESSAGE,
  registrationWarnings,
  type AttachmentInfo,
  type ConsentState,
  type DraftPayload,
  type FormState,
  type GateAnswer,
  type NoticeAnswer,
  type ReceiptAnswer,
  type RegistrationBasic,
  type RegistrationPayload,
  type RegistrationStatus,
  type SubmissionScore,
  type SubmitAnswer,
  type VersionSummary,
  type VersionsAnswer,
} from '../../../shared/schemas/registration.js';

/** The platform caller, from its session (the USCC is the IdP's verified record, never typed). */
export interface FinancingCaller {
  accountId: string;
  userType: UserType;
  uscc: string | null;
  /** Identifies the session (its token hash): the 提示事项 timer is per session. */
  sessionKey: string;
}

interface RequestMeta {
  ip: string | null;
}

/**
 * 企业信息 as the registration needs it (issue 13 owns it): "complete", ① pre-filled, and ①
 * saved back on 【提交】.
 */
export interface EnterpriseProfilePort {
  isComplete(uscc: string): Promise<boolean>;
  /** ① values from 企业信息 (what it has; the rest stays empty). */
  prefillBasic(uscc: string): Promise<NonNullable<DraftPayload['basic']>>;
  saveBasic(uscc: string, basic: RegistrationBasic, actor: { accountId: string; ip: string | null }): Promise<void>;
}

/** What scoring (issue 15) receives for each stored version. */
export interface ScoreSubmissionInput extends ScoringInput {
  uscc: string;
  registrationId: string;
  versionId: string;
  version: number;
  submittedAt: string;
}
/**
 * Provisional score of a stored version (null: none right now). It may be called twice for one
 * `versionId` (a double submit answered twice): make it idempotent by versionId.
 */
export type ScoreSubmission = (input: ScoreSubmissionInput) => Promise<SubmissionScore | null>;

export interface FinancingServiceDeps {
  repo: FinancingRepo;
  clock: Clock;
  pii: Pick<PiiCrypto, 'encrypt' | 'decrypt' | 'lookupHash'>;
  audit: AuditLog;
  store: StateStore;
  files: Pick<FileStorage, 'put' | 'get'>;
  profile: EnterpriseProfilePort;
  scoreSubmission?: ScoreSubmission;
  /** How long the 提示事项 opening is remembered (the session's absolute lifetime). */
  noticeTtlMs: number;
  log?: { error(obj: unknown, msg?: string): void };
}

/** "注销失败：" + this (flows.md 注销账号). */
const OPEN_REGISTRATION_REASON = '本企业有填报期内的创新积分登记，请在填报期结束后再注销';

/**
 * 受理编号 of a submitted version: DJ + yyyyMMdd (the China date of submission) + 6 random
 * digits, unique (e.g. DJ20261125042817). Every version gets its own.
 */
function newAcceptanceNo(now: Date): string {
  return `DJ${shanghaiDate(now).replaceAll('-', '')}${crypto.randomInt(0, 1_000_000).toString().padStart(6, '0')}`;
}

const noticeKey = (sessionKey: string) => `financing:notice:${sessionKey}`;

/** The 注销账号 check (the IdP's `openRegistrationOf` seam): a draft or submission in an open window. */
export function openRegistrationCheck(repo: FinancingRepo, clock: Clock) {
  return async (accountId: string): Promise<string | null> => {
    const account = await repo.verifiedUsccOfAccount(accountId);
    if (!account?.verified_uscc) return null;
    const today = shanghaiDate(clock.now());
    const window = await repo.filingWindow(today);
    if (!isWindowOpen(window, today)) return null;
    const registration = await repo.registrationOf(account.verified_uscc, window.dataYear);
    return registration ? OPEN_REGISTRATION_REASON : null;
  };
}

/**
 * 融资服务专区 → 【去登记】: the gate (flows.md order), 提示事项 with consent, the filing
 * window, drafts with optimistic locking, immutable versions, 回执.
 */
export function createFinancingService(deps: FinancingServiceDeps) {
  const { repo, clock, pii, audit, store, profile } = deps;
  const now = () => clock.now();
  const today = () => shanghaiDate(now());

  const seal = (payload: DraftPayload | RegistrationPayload) => sealPayload(payload, pii);
  const unseal = <T = DraftPayload>(stored: string) => unsealPayload<T>(stored, pii);

  // ---- the gate ---------------------------------------------------------------------------

  type GateResult = { step: 'natural' } | { step: 'not-eligible' } | { step: 'incomplete' } | { step: 'notice'; uscc: string; qualifications: Awaited<ReturnType<FinancingRepo['validQualifications']>> };

  /** flows.md 【去登记】 steps 2–5, in that order (step 1, login, is the session check: 401). */
  async function gate(caller: FinancingCaller): Promise<GateResult> {
    if (caller.userType !== 'legal' || !caller.uscc) return { step: 'natural' };
    const qualifications = await repo.validQualifications(caller.uscc, today());
    if (qualifications.length === 0) return { step: 'not-eligible' };
    if (!(await profile.isComplete(caller.uscc))) return { step: 'incomplete' };
    return { step: 'notice', uscc: caller.uscc, qualifications };
  }

  async function requireGate(caller: FinancingCaller) {
    const result = await gate(caller);
    if (result.step === 'natural') throw new AppError('FINANCING_NATURAL');
    if (result.step === 'not-eligible') throw new AppError('FINANCING_NOT_OPEN');
    if (result.step === 'incomplete') throw new AppError('FINANCING_PROFILE_INCOMPLETE');
    return result;
  }

  /** Reads of the enterprise's own versions and files need only a verified 法人 session. */
  function requireLegal(caller: FinancingCaller): string {
    if (caller.userType !== 'legal' || !caller.uscc) throw new AppError('FINANCING_NATURAL');
    return caller.uscc;
  }

  async function noticeOpenedAt(caller: FinancingCaller): Promise<Date | null> {
    const value = await store.get(noticeKey(caller.sessionKey));
    return value ? new Date(value) : null;
  }

  /** Saves need the notice to have been open NOTICE_READ_SECONDS in this session. */
  async function requireNoticeRead(caller: FinancingCaller) {
    const openedAt = await noticeOpenedAt(caller);
    if (!openedAt || now().getTime() - openedAt.getTime() < NOTICE_READ_SECONDS * 1000) throw new AppError('FINANCING_NOTICE_UNREAD');
  }

  async function openWindow(): Promise<FilingWindow> {
    const window = await repo.filingWindow(today());
    if (!isWindowOpen(window, today())) throw new AppError('FILING_CLOSED');
    return window;
  }

  async function consentView(uscc: string): Promise<ConsentState> {
    const [row, useVersion] = await Promise.all([repo.consentOf(uscc), repo.dataUseVersion()]);
    if (!row) return { consented: false, askAgain: false, noticeVersion: null, changedAt: null };
    const current = row.noticeVersion >= useVersion;
    return { consented: row.consented && current, askAgain: row.consented && !current, noticeVersion: row.noticeVersion, changedAt: row.changedAt };
  }

  async function enterpriseOf(caller: FinancingCaller, uscc: string) {
    const account = await repo.verifiedUsccOfAccount(caller.accountId);
    const name = account?.verified_uscc === uscc && account.enterprise_name ? account.enterprise_name : ((await repo.registryEnterprise(uscc))?.name ?? '');
    return { name, uscc };
  }

  const tagsOf = (rows: { type: keyof typeof QUALIFICATION_TYPE_LABELS; cert_no: string; valid_until: string }[]) =>
    rows.map((q) => ({ type: q.type, label: QUALIFICATION_TYPE_LABELS[q.type], certNo: q.cert_no, validUntil: q.valid_until }));

  const summaryOf = (v: Pick<RegistrationVersionTable, 'id' | 'version' | 'acceptance_no' | 'submitted_at'>): VersionSummary => ({
    id: v.id,
    version: v.version,
    acceptanceNo: v.acceptance_no,
    submittedAt: v.submitted_at,
  });

  async function attachmentInfos(uscc: string, ids: readonly string[] | undefined): Promise<AttachmentInfo[]> {
    const rows = await repo.attachmentsOf(uscc, (ids ?? []).filter((id) => typeof id === 'string'));
    const byId = new Map(rows.map((r) => [r.id, r]));
    return (ids ?? []).flatMap((id) => {
      const r = byId.get(id);
      return r ? [{ id: r.id, name: r.name, size: r.size, kind: r.kind }] : [];
    });
  }

  async function formState(caller: FinancingCaller): Promise<FormState> {
    const { uscc, qualifications } = await requireGate(caller);
    const day = today();
    const window = await repo.filingWindow(day);
    const open = isWindowOpen(window, day);
    const registration = await repo.registrationOf(uscc, window.dataYear);
    const latest = registration && registration.latest_version > 0 ? await repo.latestVersion(registration.id) : undefined;
    let values: DraftPayload;
    let source: FormState['source'];
    if (registration?.status === 'draft' && registration.draft) {
      values = unseal(registration.draft);
      source = 'draft';
    } else if (latest) {
      values = unseal(latest.payload);
      source = 'version';
    } else {
      values = { basic: await profile.prefillBasic(uscc) };
      source = 'prefill';
    }
    const status: RegistrationStatus = !registration ? 'none' : registration.status === 'draft' ? 'draft' : 'submitted';
    const openedAt = await noticeOpenedAt(caller);
    return {
      enterprise: await enterpriseOf(caller, uscc),
      dataYear: window.dataYear,
      status,
      statusLabel: REGISTRATION_STATUS_LABELS[status],
      qualifications: tagsOf(qualifications),
      window: { dataYear: window.dataYear, opensOn: window.opensOn, closesOn: window.closesOn, open },
      revision: registration?.revision ?? 0,
      values,
      source,
      editable: open && status !== 'submitted',
      canModify: open && status === 'submitted',
      latestVersion: latest ? summaryOf(latest) : null,
      draftSavedAt: registration?.status === 'draft' ? registration.draft_saved_at : null,
      noticeReadyAt: openedAt ? new Date(openedAt.getTime() + NOTICE_READ_SECONDS * 1000).toISOString() : null,
      warnings: registrationWarnings(values),
      attachmentFiles: await attachmentInfos(uscc, values.optional?.attachments),
    };
  }

  return {
    gate: async (caller: FinancingCaller): Promise<GateAnswer> => {
      const result = await gate(caller);
      switch (result.step) {
        case 'natural':
          return { step: 'natural', message: GATE_MESSAGES.natural };
        case 'not-eligible':
          return { step: 'not-eligible', message: GATE_MESSAGES.notEligible };
        case 'incomplete':
          return { step: 'incomplete', message: GATE_MESSAGES.incomplete };
        default:
          return { step: 'notice', message: null };
      }
    },

    /** 提示事项 (every entry); the first opening in this session starts its 10 s. */
    async notice(caller: FinancingCaller): Promise<NoticeAnswer> {
      const { uscc } = await requireGate(caller);
      const notice = await repo.currentNotice();
      let openedAt = await noticeOpenedAt(caller);
      if (!openedAt) {
        openedAt = now();
        await store.set(noticeKey(caller.sessionKey), openedAt.toISOString(), deps.noticeTtlMs);
      }
      return {
        version: notice.version,
        title: notice.title,
        body: notice.body,
        consentLabel: CONSENT_LABEL,
        openedAt: openedAt.toISOString(),
        readyAt: new Date(openedAt.getTime() + NOTICE_READ_SECONDS * 1000).toISOString(),
        readSeconds: NOTICE_READ_SECONDS,
        consent: await consentView(uscc),
      };
    },

    /** The consent checkbox: only a change of the enterprise's consent records an event (and an audit record). */
    async setConsent(caller: FinancingCaller, input: { consented: boolean; noticeVersion: number }, meta: RequestMeta): Promise<ConsentState> {
      const { uscc } = await requireGate(caller);
      const notice = await repo.currentNotice();
      if (input.noticeVersion !== notice.version) throw new AppError('FINANCING_NOTICE_OUTDATED');
      const change = { uscc, consented: input.consented, noticeVersion: notice.version, accountId: caller.accountId, at: now().toISOString() };
      let changed: boolean;
      try {
        changed = await repo.setConsent(change);
      } catch (error) {
        // Two first answers at once: the second sees the first's row.
        if (!isUniqueViolation(error)) throw error;
        changed = await repo.setConsent(change);
      }
      if (changed) {
        await audit.append({
          actorType: 'account',
          actorId: caller.accountId,
          action: input.consented ? 'financing.consent.given' : 'financing.consent.withdrawn',
          targetType: 'enterprise',
          targetId: uscc,
          ip: meta.ip,
          details: { noticeVersion: notice.version },
        });
      }
      return consentView(uscc);
    },

    form: formState,

    /** 【保存草稿】 and autosave: what was typed, kept as typed; the revision goes up by one. */
    async saveDraft(caller: FinancingCaller, input: DraftPayload & { revision: number }) {
      const { uscc } = await requireGate(caller);
      await requireNoticeRead(caller);
      const window = await openWindow();
      const at = now().toISOString();
      const { revision, ...payload } = input;
      const draft = seal(payload);
      const registration = await repo.registrationOf(uscc, window.dataYear);
      if (!registration) {
        if (revision !== 0) throw new AppError('REVISION_CONFLICT');
        try {
          await repo.insertRegistration({ id: crypto.randomUUID(), uscc, data_year: window.dataYear, status: 'draft', revision: 1, draft, draft_saved_at: at, latest_version: 0, created_at: at, updated_at: at });
        } catch (error) {
          if (isUniqueViolation(error)) throw new AppError('REVISION_CONFLICT');
          throw error;
        }
        return { revision: 1, savedAt: at, message: DRAFT_SAVED_MESSAGE, warnings: registrationWarnings(payload) };
      }
      if (registration.revision !== revision) throw new AppError('REVISION_CONFLICT');
      // Submitted and no 【修改】 open: nothing to save a draft into.
      if (registration.status !== 'draft') throw new AppError('REVISION_CONFLICT');
      if (!(await repo.updateRegistrationAt(registration.id, revision, { draft, draft_saved_at: at, updated_at: at }))) throw new AppError('REVISION_CONFLICT');
      return { revision: revision + 1, savedAt: at, message: DRAFT_SAVED_MESSAGE, warnings: registrationWarnings(payload) };
    },

    /**
     * 【提交】: an immutable version (the first, or a new one after 【修改】). A double submit of
     * one revision stores one version and both answers name it (the database's unique key
     * (registration, based_on_revision) and the revision check decide who was first).
     */
    async submit(caller: FinancingCaller, input: RegistrationPayload & { revision: number }, meta: RequestMeta): Promise<SubmitAnswer> {
      const { uscc } = await requireGate(caller);
      await requireNoticeRead(caller);
      const window = await openWindow();
      const { revision, ...payload } = input;
      const fieldErrors: Record<string, string> = {};
      if (payload.basic.establishedOn > today()) fieldErrors['basic.establishedOn'] = '成立日期不能晚于今天';
      const attachments = payload.optional.attachments;
      if (attachments.length > 0 && (await repo.attachmentsOf(uscc, attachments)).length !== new Set(attachments).size) fieldErrors['optional.attachments'] = '附件不存在，请重新上传';
      if (Object.keys(fieldErrors).length > 0) throw new AppError('VALIDATION_FAILED', fieldErrors);

      const at = now();
      const sealed = seal(payload);
      const hash = payloadHash(payload, pii);
      type Outcome = { kind: 'stored'; version: RegistrationVersionTable; registrationId: string } | { kind: 'conflict' } | { kind: 'already-submitted' };

      const storeVersion = async (): Promise<Outcome> =>
        repo.transaction(async (trx) => {
          let registration = await repo.registrationOf(uscc, window.dataYear, trx);
          if (!registration) {
            if (revision !== 0) return { kind: 'conflict' };
            registration = { id: crypto.randomUUID(), uscc, data_year: window.dataYear, status: 'submitted', revision: 0, draft: null, draft_saved_at: null, latest_version: 0, created_at: at.toISOString(), updated_at: at.toISOString() };
            await repo.insertRegistration({ ...registration, revision: 1, latest_version: 1 }, trx);
          } else {
            if (registration.revision !== revision) return { kind: 'conflict' };
            if (registration.status !== 'draft') return { kind: 'already-submitted' };
            const updated = await repo.updateRegistrationAt(registration.id, revision, { status: 'submitted', draft: null, draft_saved_at: null, latest_version: registration.latest_version + 1, updated_at: at.toISOString() }, trx);
            if (!updated) return { kind: 'conflict' };
          }
          let acceptanceNo = newAcceptanceNo(at);
          while (await repo.acceptanceNoTaken(acceptanceNo, trx)) acceptanceNo = newAcceptanceNo(at);
          const version: RegistrationVersionTable = {
            id: crypto.randomUUID(),
            registration_id: registration.id,
            uscc,
            data_year: window.dataYear,
            version: registration.latest_version + 1,
            based_on_revision: revision,
            acceptance_no: acceptanceNo,
            payload: sealed,
            payload_hash: hash,
            submitted_at: at.toISOString(),
            submitted_by: caller.accountId,
          };
          await repo.insertVersion(version, trx);
          // In the same transaction (last: it locks the audit head): a crash never leaves a version without its record.
          await audit.append(
            {
              actorType: 'account',
              actorId: caller.accountId,
              action: version.version === 1 ? 'financing.submit' : 'financing.resubmit',
              targetType: 'registration',
              targetId: registration.id,
              ip: meta.ip,
              details: { uscc, dataYear: window.dataYear, version: version.version, acceptanceNo: version.acceptance_no },
            },
            trx,
          );
          return { kind: 'stored', version, registrationId: registration.id };
        });

      let outcome: Outcome;
      try {
        outcome = await storeVersion();
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        outcome = { kind: 'conflict' };
      }
      let replay = false;
      if (outcome.kind !== 'stored') {
        // The same revision and the same data stored a moment ago (a double click, a retry): that version.
        const registration = await repo.registrationOf(uscc, window.dataYear);
        const existing = registration ? await repo.versionByRevision(registration.id, revision) : undefined;
        if (!registration || !existing || existing.payload_hash !== hash) throw new AppError('REVISION_CONFLICT');
        outcome = { kind: 'stored', version: existing, registrationId: registration.id };
        replay = true;
      }
      const { version, registrationId } = outcome;

      if (!replay) {
        // ① goes back to 企业信息 (the submission stands even if that fails: it is logged).
        try {
          await profile.saveBasic(uscc, payload.basic, { accountId: caller.accountId, ip: meta.ip });
        } catch (error) {
          deps.log?.error({ err: error }, 'saving ① back to 企业信息 failed');
        }
      }

      let score: SubmissionScore | null = null;
      if (deps.scoreSubmission) {
        const { contactName: _name, contactMobile: _mobile, districtCode: _district, assets: _assets, ...basic } = payload.basic;
        try {
          score = await deps.scoreSubmission({ dataYear: window.dataYear, basic, indicators: payload.indicators, uscc, registrationId, versionId: version.id, version: version.version, submittedAt: version.submitted_at });
        } catch (error) {
          deps.log?.error({ err: error }, 'provisional score failed');
        }
      }
      return { message: SUBMITTED_MESSAGE, version: summaryOf(version), revision: revision + 1, score, warnings: registrationWarnings(payload) };
    },

    /** 【修改】: a draft from the latest version (the versions stay as they are). */
    async modify(caller: FinancingCaller, input: { revision: number }, meta: RequestMeta): Promise<FormState> {
      const { uscc } = await requireGate(caller);
      await requireNoticeRead(caller);
      const window = await openWindow();
      const registration = await repo.registrationOf(uscc, window.dataYear);
      if (!registration || registration.latest_version === 0) throw new AppError('REVISION_CONFLICT');
      // A second click of 【修改】: the draft it opened is already there.
      if (registration.status === 'draft' && registration.revision === input.revision + 1) return formState(caller);
      if (registration.status !== 'submitted' || registration.revision !== input.revision) throw new AppError('REVISION_CONFLICT');
      const latest = await repo.latestVersion(registration.id);
      if (!latest) throw new AppError('REVISION_CONFLICT');
      const at = now().toISOString();
      if (!(await repo.updateRegistrationAt(registration.id, input.revision, { status: 'draft', draft: latest.payload, draft_saved_at: at, updated_at: at }))) throw new AppError('REVISION_CONFLICT');
      await audit.append({
        actorType: 'account',
        actorId: caller.accountId,
        action: 'financing.modify',
        targetType: 'registration',
        targetId: registration.id,
        ip: meta.ip,
        details: { uscc, dataYear: window.dataYear, fromVersion: latest.version },
      });
      return formState(caller);
    },

    /** Version history of the current 数据年度 (readable after the window closed). */
    async versions(caller: FinancingCaller): Promise<VersionsAnswer> {
      const uscc = requireLegal(caller);
      const window = await repo.filingWindow(today());
      const registration = await repo.registrationOf(uscc, window.dataYear);
      const rows = registration ? await repo.versions(registration.id) : [];
      return { dataYear: window.dataYear, versions: rows.map(summaryOf) };
    },

    /** 【打印回执】: one version of the caller's own enterprise (another's is "not found"). */
    async receipt(caller: FinancingCaller, versionId: string): Promise<ReceiptAnswer> {
      const uscc = requireLegal(caller);
      const version = await repo.versionOf(uscc, versionId);
      if (!version) throw new AppError('NOT_FOUND');
      const payload = unseal<RegistrationPayload>(version.payload);
      const submittedOn = shanghaiDate(new Date(version.submitted_at));
      return {
        title: '融资服务专区创新积分登记回执',
        acceptanceNo: version.acceptance_no,
        version: version.version,
        submittedAt: version.submitted_at,
        dataYear: version.data_year,
        enterprise: await enterpriseOf(caller, uscc),
        qualifications: tagsOf(await repo.validQualifications(uscc, submittedOn)),
        payload,
        attachmentFiles: await attachmentInfos(uscc, payload.optional.attachments),
      };
    },

    /** ③ 附件: stored encrypted; the id goes into optional.attachments. */
    async uploadAttachment(caller: FinancingCaller, file: { content: Buffer; kind: UploadKind; name: string }): Promise<AttachmentInfo> {
      const { uscc } = await requireGate(caller);
      const fileId = await deps.files.put(file.content);
      const id = crypto.randomUUID();
      const name = cleanFileName(file.name, file.kind);
      await repo.insertAttachment({ id, uscc, file_id: fileId, name, size: file.content.length, kind: file.kind, created_at: now().toISOString(), created_by: caller.accountId });
      return { id, name, size: file.content.length, kind: file.kind };
    },

    async attachment(caller: FinancingCaller, id: string) {
      const uscc = requireLegal(caller);
      const row = await repo.attachmentOf(uscc, id);
      const content = row ? await deps.files.get(row.file_id) : null;
      if (!row || !content) throw new AppError('NOT_FOUND');
      return { name: row.name, kind: row.kind, content };
    },
  };
}

export type FinancingService = ReturnType<typeof createFinancingService>;

/** A file name fit to show and to send back: no path, no control characters, ≤ 100 characters, the sniffed extension. */
function cleanFileName(name: string, kind: UploadKind): string {
  const base = (name.split(/[\\/]/).pop() ?? '')
    .replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '')
    .trim();
  const stem = [...base.replace(/\.[A-Za-z0-9]{1,5}$/, '')].slice(0, 90).join('') || '附件';
  return `${stem}.${kind}`;
}
