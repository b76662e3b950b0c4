import type { Kysely } from 'kysely';
import type { Clock } from '../../clock.js';
import { shanghaiDate } from '../../clock.js';
import type { Db } from '../../db/index.js';
import type { Database } from '../../db/schema.js';
import { enterpriseProfilesRepo, type EnterpriseProfileChanges, type EnterpriseProfileRow } from '../../db/repos/enterprise-profiles.js';
import { AppError } from '../../errors.js';
import type { AuditLog } from '../../security/audit.js';
import type { PiiCrypto } from '../../security/pii-crypto.js';
import type { EnterpriseCaller } from '../enterprise-session.js';
import {
  profileCompleteness,
  type EnterpriseProfileAnswer,
  type EnterpriseProfileInput,
  type EnterpriseProfileView,
  type QualificationsAnswer,
} from '../../../shared/schemas/enterprise.js';
import { classifyEnterpriseSize, describeSizeFigures, sizeMeasuresOf, sizeSectorOf, SIZE_NOT_APPLICABLE_LABEL } from '../../../shared/enterprise-size.js';
import { QUALIFICATION_STATE_LABELS, qualificationState, type CompanyType } from '../../../shared/enterprise-labels.js';
import { QUALIFICATION_TYPE_LABELS } from '../../../shared/qualification-labels.js';
import { middleClassOf } from '../../../shared/industry.js';
import { districtOf, isDistrictCode, provinceOf } from '../../../shared/regions.js';
import { usccDivisionCode, validateMoneyWan } from '../../../shared/validators/index.js';

export interface EnterpriseProfileDeps {
  db: Db;
  pii: Pick<PiiCrypto, 'encrypt' | 'decrypt'>;
  clock: Clock;
  audit: AuditLog;
}

/** The fields that ①企业基本情况 of the registration shares with 企业信息 (its keys). */
export interface RegistrationBasics {
  industryCode: string;
  districtCode: string;
  establishedOn: string;
  employees: number;
  revenue: string;
  assets: string;
  contactName: string;
  contactMobile: string;
}

const EMPTY: EnterpriseProfileView = {
  districtCode: null,
  addressDetail: null,
  establishedOn: null,
  registeredCapitalWan: null,
  companyType: null,
  industryCode: null,
  mainBusiness: null,
  employees: null,
  revenueWan: null,
  assetsWan: null,
  contactName: null,
  contactMobile: null,
  contactEmail: null,
  businessAddress: null,
  website: null,
  listed: null,
  listingBoard: null,
  stockCode: null,
  intro: null,
};

/** 企业类型 as the name says it (a default only; the enterprise confirms it). */
function companyTypeOfName(name: string): CompanyType | null {
  if (/股份有限公司$/.test(name)) return 'joint_stock';
  if (/(有限责任公司|有限公司)$/.test(name)) return 'llc';
  return null;
}

/** The registry's 住所 without the 省/市/区县 that the cascader already says. */
function addressDetailOf(address: string, districtCode: string | null): string {
  const d = districtCode ? districtOf(districtCode) : null;
  let rest = address.trim();
  if (d) for (const part of [d.province.name, d.city.name, d.district.name]) if (rest.startsWith(part)) rest = rest.slice(part.length);
  return rest || address.trim();
}

/** 企业规模 of the values, or null while 所属行业 or a figure its sector uses is missing. */
function sizeOf(values: EnterpriseProfileView): EnterpriseProfileAnswer['size'] {
  if (!values.industryCode) return null;
  const sector = sizeSectorOf(values.industryCode);
  if (!sector) return { size: '不适用', label: SIZE_NOT_APPLICABLE_LABEL, sector: null, figures: '' };
  const given = { employees: values.employees, revenueWan: values.revenueWan, assetsWan: values.assetsWan };
  if (sizeMeasuresOf(sector).some((m) => given[m] === null)) return null;
  const result = classifyEnterpriseSize({ industryCode: values.industryCode, employees: given.employees ?? 0, revenueWan: given.revenueWan ?? '0', assetsWan: given.assetsWan ?? '0' });
  return { size: result.size, label: result.label, sector: result.sector, figures: describeSizeFigures(result.figures) };
}

/**
 * 企业信息管理 (flows.md): 企业信息 of the caller's enterprise (read, save, defaults from the
 * registry) and its 认定情况. Every method is scoped by the verified USCC of the session.
 * Also the 融资服务专区 registration's EnterpriseProfilePort: the gate (`isComplete`), the
 * prefill of ① (`prefillBasic`) and the save-back on 【提交】 (`saveBasic`).
 */
