import crypto from 'node:crypto';
import type { Clock } from '../../clock.js';
import type { Limits } from '../../config.js';
import type { PiiCrypto } from '../../security/pii-crypto.js';
import type { PasswordHasher } from '../../security/password-hasher.js';
import type { VerificationService } from '../../security/verification.js';
import type { CaptchaService } from '../../security/captcha-service.js';
import type { StateStore } from '../../security/state-store.js';
import type { AuditLog } from '../../security/audit.js';
import { padToFloor } from '../../security/timing.js';
import { createLoginThrottle } from '../../security/login-throttle.js';
import { AppError } from '../../errors.js';
import { errorMessages } from '../../../shared/errors.js';
import { maskEmail, maskIdNumber, maskMobile } from '../../../shared/mask.js';
import { credentialChangeTexts } from '../../../shared/sms-templates.js';
import { checkPassword, normalizeUscc, validateUscc } from '../../../shared/validators/index.js';
import { loginNameKey, type AccountRepo, type AccountRow } from '../../db/repos/accounts.js';
import type { CredentialChanges } from '../../domain/credential-changes.js';
import { personalDataFile } from './personal-data.js';

export interface RequestMeta {
  ip: string;
  userAgent: string | null;
}

export interface AccountServiceDeps {
  repo: AccountRepo;
  pii: PiiCrypto;
  hasher: PasswordHasher;
  verification: VerificationService;
  captcha: CaptchaService;
  store: StateStore;
  audit: AuditLog;
  clock: Clock;
  limits: Limits;
  credentials: CredentialChanges;
  /** Whether the account's enterprise has a registration in an open filing window (注销 is refused then). */
  openRegistrationOf(accountId: string): Promise<string | null>;
}

const passwordPolicyError = (field: string, message: string) => new AppError('PASSWORD_POLICY', { [field]: message }, message);

