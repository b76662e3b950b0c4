import crypto from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Db } from '../index.js';
import type { Database, RegistrationAttachmentTable, RegistrationTable, RegistrationVersionTable } from '../schema.js';
import type { QualificationType } from '../../../shared/qualification-labels.js';

/** The filing window as stored or by default; dates 'YYYY-MM-DD' in Asia/Shanghai, both ends inclusive. */
export interface FilingWindow {
  dataYear: number;
  opensOn: string;
  closesOn: string;
  /** false: no row, the default window (open all year for last year's data). */
  configured: boolean;
}

/** The default window: the whole calendar year of `today`, for the year before. */
export function defaultFilingWindow(today: string): FilingWindow {
  const year = Number(today.slice(0, 4));
  return { dataYear: year - 1, opensOn: `${year}-01-01`, closesOn: `${year}-12-31`, configured: false };
}

/** Both ends inclusive: from 00:00 of the open date to 23:59:59 of the close date (Shanghai dates compare as text). */
export const isWindowOpen = (window: FilingWindow, today: string) => today >= window.opensOn && today <= window.closesOn;

export interface ConsentRow {
  consented: boolean;
  noticeVersion: number;
  accountId: string;
  changedAt: string;
}

type Executor = Kysely<Database> | Transaction<Database>;

/**
 * 融资服务专区: 提示事项 versions, consent, the filing window, registrations and their
 * versions. Payload JSON arrives here already sealed (personal data encrypted by the service).
 */