export function createEnterpriseProfiles(deps: EnterpriseProfileDeps) {
  const repo = enterpriseProfilesRepo(deps.db);
  const { pii } = deps;
  const dec = (value: string | null) => (value === null ? null : pii.decrypt(value));
  const enc = (value: string | null) => (value === null ? null : pii.encrypt(value));

  function valuesOf(row: EnterpriseProfileRow): EnterpriseProfileView {
    return {
      districtCode: row.district_code,
      addressDetail: row.address_detail,
      establishedOn: row.established_on,
      registeredCapitalWan: row.registered_capital,
      companyType: row.company_type,
      industryCode: row.industry_code,
      mainBusiness: row.main_business,
      employees: row.employees === null ? null : Number(row.employees),
      revenueWan: row.revenue,
      assetsWan: row.assets,
      contactName: dec(row.contact_name_enc),
      contactMobile: dec(row.contact_mobile_enc),
      contactEmail: dec(row.contact_email_enc),
      businessAddress: row.business_address,
      website: row.website,
      listed: row.listed === null ? null : Number(row.listed) === 1,
      listingBoard: row.listing_board,
      stockCode: row.stock_code,
      intro: row.intro,
    };
  }

  /** What a profile nobody saved yet starts from: the registry stand-in, else the USCC. */
  async function defaultsOf(uscc: string): Promise<EnterpriseProfileView> {
    const registry = await repo.registry(uscc);
    const candidates = [registry?.division_code, usccDivisionCode(uscc)];
    const districtCode = candidates.find((c): c is string => !!c && isDistrictCode(c)) ?? null;
    if (!registry) return { ...EMPTY, districtCode };
    const capital = validateMoneyWan(registry.registered_capital);
    return {
      ...EMPTY,
      districtCode,
      addressDetail: registry.address ? addressDetailOf(registry.address, districtCode) : null,
      establishedOn: registry.established_on || null,
      registeredCapitalWan: capital.ok ? capital.value : null,
      companyType: companyTypeOfName(registry.name),
      industryCode: middleClassOf(registry.industry_code),
    };
  }

  async function current(uscc: string) {
    const row = await repo.find(uscc);
    return row ? { saved: true, values: valuesOf(row), updatedAt: row.updated_at } : { saved: false, values: await defaultsOf(uscc), updatedAt: null };
  }

  /** The real-name record of the caller; 403 unless it is still the verified 法人 of this USCC. */
  async function recordOf(caller: EnterpriseCaller) {
    const account = await repo.account(caller.accountId);
    if (!account || account.status !== 'active' || account.user_type !== 'legal' || account.realname_status !== 'verified' || account.verified_uscc !== caller.uscc) {
      throw new AppError('FORBIDDEN');
    }
    return { enterpriseName: account.enterprise_name ?? '', legalRepName: dec(account.legal_rep_name_enc) ?? '' };
  }

  async function answer(caller: EnterpriseCaller): Promise<EnterpriseProfileAnswer> {
    const record = await recordOf(caller);
    const { saved, values, updatedAt } = await current(caller.uscc);
    return {
      enterpriseName: record.enterpriseName,
      uscc: caller.uscc,
      legalRepName: record.legalRepName,
      saved,
      updatedAt,
      profile: values,
      completeness: profileCompleteness(values),
      size: sizeOf(values),
    };
  }

  /**
   * Writes the changes; a change of the 注册地址's province (against the stored one, else the
   * default) is audited in the same transaction. The region for scope is not this address.
   */
  async function write(caller: EnterpriseCaller, changes: Omit<EnterpriseProfileChanges, 'updated_at' | 'updated_by'>, ip: string | null) {
    const at = deps.clock.now().toISOString();
    const before = (await repo.find(caller.uscc))?.district_code ?? (await defaultsOf(caller.uscc)).districtCode;
    const after = changes.district_code;
    await deps.db.kysely.transaction().execute(async (trx: Kysely<Database>) => {
      await repo.upsert(caller.uscc, { ...changes, updated_at: at, updated_by: caller.accountId }, trx);
      if (before && after && before.slice(0, 2) !== after.slice(0, 2)) {
        await deps.audit.append(
          {
            actorType: 'account',
            actorId: caller.accountId,
            action: 'enterprise.registered_address_province_change',
            targetType: 'enterprise',
            targetId: caller.uscc,
            ip,
            details: { from: before.slice(0, 2), fromName: provinceOf(before)?.name ?? null, to: after.slice(0, 2), toName: provinceOf(after)?.name ?? null },
          },
          trx,
        );
      }
    });
  }

  return {
    /** 【企业信息】: the stored profile, or the defaults while nothing is saved. */
    read: answer,

    /** 【保存】 of 企业信息 (every required field given; optional ones may be null). */
    async save(caller: EnterpriseCaller, input: EnterpriseProfileInput, meta: { ip: string | null }): Promise<EnterpriseProfileAnswer> {
      await recordOf(caller);
      await write(
        caller,
        {
          district_code: input.districtCode,
          address_detail: input.addressDetail,
          established_on: input.establishedOn,
          registered_capital: input.registeredCapitalWan,
          company_type: input.companyType,
          industry_code: input.industryCode,
          main_business: input.mainBusiness,
          employees: input.employees,
          revenue: input.revenueWan,
          assets: input.assetsWan,
          contact_name_enc: enc(input.contactName),
          contact_mobile_enc: enc(input.contactMobile),
          contact_email_enc: enc(input.contactEmail),
          business_address: input.businessAddress,
          website: input.website,
          listed: input.listed ? 1 : 0,
          listing_board: input.listed ? input.listingBoard : null,
          stock_code: input.listed ? input.stockCode : null,
          intro: input.intro,
        },
        meta.ip,
      );
      return answer(caller);
    },

    /** 【认定情况】: the enterprise's qualifications with 状态 on today's date (Asia/Shanghai). */
    async qualifications(caller: EnterpriseCaller): Promise<QualificationsAnswer> {
      await recordOf(caller);
      const today = shanghaiDate(deps.clock.now());
      const rows = await repo.qualifications(caller.uscc);
      return {
        items: rows.map((r) => {
          const state = qualificationState({ status: r.status, recognizedOn: r.recognized_on, validUntil: r.valid_until }, today);
          return {
            id: r.id,
            type: r.type,
            typeLabel: QUALIFICATION_TYPE_LABELS[r.type],
            certNo: r.cert_no,
            batch: r.batch,
            recognizedOn: r.recognized_on,
            validUntil: r.valid_until,
            state,
            stateLabel: QUALIFICATION_STATE_LABELS[state],
            authority: r.authority,
            revokedReason: r.status === 'revoked' ? r.revoked_reason : null,
          };
        }),
      };
    },

    /** The stored 企业信息 (saved: true), else the defaults from the registry (saved: false). */
    readProfile: (uscc: string) => current(uscc),

    /** Completeness of the stored 企业信息 (nothing stored: everything missing). */
    async completeness(uscc: string) {
      const row = await repo.find(uscc);
      return profileCompleteness(row ? valuesOf(row) : null);
    },

    /** The registration gate: is the stored 企业信息 complete (form.md)? */
    async isComplete(uscc: string): Promise<boolean> {
      const row = await repo.find(uscc);
      return row !== undefined && profileCompleteness(valuesOf(row)).complete;
    },

    /**
     * ① of a new registration pre-filled from 企业信息 (stored, else the registry defaults);
     * what 企业信息 does not have stays null. Keys as ① names them.
     */
    async prefillBasic(uscc: string) {
      const { values } = await current(uscc);
      return {
        industryCode: values.industryCode,
        districtCode: values.districtCode,
        establishedOn: values.establishedOn,
        employees: values.employees,
        revenue: values.revenueWan,
        assets: values.assetsWan,
        contactName: values.contactName,
        contactMobile: values.contactMobile,
      };
    },

    /**
     * On 提交 of a registration: ①'s fields that 企业信息 shares are saved back (the others of
     * 企业信息 stay as they are). Pass the validated ① (RegistrationBasic has these keys).
     */
    async saveBasic(uscc: string, basics: RegistrationBasics, actor: { accountId: string; ip: string | null }): Promise<void> {
      await write(
        { accountId: actor.accountId, uscc },
        {
          industry_code: basics.industryCode,
          district_code: basics.districtCode,
          established_on: basics.establishedOn,
          employees: basics.employees,
          revenue: basics.revenue,
          assets: basics.assets,
          contact_name_enc: enc(basics.contactName),
          contact_mobile_enc: enc(basics.contactMobile),
        },
        actor.ip,
      );
    },
  };
}

export type EnterpriseProfiles = ReturnType<typeof createEnterpriseProfiles>;
