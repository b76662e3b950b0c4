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
}

export interface Database {
  operators: OperatorTable;
  oidc_payloads: OidcPayloadTable;
  review_requests: ReviewRequestTable;
  accounts: AccountTable;
  login_records: LoginRecordTable;
  enterprise_registry: EnterpriseRegistryTable;
  qualifications: QualificationTable;
  content_items: ContentItemTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  state_entries: StateEntryTable;
  verifications: VerificationTable;
  sessions: SessionTable;
}