/** 注册, 登录 and 账号设置 of 统一登录系统 (flows.md, IdP). */
export function createAccountService(deps: AccountServiceDeps) {
  const { repo, pii, hasher, verification, store, audit, clock, limits } = deps;
  const throttle = createLoginThrottle(store, limits, 'login');
  const mobileHash = (mobile: string) => pii.lookupHash(mobile, 'mobile');
  const now = () => clock.now().toISOString();
  const accountAudit = (action: string, account: AccountRow | { id: string }, meta: RequestMeta, details: Record<string, unknown> = {}) =>
    audit.append({ actorType: 'account', actorId: account.id, action, targetType: 'account', targetId: account.id, ip: meta.ip, details });

  async function findByIdentifier(identifier: string): Promise<AccountRow | undefined> {
    const uscc = validateUscc(identifier);
    if (uscc.ok) return repo.byVerifiedUscc(uscc.value);
    return repo.byLoginNameKey(loginNameKey(identifier));
  }

  /** Lockouts count per typed identifier, so unknown and known identifiers behave alike. */
  const identifierKey = (identifier: string) => {
    const uscc = validateUscc(identifier);
    const normal = uscc.ok ? normalizeUscc(identifier) : loginNameKey(identifier);
    return crypto.createHash('sha256').update(normal).digest('hex').slice(0, 32);
  };

  async function requireAccount(accountId: string) {
    const account = await repo.byId(accountId);
    if (!account || account.status !== 'active') throw new AppError('UNAUTHENTICATED');
    return account;
  }

  /** A password reset lifts the lockout of every identifier of the account. */
  async function clearLoginLocks(account: AccountRow) {
    for (const identifier of [account.login_name, account.verified_uscc].filter((x): x is string => !!x)) {
      await throttle.unlock(identifierKey(identifier));
    }
  }

  const { afterCredentialChange } = deps.credentials;

  return {
    findByIdentifier,
    clearLoginLocks,

    async sendRegisterCode(input: { mobile: string; captchaId: string; captchaAnswer: string }, meta: RequestMeta) {
      // Said before a code is spent on a mobile that cannot take another account.
      if ((await repo.countByMobileHash(mobileHash(input.mobile))) >= limits.accountsPerMobile) {
        throw new AppError('MOBILE_ACCOUNT_LIMIT', { mobile: errorMessages.MOBILE_ACCOUNT_LIMIT });
      }
      await verification.send({ target: { channel: 'sms', mobile: input.mobile }, purpose: 'register', ip: meta.ip, captchaId: input.captchaId, captchaAnswer: input.captchaAnswer });
    },

    /**
     * The SMS code is proven first: it took a captcha to get one, so without it nobody learns
     * whether a 登录名 is taken. A right code with a taken name keeps the code, so the user
     * corrects the name and submits again instead of waiting a minute for a new SMS; each such
     * answer spends one of the code's 5 tries, which bounds the names one code can ask about.
     */
    async register(input: { loginName: string; mobile: string; smsCode: string; password: string }, meta: RequestMeta) {
      const target = { channel: 'sms', mobile: input.mobile } as const;
      const codeInvalid = () => new AppError('SMS_CODE_INVALID', { smsCode: errorMessages.SMS_CODE_INVALID });
      if (!(await verification.check(target, 'register', input.smsCode, { keep: true }))) throw codeInvalid();
      if (await repo.loginNameTaken(loginNameKey(input.loginName))) {
        throw new AppError('LOGIN_NAME_TAKEN', { loginName: errorMessages.LOGIN_NAME_TAKEN });
      }
      if ((await repo.countByMobileHash(mobileHash(input.mobile))) >= limits.accountsPerMobile) {
        throw new AppError('MOBILE_ACCOUNT_LIMIT', { mobile: errorMessages.MOBILE_ACCOUNT_LIMIT });
      }
      const passwordHash = await hasher.hash(input.password);
      // Spent here, so that two submissions with one code cannot both register.
      if (!(await verification.consume(target, 'register', input.smsCode))) throw codeInvalid();
      const at = now();
      const account: AccountRow = {
        id: crypto.randomUUID(),
        login_name: input.loginName,
        login_name_key: loginNameKey(input.loginName),
        password_hash: passwordHash,
        mobile_enc: pii.encrypt(input.mobile),
        mobile_hash: mobileHash(input.mobile),
        email_enc: null,
        email_hash: null,
        user_type: null,
        realname_status: 'unverified',
        verified_uscc: null,
        enterprise_name: null,
        legal_rep_name: null,
        person_name: null,
        id_number_enc: null,
        id_number_hash: null,
        status: 'active',
        created_at: at,
        updated_at: at,
        verified_at: null,
        disabled_at: null,
      };
      try {
        await repo.insert(account);
      } catch (error) {
        // Two registrations racing for one 登录名: the unique index decides.
        if (await repo.loginNameTaken(account.login_name_key)) {
          throw new AppError('LOGIN_NAME_TAKEN', { loginName: errorMessages.LOGIN_NAME_TAKEN });
        }
        throw error;
      }
      await accountAudit('account.register', account, meta, { mobile: input.mobile });
      return account;
    },

    /**
     * 登录 by 登录名 or USCC. Unknown accounts get the same message, status and work (a dummy
     * argon2 verify) and the response is padded to a minimum time.
     */
    async login(input: { identifier: string; password: string; captchaId: string; captchaAnswer: string }, meta: RequestMeta) {
      return padToFloor(limits.enumerationFloorMs, async () => {
        if (!(await deps.captcha.check(input.captchaId, input.captchaAnswer))) {
          throw new AppError('CAPTCHA_INVALID', { captchaAnswer: errorMessages.CAPTCHA_INVALID });
        }
        if (await throttle.addressRefused(meta.ip)) throw new AppError('LOGIN_THROTTLED');
        const key = identifierKey(input.identifier);
        const account = await findByIdentifier(input.identifier);
        if (await throttle.identifierLocked(key)) {
          await hasher.dummyVerify(input.password);
          if (account) await repo.recordLogin({ account_id: account.id, at: now(), ip: meta.ip, user_agent: meta.userAgent, result: 'locked' });
          await audit.append({ actorType: 'anonymous', action: 'login.locked', targetType: account ? 'account' : null, targetId: account?.id ?? null, ip: meta.ip, details: {} });
          throw new AppError('LOGIN_LOCKED');
        }
        const ok = account && account.status === 'active' ? await hasher.verify(account.password_hash, input.password) : await hasher.dummyVerify(input.password);
        if (!ok || !account) {
          const { failures, lockedNow, addressRefusedNow } = await throttle.recordFailure(key, meta.ip);
          // Written once when the address starts waiting, not for every refused try after it.
          if (addressRefusedNow) await audit.append({ actorType: 'anonymous', action: 'login.address_throttled', ip: meta.ip, details: { minutes: limits.ipLockoutMinutes } });
          if (account) await repo.recordLogin({ account_id: account.id, at: now(), ip: meta.ip, user_agent: meta.userAgent, result: 'failure' });
          await audit.append({ actorType: 'anonymous', action: lockedNow ? 'login.lockout' : 'login.failure', targetType: account ? 'account' : null, targetId: account?.id ?? null, ip: meta.ip, details: { failures } });
          throw new AppError('LOGIN_FAILED');
        }
        await throttle.recordSuccess(key);
        await repo.recordLogin({ account_id: account.id, at: now(), ip: meta.ip, user_agent: meta.userAgent, result: 'success' });
        await accountAudit('login.success', account, meta, { by: validateUscc(input.identifier).ok ? 'uscc' : 'login_name' });
        return account;
      });
    },

    async recordLogout(accountId: string, meta: RequestMeta) {
      await accountAudit('logout', { id: accountId }, meta);
    },

    async view(accountId: string) {
      const a = await requireAccount(accountId);
      return accountView(a, pii);
    },

    async changePassword(accountId: string, sessionIdHash: string, input: { oldPassword: string; newPassword: string }, meta: RequestMeta) {
      const account = await requireAccount(accountId);
      if (!(await hasher.verify(account.password_hash, input.oldPassword))) {
        await accountAudit('password.change_failed', account, meta);
        throw new AppError('OLD_PASSWORD_WRONG', { oldPassword: errorMessages.OLD_PASSWORD_WRONG });
      }
      const policy = checkPassword(input.newPassword, { loginName: account.login_name, mobile: pii.decrypt(account.mobile_enc) });
      if (!policy.ok) throw passwordPolicyError('newPassword', policy.message);
      await repo.update(account.id, { password_hash: await hasher.hash(input.newPassword), updated_at: now() });
      await accountAudit('password.change', account, meta);
      await afterCredentialChange(account, credentialChangeTexts.password, { keepSessionIdHash: sessionIdHash });
    },

    async sendBindEmailCode(accountId: string, email: string, meta: RequestMeta) {
      await requireAccount(accountId);
      await verification.sendWithoutCaptcha({ target: { channel: 'email', email }, purpose: 'bind_email', ip: meta.ip });
    },

    async bindEmail(accountId: string, sessionIdHash: string, input: { email: string; emailCode: string }, meta: RequestMeta) {
      const account = await requireAccount(accountId);
      if (!(await verification.check({ channel: 'email', email: input.email }, 'bind_email', input.emailCode))) {
        throw new AppError('EMAIL_CODE_INVALID', { emailCode: errorMessages.EMAIL_CODE_INVALID });
      }
      await repo.update(account.id, { email_enc: pii.encrypt(input.email), email_hash: pii.lookupHash(input.email, 'email'), updated_at: now() });
      await accountAudit('email.bind', account, meta, { email: input.email });
      await afterCredentialChange(account, credentialChangeTexts.email, { keepSessionIdHash: sessionIdHash });
    },

    async sendChangeMobileCode(accountId: string, input: { newMobile: string; captchaId: string; captchaAnswer: string }, meta: RequestMeta) {
      await requireAccount(accountId);
      await verification.send({ target: { channel: 'sms', mobile: input.newMobile }, purpose: 'change_mobile', ip: meta.ip, captchaId: input.captchaId, captchaAnswer: input.captchaAnswer });
    },

    async changeMobile(accountId: string, sessionIdHash: string, input: { currentPassword: string; newMobile: string; smsCode: string }, meta: RequestMeta) {
      const account = await requireAccount(accountId);
      if (!(await hasher.verify(account.password_hash, input.currentPassword))) {
        throw new AppError('PASSWORD_WRONG', { currentPassword: errorMessages.PASSWORD_WRONG });
      }
      if (pii.decrypt(account.mobile_enc) === input.newMobile) {
        throw new AppError('SAME_MOBILE', { newMobile: errorMessages.SAME_MOBILE });
      }
      if (!(await verification.check({ channel: 'sms', mobile: input.newMobile }, 'change_mobile', input.smsCode))) {
        throw new AppError('SMS_CODE_INVALID', { smsCode: errorMessages.SMS_CODE_INVALID });
      }
      await deps.credentials.changeMobile(account, input.newMobile, '账号设置', { type: 'account', id: account.id, ip: meta.ip }, { keepSessionIdHash: sessionIdHash });
    },

    async loginRecords(accountId: string) {
      const rows = await repo.loginRecords(accountId, 50);
      return rows.map((r) => ({ at: r.at, ip: r.ip ?? '', browser: browserName(r.user_agent), result: r.result }));
    },

    /** 个人信息下载: the account's own data for its owner, readable (personal-data.ts). */
    async exportPersonalData(accountId: string, meta: RequestMeta) {
      const a = await requireAccount(accountId);
      await accountAudit('account.export', a, meta);
      const records = await repo.loginRecords(accountId, 500);
      return personalDataFile(
        {
          loginName: a.login_name,
          mobile: pii.decrypt(a.mobile_enc),
          email: a.email_enc ? pii.decrypt(a.email_enc) : null,
          userType: a.user_type,
          realnameStatus: a.realname_status,
          enterpriseName: a.enterprise_name,
          uscc: a.verified_uscc,
          legalRepName: a.legal_rep_name,
          personName: a.person_name,
          idNumber: a.id_number_enc ? pii.decrypt(a.id_number_enc) : null,
          createdAt: a.created_at,
          verifiedAt: a.verified_at,
        },
        records.map((r) => ({ at: r.at, ip: r.ip, browser: browserName(r.user_agent), userAgent: r.user_agent, result: r.result })),
        now(),
      );
    },

    async sendCloseCode(accountId: string, input: { captchaId: string; captchaAnswer: string }, meta: RequestMeta) {
      const account = await requireAccount(accountId);
      await verification.send({ target: { channel: 'sms', mobile: pii.decrypt(account.mobile_enc) }, purpose: 'close_account', ip: meta.ip, captchaId: input.captchaId, captchaAnswer: input.captchaAnswer });
    },

    async closeAccount(accountId: string, input: { password: string; smsCode: string }, meta: RequestMeta) {
      const account = await requireAccount(accountId);
      if (!(await hasher.verify(account.password_hash, input.password))) {
        throw new AppError('PASSWORD_WRONG', { password: errorMessages.PASSWORD_WRONG });
      }
      if (!(await verification.check({ channel: 'sms', mobile: pii.decrypt(account.mobile_enc) }, 'close_account', input.smsCode))) {
        throw new AppError('SMS_CODE_INVALID', { smsCode: errorMessages.SMS_CODE_INVALID });
      }
      const openRegistration = await deps.openRegistrationOf(account.id);
      if (openRegistration) {
        const message = `注销失败：${openRegistration}`;
        throw new AppError('ACCOUNT_CLOSE_REFUSED', {}, message);
      }
      // Disabled at once; the personal data is erased by a job after the retention period.
      // The verified USCC is released so the enterprise can verify a new account.
      await repo.update(account.id, { status: 'disabled', disabled_at: now(), verified_uscc: null, updated_at: now() });
      await deps.credentials.endEverySession(account.id);
      await accountAudit('account.close', account, meta);
    },
  };
}

