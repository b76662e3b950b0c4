/**
 * Table types for kysely. Conventions (ADR 0002): times are ISO-8601 UTC text, calendar
 * dates 'YYYY-MM-DD' text, booleans 0/1 integers, money in 万元 as decimal text, expiry
 * instants used in comparisons as epoch milliseconds (bigint). Personal data columns end
 * in `_enc` (SM4 ciphertext) with a `_hash` lookup column beside them where we search.
 */
// The value sets live beside their Chinese labels (src/shared/*-labels.ts).
import type { AccountStatus, LoginResult, RealnameStatus, UserType } from '../../shared/account-labels.js';
import type { ContentKind } from '../../shared/content-labels.js';
import type { OperatorRole } from '../../shared/operator-labels.js';
import type { QualificationType } from '../../shared/qualification-labels.js';
import type { CompanyType, ListingBoard } from '../../shared/enterprise-labels.js';
import type { ReviewKind, ReviewStatus } from '../../shared/review-labels.js';

export interface EnterpriseRegistryTable {
  uscc: string;
  name: string;
  legal_rep_name_enc: string;
  /** Lookup hash (purpose 'legal_rep_name'): 实名认证 compares the claimed name with it. */
  legal_rep_name_hash: string;
  legal_rep_id_enc: string;
  legal_rep_id_hash: string;
  division_code: string;
  industry_code: string;
  established_on: string;
  registered_capital: string;
  address: string;
  created_at: string;
}

export type { QualificationType };

export interface QualificationTable {
  id: string;
  uscc: string;
  type: QualificationType;
  cert_no: string;
  batch: string;
  recognized_on: string;
  valid_until: string;
  status: 'active' | 'revoked';
  authority: string;
  revoked_reason: string | null;
  created_at: string;
  updated_at: string;
  /** The registry's division code of the enterprise, else the USCC's (0011); operators' scope. */
  region_code: string;
  revoked_at?: string | null;
  revoked_by?: string | null;
}

/** A background job (0011): imports, exports, recomputations; see jobs/runner.ts. */
export interface JobTable {
  id: string;
  kind: string;
  /** What the job does next (a qualification import: 'check', then 'import' once confirmed). */
  phase: string;
  status: 'queued' | 'running' | 'waiting' | 'succeeded' | 'failed' | 'cancelled';
  owner_id: string;
  /** JSON: what the job works on. */
  params: string;
  progress_done: number;
  progress_total: number;
  /** Units of work committed (an import: source rows), where a resumed job continues. */
  checkpoint: number;
  /** JSON: what the owner sees when the phase ends. */
  result: string | null;
  /** Chinese message when the job failed. */
  error: string | null;
  lease_owner: string | null;
  /** Epoch ms; a running job whose lease ran out is taken up again. */
  lease_until: number | null;
  attempts: number;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  updated_at: string;
}

