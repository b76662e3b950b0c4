/**
 * Table types for kysely. Conventions (ADR 0002): times are ISO-8601 UTC text, calendar
 * dates 'YYYY-MM-DD' text, booleans 0/1 integers, money in 万元 as decimal text, expiry
 * instants used in comparisons as epoch milliseconds (bigint). Personal data columns end
 * in `_enc` (SM4 ciphertext) with a `_hash` lookup column beside them where we search.
 */


export interface EnterpriseRegistryTable {
  uscc: string;
  name: string;
  legal_rep_name: string;
  legal_rep_id_enc: string;
  legal_rep_id_hash: string;
  division_code: string;
  industry_code: string;
  established_on: string;
  registered_capital: string;
  address: string;
  created_at: string;
}

export type QualificationType = 'kjx' | 'cxx' | 'zjtx' | 'xjr';

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
  kind: 'policy' | 'notice';
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

export interface Database {
  enterprise_registry: EnterpriseRegistryTable;
  qualifications: QualificationTable;
  content_items: ContentItemTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  state_entries: StateEntryTable;
  verifications: VerificationTable;
  sessions: SessionTable;
}