export type AccountService = ReturnType<typeof createAccountService>;

function accountView(a: AccountRow, pii: PiiCrypto) {
  return {
    loginName: a.login_name,
    userType: a.user_type,
    realnameStatus: a.realname_status,
    enterpriseName: a.enterprise_name,
    uscc: a.verified_uscc,
    legalRepName: a.legal_rep_name,
    personName: a.person_name,
    idNumberMasked: a.id_number_enc ? maskIdNumber(pii.decrypt(a.id_number_enc)) : null,
    mobileMasked: maskMobile(pii.decrypt(a.mobile_enc)),
    emailMasked: a.email_enc ? maskEmail(pii.decrypt(a.email_enc)) : null,
  };
}

/** A short readable browser name for 登录记录. */
function browserName(userAgent: string | null): string {
  if (!userAgent) return '未知';
  if (/360SE|360EE|QIHU/i.test(userAgent)) return '360浏览器';
  if (/Edg\//.test(userAgent)) return 'Edge';
  if (/MicroMessenger/i.test(userAgent)) return '微信';
  if (/Firefox\//.test(userAgent)) return 'Firefox';
  if (/Chrome\/|Chromium\//.test(userAgent)) return /HeadlessChrome/.test(userAgent) ? 'Chrome（无界面）' : 'Chrome';
  if (/Safari\//.test(userAgent)) return 'Safari';
  if (/Trident|MSIE/.test(userAgent)) return 'IE（兼容模式）';
  return '其他';
}
