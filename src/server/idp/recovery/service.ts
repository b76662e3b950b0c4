import crypto from 'node:crypto';
import type { Clock } from '../../clock.js';
import type { Limits } from '../../config.js';
import type { PiiCrypto } from '../../security/pii-crypto.js';
import type { PasswordHasher } from '../../security/password-hasher.js';
import type { VerificationService } from '../../security/verification.js';
import type { CaptchaService } from '../../security/captcha-service.js';
import type { StateStore } from '../../security/state-store.js';
import type { AuditLog } from '../../security/audit.js';
import type { ReceivedFile } from '../../security/uploads.js';
import { padToFloor } from '../../security/timing.js';
import type { AccountRepo, AccountRow } from '../../db/repos/accounts.js';
import type { ReviewRequestRepo } from '../../db/repos/review-requests.js';
import type { CredentialChanges } from '../../domain/credential-changes.js';
import { AppError } from '../../errors.js';
import { errorMessages } from '../../../shared/errors.js';
import { checkPassword } from '../../../shared/validators/index.js';
import { REVIEW_NOT_FOUND } from '../../../shared/messages.js';
import { reviewStatusLabels } from '../../../shared/review-labels.js';
import { credentialChangeTexts } from '../../../shared/sms-templates.js';
import type { FileReviewRequest } from '../review-filing.js';
import type { RequestMeta } from '../accounts/service.js';

export interface RecoveryDeps {
  accounts: AccountRepo;
  reviews: ReviewRequestRepo;
  findByIdentifier(identifier: string): Promise<AccountRow | undefined>;
  credentials: CredentialChanges;
  clearLoginLocks(account: AccountRow): Promise<void>;
  pii: PiiCrypto;
  hasher: PasswordHasher;
  verification: VerificationService;
  captcha: CaptchaService;
  store: StateStore;
  audit: AuditLog;
  fileReviewRequest: FileReviewRequest;
  clock: Clock;
  limits: Limits;
}

const FLOW_TTL_MS = 15 * 60_000;

/**
 * 忘记密码 and 手机号修改 (邮箱核验 / 人工核验). Like kratos' recovery: the answers are the same
 * whether or not the account, the mobile or the e-mail exist, and take the same time.
 */
