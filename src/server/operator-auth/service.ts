import crypto from 'node:crypto';
import type { Clock } from '../clock.js';
import type { AppConfig } from '../config.js';
import type { PiiCrypto } from '../security/pii-crypto.js';
import type { PasswordHasher } from '../security/password-hasher.js';
import type { CaptchaService } from '../security/captcha-service.js';
import type { StateStore } from '../security/state-store.js';
import type { AuditLog } from '../security/audit.js';
import { padToFloor } from '../security/timing.js';
import { createLoginThrottle } from '../security/login-throttle.js';
import type { OperatorRepo } from '../db/repos/operators.js';
import type { OperatorTable } from '../db/schema.js';
import { AppError } from '../errors.js';
import { errorMessages } from '../../shared/errors.js';
import { acceptedTotpStep, newTotpSecret, totpKeyUri } from './totp.js';

export type OperatorLoginResult = { step: 'done'; operator: OperatorTable } | { step: 'enroll'; enrollToken: string; secret: string; otpauthUrl: string };

export interface OperatorAuthOptions {
  /** Issuer shown in the authenticator app, e.g. 梯度培育平台管理端. */
  issuer: string;
  /** Prefix of this console's keys in the state store (lockouts, enrolment tokens). */
  keyPrefix: string;
}

/**
 * Operator login for the consoles (管理端, 金融机构端): password + graphic captcha, and a TOTP
 * second factor. In production every operator enrols at first login; in development and test
 * only those who enrolled are asked. A TOTP time step is accepted once per operator.
 */
export function createOperatorAuthService(
  deps: {
    operators: OperatorRepo;
    hasher: PasswordHasher;
    captcha: CaptchaService;
    store: StateStore;
    audit: AuditLog;
    pii: PiiCrypto;
    clock: Clock;
    config: Pick<AppConfig, 'appEnv' | 'limits'>;
  },
  options: OperatorAuthOptions,
) {
  const { operators, hasher, store, audit, pii, clock, config } = deps;
  const enrollKey = (token: string) => `${options.keyPrefix}:enroll:${token}`;
  const throttle = createLoginThrottle(store, config.limits, options.keyPrefix);

  async function failed(username: string, operator: OperatorTable | undefined, ip: string, reason: string): Promise<never> {
    await throttle.recordFailure(username.toLowerCase(), ip);
    await audit.append({ actorType: 'anonymous', action: 'operator.login_failure', targetType: operator ? 'operator' : null, targetId: operator?.id ?? null, ip, details: { reason } });
    throw new AppError('LOGIN_FAILED');
  }

  /** Checks a code and records its time step as used: each step logs in once. */
  async function useTotpCode(operator: OperatorTable, code: string): Promise<'ok' | 'wrong' | 'replayed'> {
    const step = acceptedTotpStep(code, pii.decrypt(operator.totp_secret_enc!), clock.now());
    if (step === null) return 'wrong';
    return (await operators.acceptTotpStep(operator.id, step)) ? 'ok' : 'replayed';
  }

  return {
    async login(input: { username: string; password: string; captchaId: string; captchaAnswer: string; totpCode?: string }, ip: string): Promise<OperatorLoginResult> {
      return padToFloor(config.limits.enumerationFloorMs, async () => {
        if (!(await deps.captcha.check(input.captchaId, input.captchaAnswer))) {
          throw new AppError('CAPTCHA_INVALID', { captchaAnswer: errorMessages.CAPTCHA_INVALID });
        }
        if (await throttle.addressRefused(ip)) throw new AppError('LOGIN_THROTTLED');
        if (await throttle.identifierLocked(input.username.toLowerCase())) throw new AppError('LOGIN_LOCKED');
        const operator = await operators.byUsername(input.username.trim());
        const ok = operator && operator.status === 'active' ? await hasher.verify(operator.password_hash, input.password) : await hasher.dummyVerify(input.password);
        if (!ok || !operator) return failed(input.username, operator, ip, 'password');
        if (operator.totp_enrolled) {
          if (!input.totpCode) throw new AppError('TOTP_REQUIRED', { totpCode: errorMessages.TOTP_REQUIRED });
          const totp = await useTotpCode(operator, input.totpCode);
          if (totp !== 'ok') return failed(input.username, operator, ip, totp === 'replayed' ? 'totp_replayed' : 'totp');
        } else if (config.appEnv === 'production') {
          const secret = newTotpSecret();
          const enrollToken = crypto.randomBytes(24).toString('base64url');
          await store.set(enrollKey(enrollToken), JSON.stringify({ operatorId: operator.id, secret }), 10 * 60_000);
          return { step: 'enroll', enrollToken, secret, otpauthUrl: totpKeyUri(operator.username, options.issuer, secret) };
        }
        await throttle.recordSuccess(input.username.toLowerCase());
        await audit.append({ actorType: 'operator', actorId: operator.id, action: 'operator.login', targetType: 'operator', targetId: operator.id, ip, details: {} });
        return { step: 'done', operator };
      });
    },

    /** Whether the operator is marked 审计员 (the console shows 【审计日志】; its routes check again). */
    async isAuditor(operatorId: string): Promise<boolean> {
      const operator = await operators.byId(operatorId);
      return operator?.status === 'active' && operator.is_auditor === 1;
    },

    /** First login in production: the operator proves the new authenticator works. */
    async enroll(enrollToken: string, totpCode: string, ip: string): Promise<OperatorTable> {
      const pending = await store.get(enrollKey(enrollToken));
      if (!pending) throw new AppError('FLOW_EXPIRED');
      const { operatorId, secret } = JSON.parse(pending) as { operatorId: string; secret: string };
      const step = acceptedTotpStep(totpCode, secret, clock.now());
      if (step === null) throw new AppError('TOTP_INVALID', { totpCode: errorMessages.TOTP_INVALID });
      await store.delete(enrollKey(enrollToken));
      // The enrolment code counts as used: it cannot log in a second time.
      await operators.update(operatorId, { totp_secret_enc: pii.encrypt(secret), totp_enrolled: 1, last_totp_step: step, updated_at: clock.now().toISOString() });
      await audit.append({ actorType: 'operator', actorId: operatorId, action: 'operator.totp_enrolled', targetType: 'operator', targetId: operatorId, ip, details: {} });
      return (await operators.byId(operatorId))!;
    },
  };
}

export type OperatorAuthService = ReturnType<typeof createOperatorAuthService>;
