import crypto from 'node:crypto';
import { authenticator } from 'otplib';
import type { Clock } from '../../clock.js';
import type { AppConfig } from '../../config.js';
import type { PiiCrypto } from '../../security/pii-crypto.js';
import type { PasswordHasher } from '../../security/password-hasher.js';
import type { CaptchaService } from '../../security/captcha-service.js';
import type { StateStore } from '../../security/state-store.js';
import type { AuditLog } from '../../security/audit.js';
import { padToFloor } from '../../security/timing.js';
import type { OperatorRepo } from '../../db/repos/operators.js';
import type { OperatorTable } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { errorMessages } from '../../../shared/errors.js';

export type AdminLoginResult = { step: 'done'; operator: OperatorTable } | { step: 'enroll'; enrollToken: string; secret: string; otpauthUrl: string };

/**
 * 管理端 login: password + graphic captcha, and a TOTP second factor. In production every
 * operator enrols at first login; in development and test only those who enrolled are asked.
 */
export function createAdminAuthService(deps: {
  operators: OperatorRepo;
  hasher: PasswordHasher;
  captcha: CaptchaService;
  store: StateStore;
  audit: AuditLog;
  pii: PiiCrypto;
  clock: Clock;
  config: Pick<AppConfig, 'appEnv' | 'limits'>;
}) {
  const { operators, hasher, store, audit, pii, clock, config } = deps;
  const totp = () => authenticator.clone({ epoch: clock.now().getTime(), window: 1 });
  const lockKey = (username: string) => `admin:lock:${username.toLowerCase()}`;

  async function failed(username: string, operator: OperatorTable | undefined, ip: string, reason: string): Promise<never> {
    const failures = await store.increment(`admin:fail:${username.toLowerCase()}`, config.limits.lockoutMinutes * 60_000);
    if (failures >= config.limits.loginMaxFailures) await store.set(lockKey(username), '1', config.limits.lockoutMinutes * 60_000);
    await audit.append({ actorType: 'anonymous', action: 'operator.login_failure', targetType: operator ? 'operator' : null, targetId: operator?.id ?? null, ip, details: { reason } });
    throw new AppError('LOGIN_FAILED', 401);
  }

  return {
    async login(input: { username: string; password: string; captchaId: string; captchaAnswer: string; totpCode?: string }, ip: string): Promise<AdminLoginResult> {
      return padToFloor(config.limits.enumerationFloorMs, async () => {
        if (!(await deps.captcha.check(input.captchaId, input.captchaAnswer))) {
          throw new AppError('CAPTCHA_INVALID', 400, { captchaAnswer: errorMessages.CAPTCHA_INVALID });
        }
        if ((await store.get(lockKey(input.username))) !== null) throw new AppError('LOGIN_LOCKED', 429);
        const operator = await operators.byUsername(input.username.trim());
        const ok = operator && operator.status === 'active' ? await hasher.verify(operator.password_hash, input.password) : await hasher.dummyVerify(input.password);
        if (!ok || !operator) return failed(input.username, operator, ip, 'password');
        if (operator.totp_enrolled) {
          if (!input.totpCode) throw new AppError('TOTP_REQUIRED', 400, { totpCode: errorMessages.TOTP_REQUIRED });
          if (!totp().check(input.totpCode, pii.decrypt(operator.totp_secret_enc!))) return failed(input.username, operator, ip, 'totp');
        } else if (config.appEnv === 'production') {
          const secret = authenticator.generateSecret();
          const enrollToken = crypto.randomBytes(24).toString('base64url');
          await store.set(`admin:enroll:${enrollToken}`, JSON.stringify({ operatorId: operator.id, secret }), 10 * 60_000);
          return { step: 'enroll', enrollToken, secret, otpauthUrl: authenticator.keyuri(operator.username, '梯度培育平台管理端', secret) };
        }
        await store.delete(`admin:fail:${input.username.toLowerCase()}`);
        await audit.append({ actorType: 'operator', actorId: operator.id, action: 'operator.login', targetType: 'operator', targetId: operator.id, ip, details: {} });
        return { step: 'done', operator };
      });
    },

    /** First login in production: the operator proves the new authenticator works. */
    async enroll(enrollToken: string, totpCode: string, ip: string): Promise<OperatorTable> {
      const pending = await store.get(`admin:enroll:${enrollToken}`);
      if (!pending) throw new AppError('FLOW_EXPIRED', 400);
      const { operatorId, secret } = JSON.parse(pending) as { operatorId: string; secret: string };
      if (!totp().check(totpCode, secret)) throw new AppError('TOTP_INVALID', 400, { totpCode: errorMessages.TOTP_INVALID });
      await store.delete(`admin:enroll:${enrollToken}`);
      await operators.update(operatorId, { totp_secret_enc: pii.encrypt(secret), totp_enrolled: 1, updated_at: clock.now().toISOString() });
      await audit.append({ actorType: 'operator', actorId: operatorId, action: 'operator.totp_enrolled', targetType: 'operator', targetId: operatorId, ip, details: {} });
      return (await operators.byId(operatorId))!;
    },
  };
}

export type AdminAuthService = ReturnType<typeof createAdminAuthService>;