/** 企业信息 of an enterprise (0008); null = not given yet. Contacts encrypted (`_enc`). */
export interface EnterpriseProfileTable {
  uscc: string;
  /** 6-digit 区县 code of the 注册地址 the enterprise typed (never used for scope). */
  district_code: string | null;
  address_detail: string | null;
  established_on: string | null;
  /** 万元, decimal text. */
  registered_capital: string | null;
  company_type: CompanyType | null;
  /** GB/T 4754-2017 中类 (3 characters). */
  industry_code: string | null;
  main_business: string | null;
  employees: number | null;
  /** 上年度营业收入 / 上年度资产总额, 万元. */
  revenue: string | null;
  assets: string | null;
  contact_name_enc: string | null;
  contact_mobile_enc: string | null;
  contact_email_enc: string | null;
  business_address: string | null;
  website: string | null;
  listed: number | null;
  listing_board: ListingBoard | null;
  stock_code: string | null;
  intro: string | null;
  /** Account that saved last. */
  updated_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface ContentItemTable {
  id: string;
  kind: ContentKind;
  title: string;
  summary: string;
  body: string;
  published_on: string;
  created_at: string;
  updated_at: string;
}

export interface AuditLogTable {
  seq: number;
  at: string;
  actor_type: string;
  actor_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  details: string;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface StateEntryTable {
  key: string;
  value: string;
  expires_at: number;
}

export interface VerificationTable {
  target_hash: string;
  purpose: string;
  code_hash: string;
  expires_at: number;
  tries: number;
  created_at: string;
}

export interface SessionTable {
  id_hash: string;
  realm: string;
  account_id: string;
  data: string;
  created_at: string;
  last_seen_at: number;
  absolute_expires_at: number;
  ip: string | null;
  user_agent: string | null;
}

export type { UserType };

export interface AccountTable {
  id: string;
  login_name: string;
  login_name_key: string;
  password_hash: string;
  mobile_enc: string;
  mobile_hash: string;
  email_enc: string | null;
  email_hash: string | null;
  user_type: UserType | null;
  realname_status: RealnameStatus;
  verified_uscc: string | null;
  enterprise_name: string | null;
  legal_rep_name_enc: string | null;
  person_name_enc: string | null;
  id_number_enc: string | null;
  id_number_hash: string | null;
  status: AccountStatus;
  created_at: string;
  updated_at: string;
  verified_at: string | null;
  disabled_at: string | null;
}

export interface LoginRecordTable {
  id: string;
  account_id: string;
  at: string;
  ip: string | null;
  user_agent: string | null;
  result: LoginResult;
}

export type { ReviewKind, ReviewStatus };

export interface ReviewRequestTable {
  id: string;
  acceptance_no: string;
  kind: ReviewKind;
  account_id: string | null;
  account_type: UserType;
  /** Division code whose operators decide the request; null = 部级 only. */
  region_code: string | null;
  status: ReviewStatus;
  payload_enc: string;
  new_mobile_hash: string | null;
  /** JSON object: file role → stored file id. */
  files: string;
  created_at: string;
  decided_at: string | null;
  decided_by: string | null;
  reject_reason: string | null;
}

export interface OidcPayloadTable {
  model: string;
  id: string;
  payload: string;
  grant_id: string | null;
  user_code: string | null;
  uid: string | null;
  expires_at: number | null;
  consumed_at: number | null;
}

export type { OperatorRole };

export interface OperatorTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  role: OperatorRole;
  /** '' for 部级; the province (2 digits) or city (4 digits) of the division code. */
  region_code: string;
  totp_secret_enc: string | null;
  totp_enrolled: number;
  /** Last accepted TOTP time step (a code is accepted once). */
  last_totp_step: number;
  status: 'active' | 'disabled';
  created_at: string;
  updated_at: string;
  /** 1: may open 【审计日志】 (0012). */
  is_auditor: number;
  /** The operator who created the account; null for seeded ones (0012). */
  created_by: string | null;
}

/** 提示事项 versions (0009); changes_data_use = 1 asks for consent again. */
export interface FinancingNoticeTable {
  version: number;
  title: string;
  body: string;
  changes_data_use: number;
  created_at: string;
  created_by: string | null;
}

/** An enterprise's current consent to push its registration to partner institutions (0009). */
export interface FinancingConsentTable {
  uscc: string;
  consented: number;
  notice_version: number;
  account_id: string;
  changed_at: string;
}

/** One change of consent (0009). */
export interface FinancingConsentEventTable {
  id: string;
  uscc: string;
  consented: number;
  notice_version: number;
  account_id: string;
  at: string;
}

/** The filing window, one row with id 1 (0009); none = open all year for last year's data. */
export interface FilingWindowTable {
  id: number;
  data_year: number;
  opens_on: string;
  closes_on: string;
  updated_at: string;
  updated_by: string | null;
}

/** One 创新积分 registration per enterprise per 数据年度 (0009). */
export interface RegistrationTable {
  id: string;
  uscc: string;
  data_year: number;
  /** 'draft': a draft is open (first filing or a 【修改】); 'submitted': the latest version stands. */
  status: 'draft' | 'submitted';
  revision: number;
  /** JSON of the draft, 联系人 and 联系人手机 encrypted inside; null while submitted. */
  draft: string | null;
  draft_saved_at: string | null;
  latest_version: number;
  created_at: string;
  updated_at: string;
}

/** An immutable submitted version (0009). */
export interface RegistrationVersionTable {
  id: string;
  registration_id: string;
  uscc: string;
  data_year: number;
  version: number;
  based_on_revision: number;
  acceptance_no: string;
  /** JSON, 联系人 and 联系人手机 encrypted inside. */
  payload: string;
  /** Keyed hash of the payload (tells a double submit from a different one). */
  payload_hash: string;
  submitted_at: string;
  submitted_by: string;
}

/** ③ 附件 of an enterprise (0009); the file is encrypted in the file store. */
export interface RegistrationAttachmentTable {
  id: string;
  uscc: string;
  file_id: string;
  name: string;
  size: number;
  kind: 'jpg' | 'png' | 'pdf';
  created_at: string;
  created_by: string;
}

/** Versions of the 创新积分 indicator catalogue (0010): JSON within shared/scoring/catalogue.ts bounds; one active. */
export interface IndicatorCatalogueTable {
  version: string;
  body: string;
  active: number;
  created_at: string;
  created_by: string | null;
}

/** Current 创新积分 of an enterprise per 数据年度 (0010): inputs in compact form and the result. */
export interface ScoreTable {
  id: string;
  uscc: string;
  data_year: number;
  registration_id: string;
  version_id: string;
  version: number;
  /** GB/T 4754 门类 letter ('' outside the table). */
  section: string;
  founded_year: number;
  /** The 18 values, comma-separated (shared/scoring/values.ts encoding; 'na' not applicable, 'loss' 净利润率 of a loss without revenue). */
  vals: string;
  catalogue_version: string;
  stage: 'startup' | 'growth' | 'mature';
  peer_group: number;
  peer_size: number;
  total_hundredths: number;
  /** The 18 indicator scores in hundredths of a point, comma-separated. */
  breakdown: string;
  computed_at: string;
  /** Null: the provisional score at 提交; else the recomputation that wrote it. */
  run_id: string | null;
}

/** Recomputations of all scores of a 数据年度 (0010), kept as history. */
export interface ScoreRunTable {
  id: string;
  data_year: number;
  catalogue_version: string;
  reason: string;
  status: 'running' | 'done' | 'failed';
  total_rows: number;
  processed_rows: number;
  changed_rows: number;
  started_at: string;
  finished_at: string | null;
  started_by: string | null;
  error: string | null;
}

/** A partner financial institution (0013). */
export interface InstitutionTable {
  id: string;
  name: string;
  status: 'active' | 'disabled';
  created_at: string;
  created_by: string | null;
}

/** A division-code prefix (2 or 4 digits) an institution serves (0013). */
export interface InstitutionRegionTable {
  institution_id: string;
  region_code: string;
}

/** A 金融机构端 user: password + TOTP through the operator login machinery (0013). */
export interface InstitutionUserTable {
  id: string;
  institution_id: string;
  username: string;
  display_name: string;
  password_hash: string;
  totp_secret_enc: string | null;
  totp_enrolled: number;
  last_totp_step: number;
  status: 'active' | 'disabled';
  created_at: string;
  updated_at: string;
  created_by: string | null;
}

/** One 对接 entry (0013): 已联系 / 已授信 (amount 万元, rate %, term 月) / 未通过 (reason). */
export interface MatchmakingRecordTable {
  id: string;
  institution_id: string;
  uscc: string;
  outcome: 'contacted' | 'granted' | 'rejected';
  amount: string | null;
  rate: string | null;
  term_months: number | null;
  reason: string | null;
  note: string | null;
  region_code: string;
  recorded_by: string;
  at: string;
}

/** A view of an enterprise's detail or contacts by an institution user (0013). */
export interface InstitutionViewTable {
  id: string;
  institution_id: string;
  uscc: string;
  kind: 'detail' | 'contact';
  user_id: string;
  at: string;
}

/** 【登记查询】 facets of a registration with a submitted version (0014); see admin/registrations. */
export interface RegistrationFacetTable {
  registration_id: string;
  uscc: string;
  data_year: number;
  /** The version the facets were taken from. */
  version: number;
  /** Registry 住所 division code, else the USCC's (characters 3–8). */
  region_code: string;
  /** GB/T 4754 中类 of the latest version; section its 门类 letter ('' outside the table). */
  industry_code: string;
  section: string;
  /** 企业规模: 大型 / 中型 / 小型 / 微型 / 不适用. */
  size: string;
  first_submitted_at: string;
  submitted_at: string;
}

export interface Database {
  operators: OperatorTable;
  oidc_payloads: OidcPayloadTable;
  review_requests: ReviewRequestTable;
  accounts: AccountTable;
  login_records: LoginRecordTable;
  enterprise_registry: EnterpriseRegistryTable;
  enterprise_profiles: EnterpriseProfileTable;
  qualifications: QualificationTable;
  jobs: JobTable;
  content_items: ContentItemTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  state_entries: StateEntryTable;
  verifications: VerificationTable;
  sessions: SessionTable;
  financing_notices: FinancingNoticeTable;
  financing_consents: FinancingConsentTable;
  financing_consent_events: FinancingConsentEventTable;
  filing_window: FilingWindowTable;
  registrations: RegistrationTable;
  registration_versions: RegistrationVersionTable;
  registration_attachments: RegistrationAttachmentTable;
  indicator_catalogues: IndicatorCatalogueTable;
  scores: ScoreTable;
  score_runs: ScoreRunTable;
  institutions: InstitutionTable;
  institution_regions: InstitutionRegionTable;
  institution_users: InstitutionUserTable;
  matchmaking_records: MatchmakingRecordTable;
  institution_views: InstitutionViewTable;
  registration_facets: RegistrationFacetTable;
}
