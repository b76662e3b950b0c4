import type { z } from 'zod';
import type { Clock } from '../clock.js';
import type { SmsSender } from '../adapters/sms.js';
import type { PiiCrypto } from '../security/pii-crypto.js';
import type { AccountRepo, AccountRow } from '../db/repos/accounts.js';
import type { ReviewKind, ReviewRequestTable } from '../db/schema.js';
import type { CredentialChanges } from '../domain/credential-changes.js';
import type { ReviewField } from '../../shared/review-labels.js';

/** Personal data that the console shows masked until an audited 【查看】 (quality.md: persons' names too). */
export type Sensitive = 'mobile' | 'idNumber' | 'name';

/** Something the applicant typed, shown as is (or masked when sensitive). */
export interface ApplicantField {
  field: ReviewField;
  value: string | null;
  sensitive?: Sensitive;
}

/** The applicant's value beside the account's verified one (null: the account has none). */
export interface ComparedField {
  field: ReviewField;
  applicant: string | null;
  account: string | null;
  sensitive?: Sensitive;
}

/** What an operator sees of a request, in full: the service masks it for the page. */
export interface ReviewView {
  applicant: ApplicantField[];
  /** Kinds that check the request against the account's record (手机号修改); null otherwise. */
  comparison: ComparedField[] | null;
}

/** What approving and rejecting may touch. */
export interface ReviewKindDeps {
  accounts: AccountRepo;
  credentials: CredentialChanges;
  sms: SmsSender;
  pii: PiiCrypto;
  clock: Clock;
}

export interface Decision {
  request: ReviewRequestTable;
  /** The account of the request, when it has one. */
  account: AccountRow | undefined;
  operator: { id: string; ip: string };
}

/** 通过 is only given to a request whose account exists and is active. */
export type Approval = Decision & { account: AccountRow };

/**
 * One kind of 人工核验 request (手机号修改, 实名认证, later 登记 review): the shape of what the
 * applicant filed, who decides it, what the operator sees, and what 通过 / 驳回 do.
 */
export interface ReviewKindModule<P> {
  kind: ReviewKind;
  /** The filed payload (stored encrypted), checked when filed and when read back. */
  payloadSchema: z.ZodType<P>;
  /**
   * Division code whose operators decide the request; null = 部级 only. `account` is the
   * account the request is about (null when none matched). Never what the applicant typed
   * about themselves.
   */
  regionOf(payload: P, account: AccountRow | null, pii: PiiCrypto): string | null;
  view(payload: P, account: AccountRow | undefined, pii: PiiCrypto): ReviewView;
  /** Applies the request to its (active) account; runs after the decision was claimed and reopens it on error. */
  approve(payload: P, approval: Approval, deps: ReviewKindDeps): Promise<void>;
  /** Tells the applicant; runs after the decision was claimed. */
  reject(payload: P, decision: Decision, reason: string, deps: ReviewKindDeps): Promise<void>;
}

/** A request's kind with its payload parsed: what the rest of the code calls. */
export interface ReviewOfKind {
  payload: unknown;
  regionOf(account: AccountRow | null, pii: PiiCrypto): string | null;
  view(account: AccountRow | undefined, pii: PiiCrypto): ReviewView;
  approve(approval: Approval, deps: ReviewKindDeps): Promise<void>;
  reject(decision: Decision, reason: string, deps: ReviewKindDeps): Promise<void>;
}

export function bindPayload<P>(module: ReviewKindModule<P>, raw: unknown): ReviewOfKind {
  const payload = module.payloadSchema.parse(raw);
  return {
    payload,
    regionOf: (account, pii) => module.regionOf(payload, account, pii),
    view: (account, pii) => module.view(payload, account, pii),
    approve: (approval, deps) => module.approve(payload, approval, deps),
    reject: (decision, reason, deps) => module.reject(payload, decision, reason, deps),
  };
}