export function financingRepo(db: Db) {
  const k = db.kysely;

  /** The newest 提示事项 version that changed the data use: consent given under an older one no longer counts. */
  async function dataUseVersion(executor: Executor = k): Promise<number> {
    const row = await executor.selectFrom('financing_notices').select((eb) => eb.fn.max('version').as('v')).where('changes_data_use', '=', 1).executeTakeFirst();
    return Number(row?.v ?? 0);
  }

  return {
    // ---- qualifications (read) -------------------------------------------------------------

    /** Qualifications of the four types valid on `today` (from ≤ today ≤ until, not revoked). */
    async validQualifications(uscc: string, today: string) {
      return k
        .selectFrom('qualifications')
        .select(['type', 'cert_no', 'valid_until', 'recognized_on'])
        .where('uscc', '=', uscc)
        .where('status', '=', 'active')
        .where('type', 'in', ['kjx', 'cxx', 'zjtx', 'xjr'] satisfies QualificationType[])
        .where('recognized_on', '<=', today)
        .where('valid_until', '>=', today)
        .orderBy('type')
        .orderBy('valid_until', 'desc')
        .execute();
    },

    async registryEnterprise(uscc: string) {
      return k.selectFrom('enterprise_registry').select(['uscc', 'name', 'industry_code', 'division_code', 'established_on']).where('uscc', '=', uscc).executeTakeFirst();
    },

    async verifiedUsccOfAccount(accountId: string) {
      const row = await k.selectFrom('accounts').select(['verified_uscc', 'user_type', 'enterprise_name']).where('id', '=', accountId).executeTakeFirst();
      return row ?? null;
    },

    // ---- 提示事项 ---------------------------------------------------------------------------

    async currentNotice() {
      return k.selectFrom('financing_notices').selectAll().orderBy('version', 'desc').limit(1).executeTakeFirstOrThrow();
    },

    /** A new 提示事项 version (管理端 【系统设置】); `changesDataUse` asks every enterprise's consent again. */
    async publishNotice(input: { title: string; body: string; changesDataUse: boolean; by: string | null; at: string }): Promise<number> {
      return k.transaction().execute(async (trx) => {
        const last = await trx.selectFrom('financing_notices').select((eb) => eb.fn.max('version').as('v')).executeTakeFirst();
        const version = Number(last?.v ?? 0) + 1;
        await trx
          .insertInto('financing_notices')
          .values({ version, title: input.title, body: input.body, changes_data_use: input.changesDataUse ? 1 : 0, created_at: input.at, created_by: input.by })
          .execute();
        return version;
      });
    },

    dataUseVersion: () => dataUseVersion(),

    // ---- consent ---------------------------------------------------------------------------

    async consentOf(uscc: string): Promise<ConsentRow | null> {
      const row = await k.selectFrom('financing_consents').selectAll().where('uscc', '=', uscc).executeTakeFirst();
      return row ? { consented: row.consented === 1, noticeVersion: row.notice_version, accountId: row.account_id, changedAt: row.changed_at } : null;
    },

    /**
     * Sets the consent and records an event, in one transaction, only when the effective
     * state changes (given under the current data use or not). Returns whether it changed.
     */
    async setConsent(input: { uscc: string; consented: boolean; noticeVersion: number; accountId: string; at: string }): Promise<boolean> {
      return k.transaction().execute(async (trx) => {
        const row = await trx.selectFrom('financing_consents').selectAll().where('uscc', '=', input.uscc).executeTakeFirst();
        const useVersion = await dataUseVersion(trx);
        // Consent stands only when given under the current data use; a refusal stands always.
        if (input.consented && row?.consented === 1 && row.notice_version >= useVersion) return false;
        if (!input.consented && (row === undefined || row.consented === 0)) return false;
        const values = { consented: input.consented ? 1 : 0, notice_version: input.noticeVersion, account_id: input.accountId, changed_at: input.at };
        if (row) await trx.updateTable('financing_consents').set(values).where('uscc', '=', input.uscc).execute();
        else await trx.insertInto('financing_consents').values({ uscc: input.uscc, ...values }).execute();
        await trx
          .insertInto('financing_consent_events')
          .values({ id: crypto.randomUUID(), uscc: input.uscc, consented: values.consented, notice_version: input.noticeVersion, account_id: input.accountId, at: input.at })
          .execute();
        return true;
      });
    },

    async consentEvents(uscc: string) {
      return k.selectFrom('financing_consent_events').selectAll().where('uscc', '=', uscc).orderBy('at').orderBy('id').execute();
    },

    /** For the 金融机构端: whether the enterprise's consent stands under the current data use. */
    async hasConsent(uscc: string): Promise<boolean> {
      const useVersion = await dataUseVersion();
      const row = await k.selectFrom('financing_consents').select(['consented', 'notice_version']).where('uscc', '=', uscc).executeTakeFirst();
      return row !== undefined && row.consented === 1 && row.notice_version >= useVersion;
    },

    /** For the 金融机构端: every enterprise whose consent stands under the current data use. */
    async consentingEnterprises(): Promise<string[]> {
      const useVersion = await dataUseVersion();
      const rows = await k.selectFrom('financing_consents').select('uscc').where('consented', '=', 1).where('notice_version', '>=', useVersion).orderBy('uscc').execute();
      return rows.map((r) => r.uscc);
    },

    // ---- filing window (管理端 【系统设置】 edits it) --------------------------------------

    async filingWindow(today: string): Promise<FilingWindow> {
      const row = await k.selectFrom('filing_window').selectAll().where('id', '=', 1).executeTakeFirst();
      return row ? { dataYear: row.data_year, opensOn: row.opens_on, closesOn: row.closes_on, configured: true } : defaultFilingWindow(today);
    },

    async setFilingWindow(input: { dataYear: number; opensOn: string; closesOn: string; by: string | null; at: string }): Promise<void> {
      const values = { data_year: input.dataYear, opens_on: input.opensOn, closes_on: input.closesOn, updated_at: input.at, updated_by: input.by };
      await k
        .insertInto('filing_window')
        .values({ id: 1, ...values })
        .onConflict((oc) => oc.column('id').doUpdateSet(values))
        .execute();
    },

    // ---- registrations ---------------------------------------------------------------------

    async registrationOf(uscc: string, dataYear: number, executor: Executor = k) {
      return executor.selectFrom('registrations').selectAll().where('uscc', '=', uscc).where('data_year', '=', dataYear).executeTakeFirst();
    },

    /** First save: a new registration with revision 1 (a concurrent first save loses on the unique key). */
    async insertRegistration(row: RegistrationTable, executor: Executor = k) {
      await executor.insertInto('registrations').values(row).execute();
    },

    /** Writes when the stored revision is `revision`; the revision goes up by one. False: somebody was first. */
    async updateRegistrationAt(id: string, revision: number, changes: Partial<Omit<RegistrationTable, 'id' | 'revision'>>, executor: Executor = k): Promise<boolean> {
      const result = await executor
        .updateTable('registrations')
        .set({ ...changes, revision: revision + 1 })
        .where('id', '=', id)
        .where('revision', '=', revision)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async insertVersion(row: RegistrationVersionTable, executor: Executor = k) {
      await executor.insertInto('registration_versions').values(row).execute();
    },

    async acceptanceNoTaken(acceptanceNo: string, executor: Executor = k) {
      return (await executor.selectFrom('registration_versions').select('id').where('acceptance_no', '=', acceptanceNo).executeTakeFirst()) !== undefined;
    },

    async versionByRevision(registrationId: string, basedOnRevision: number) {
      return k.selectFrom('registration_versions').selectAll().where('registration_id', '=', registrationId).where('based_on_revision', '=', basedOnRevision).executeTakeFirst();
    },

    async latestVersion(registrationId: string, executor: Executor = k) {
      return executor.selectFrom('registration_versions').selectAll().where('registration_id', '=', registrationId).orderBy('version', 'desc').limit(1).executeTakeFirst();
    },

    async versions(registrationId: string) {
      return k
        .selectFrom('registration_versions')
        .select(['id', 'version', 'acceptance_no', 'submitted_at'])
        .where('registration_id', '=', registrationId)
        .orderBy('version', 'desc')
        .execute();
    },

    /** A version of this enterprise only (object-level authorisation in the query). */
    async versionOf(uscc: string, id: string) {
      return k.selectFrom('registration_versions').selectAll().where('id', '=', id).where('uscc', '=', uscc).executeTakeFirst();
    },

    transaction<T>(work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
      return k.transaction().execute(work);
    },

    // ---- ③ 附件 -----------------------------------------------------------------------------

    insertAttachment: (row: RegistrationAttachmentTable) => k.insertInto('registration_attachments').values(row).execute(),

    async attachmentOf(uscc: string, id: string) {
      return k.selectFrom('registration_attachments').selectAll().where('id', '=', id).where('uscc', '=', uscc).executeTakeFirst();
    },

    async attachmentsOf(uscc: string, ids: readonly string[]) {
      if (ids.length === 0) return [];
      return k.selectFrom('registration_attachments').selectAll().where('uscc', '=', uscc).where('id', 'in', [...ids]).execute();
    },
  };
}

export type FinancingRepo = ReturnType<typeof financingRepo>;