export function createRecoveryService(deps: RecoveryDeps) {
  const { accounts, pii, verification, store, audit, clock, limits } = deps;
  const now = () => clock.now().toISOString();
  const isActive = (a: AccountRow | undefined): a is AccountRow => a !== undefined && a.status === 'active';
  const mobileOf = (a: AccountRow) => pii.decrypt(a.mobile_enc);
  const invalidSmsCode = () => new AppError('SMS_CODE_INVALID', { smsCode: errorMessages.SMS_CODE_INVALID });

  async function requireCaptcha(captchaId: string, captchaAnswer: string) {
    if (!(await deps.captcha.check(captchaId, captchaAnswer))) {
      throw new AppError('CAPTCHA_INVALID', { captchaAnswer: errorMessages.CAPTCHA_INVALID });
    }
  }

  /** The account chosen in step 1 of 手机号修改 (null when none matched: nobody can tell). */
  async function flowAccount(flowToken: string): Promise<AccountRow | null> {
    const value = await store.get(`mc:${flowToken}`);
    if (value === null) throw new AppError('FLOW_EXPIRED');
    const { accountId } = JSON.parse(value) as { accountId: string | null };
    if (!accountId) return null;
    const account = await accounts.byId(accountId);
    return isActive(account) ? account : null;
  }

  return {

    /** 忘记密码 【获取验证码】: a code only when the mobile is the account's bound mobile. */
    async sendResetCode(input: { identifier: string; mobile: string; captchaId: string; captchaAnswer: string }, meta: RequestMeta) {
      return padToFloor(limits.enumerationFloorMs, async () => {
        await requireCaptcha(input.captchaId, input.captchaAnswer);
        const account = await deps.findByIdentifier(input.identifier);
        const matches = isActive(account) && mobileOf(account) === input.mobile;
        await verification.sendWithoutCaptcha({ target: { channel: 'sms', mobile: input.mobile }, purpose: 'reset_password', ip: meta.ip }, { deliver: matches });
        await audit.append({ actorType: 'anonymous', action: 'password.reset_code', targetType: matches ? 'account' : null, targetId: matches ? account!.id : null, ip: meta.ip, details: { matched: matches } });
      });
    },

    async resetPassword(input: { identifier: string; mobile: string; smsCode: string; newPassword: string }, meta: RequestMeta) {
      return padToFloor(limits.enumerationFloorMs, async () => {
        const account = await deps.findByIdentifier(input.identifier);
        // The code proves the mobile; the account must be bound to that same mobile.
        const codeOk = await verification.check({ channel: 'sms', mobile: input.mobile }, 'reset_password', input.smsCode);
        if (!codeOk || !isActive(account) || mobileOf(account) !== input.mobile) throw invalidSmsCode();
        const policy = checkPassword(input.newPassword, { loginName: account.login_name, mobile: input.mobile });
        if (!policy.ok) throw new AppError('PASSWORD_POLICY', { newPassword: policy.message }, policy.message);
        await accounts.update(account.id, { password_hash: await deps.hasher.hash(input.newPassword), updated_at: now() });
        await deps.clearLoginLocks(account);
        await audit.append({ actorType: 'account', actorId: account.id, action: 'password.reset', targetType: 'account', targetId: account.id, ip: meta.ip, details: {} });
        await deps.credentials.afterCredentialChange(account, credentialChangeTexts.passwordReset, {});
      });
    },

    /** 手机号修改 step 1: 账号 + captcha. Unknown accounts get a token too. */
    async startMobileChange(input: { identifier: string; captchaId: string; captchaAnswer: string }) {
      return padToFloor(limits.enumerationFloorMs, async () => {
        await requireCaptcha(input.captchaId, input.captchaAnswer);
        const account = await deps.findByIdentifier(input.identifier);
        const flowToken = crypto.randomBytes(24).toString('base64url');
        await store.set(`mc:${flowToken}`, JSON.stringify({ accountId: isActive(account) ? account.id : null }), FLOW_TTL_MS);
        return flowToken;
      });
    },

    /** 【发送邮箱验证码】 to the bound e-mail, never named; nothing is sent without one. */
    async sendMobileChangeEmailCode(flowToken: string, meta: RequestMeta) {
      return padToFloor(limits.enumerationFloorMs, async () => {
        const account = await flowAccount(flowToken);
        const email = account?.email_enc ? pii.decrypt(account.email_enc) : null;
        await verification.sendWithoutCaptcha(
          { target: { channel: 'email', email: email ?? `unbound+${flowToken}@invalid` }, purpose: 'mobile_change_email', ip: meta.ip },
          { deliver: email !== null },
        );
      });
    },

    async sendNewMobileCode(input: { flowToken: string; newMobile: string; captchaId: string; captchaAnswer: string }, meta: RequestMeta) {
      await flowAccount(input.flowToken);
      await verification.send({ target: { channel: 'sms', mobile: input.newMobile }, purpose: 'mobile_change_new', ip: meta.ip, captchaId: input.captchaId, captchaAnswer: input.captchaAnswer });
    },

    /** 【邮箱核验】 【提交】: the change takes effect at once. */
    async changeMobileByEmail(input: { flowToken: string; emailCode: string; newMobile: string; smsCode: string }, meta: RequestMeta) {
      return padToFloor(limits.enumerationFloorMs, async () => {
        const account = await flowAccount(input.flowToken);
        const email = account?.email_enc ? pii.decrypt(account.email_enc) : null;
        const emailOk = email !== null && (await verification.check({ channel: 'email', email }, 'mobile_change_email', input.emailCode));
        if (!emailOk || !account) throw new AppError('EMAIL_CODE_INVALID', { emailCode: errorMessages.EMAIL_CODE_INVALID });
        if (!(await verification.check({ channel: 'sms', mobile: input.newMobile }, 'mobile_change_new', input.smsCode))) throw invalidSmsCode();
        await deps.credentials.changeMobile(account, input.newMobile, '邮箱核验', { type: 'account', id: account.id, ip: meta.ip });
        await store.delete(`mc:${input.flowToken}`);
      });
    },

    /** 【人工核验】 【提交申请】: accepted the same way whether or not an account matched. */
    async fileManualReview(
      input: { flowToken: string; accountType: 'legal' | 'natural'; newMobile: string; smsCode: string; applicantName: string; applicantIdNumber: string; enterpriseName?: string; uscc?: string; description?: string },
      uploads: Record<string, ReceivedFile>,
      meta: RequestMeta,
    ) {
      return padToFloor(limits.enumerationFloorMs, async () => {
        const account = await flowAccount(input.flowToken);
        if (!(await verification.check({ channel: 'sms', mobile: input.newMobile }, 'mobile_change_new', input.smsCode))) throw invalidSmsCode();
        const { flowToken: _flowToken, smsCode: _smsCode, ...payload } = input;
        const acceptanceNo = await deps.fileReviewRequest({
          kind: 'mobile_change',
          account,
          accountType: input.accountType,
          payload,
          newMobileHash: pii.lookupHash(input.newMobile, 'mobile'),
          uploads,
        });
        await audit.append({ actorType: 'anonymous', action: 'mobile_change.manual_filed', targetType: 'review_request', targetId: acceptanceNo, ip: meta.ip, details: { matched: account !== null, newMobile: input.newMobile } });
        await store.delete(`mc:${input.flowToken}`);
        return acceptanceNo;
      });
    },

    /** 核验进度查询 by 受理编号 + 新手机号. */
    async reviewStatus(acceptanceNo: string, newMobile: string) {
      const request = await deps.reviews.byAcceptanceNo(acceptanceNo);
      if (!request || request.kind !== 'mobile_change' || request.new_mobile_hash !== pii.lookupHash(newMobile, 'mobile')) {
        return { found: false as const, message: REVIEW_NOT_FOUND };
      }
      return {
        found: true as const,
        status: request.status,
        statusLabel: reviewStatusLabels[request.status],
        submittedAt: request.created_at,
        decidedAt: request.decided_at,
        rejectReason: request.reject_reason,
      };
    },
  };
}

export type RecoveryService = ReturnType<typeof createRecoveryService>;
