import crypto from 'node:crypto';
import type { Db } from '../db/index.js';
import type { Clock } from '../clock.js';
import type { Limits } from '../config.js';
import type { SmsSender } from '../adapters/sms.js';
import type { MailSender } from '../adapters/mail.js';
import type { PiiCrypto } from './pii-crypto.js';
import type { CaptchaService } from './captcha-service.js';
import type { RateLimiter } from './rate-limiter.js';
import { AppError } from '../errors.js';
import { emailTemplates, smsTemplates } from '../../shared/sms-templates.js';

/** What a code proves: one purpose per flow, so a code for one flow never serves another. */
export type CodePurpose =
  | 'register'
  | 'reset_password'
  | 'change_mobile'
  | 'mobile_change_email'
  | 'mobile_change_new'
  | 'bind_email'
  | 'close_account';

export type CodeTarget = { channel: 'sms'; mobile: string } | { channel: 'email'; email: string };

export interface SendRequest {
  target: CodeTarget;
  purpose: CodePurpose;
  ip: string;
  captchaId: string | undefined;
  captchaAnswer: string | undefined;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * One table for every code sent (SMS and e-mail), keyed by (target, purpose): 6 digits,
 * stored hashed, 5 minutes, single use, 5 tries. A graphic captcha precedes every send,
 * checked here so that no flow can forget it.
 */
export function createVerificationService(deps: {
  db: Db;
  clock: Clock;
  limits: Limits;
  pii: PiiCrypto;
  sms: SmsSender;
  mail: MailSender;
  captcha: CaptchaService;
  rateLimiter: RateLimiter;
}) {
  const { db, clock, limits, pii, rateLimiter } = deps;
  const targetHash = (target: CodeTarget) =>
    target.channel === 'sms' ? pii.lookupHash(target.mobile, 'mobile') : pii.lookupHash(target.email, 'email');
  const codeHash = (purpose: string, tHash: string, code: string) => pii.lookupHash(`${purpose}|${tHash}|${code}`, 'verification_code');

  async function withinSendingLimits(tHash: string, ip: string) {
    const checks: [string, number, number][] = [
      [`code:t:m:${tHash}`, limits.smsPerMobilePerMinute, MINUTE],
      [`code:t:h:${tHash}`, limits.smsPerMobilePerHour, HOUR],
      [`code:t:d:${tHash}`, limits.smsPerMobilePerDay, DAY],
      [`code:ip:h:${ip}`, limits.smsPerIpPerHour, HOUR],
      ['code:global:m', limits.smsGlobalPerMinute, MINUTE],
    ];
    for (const [key, limit, windowMs] of checks) {
      if (!(await rateLimiter.consume(key, limit, windowMs))) return false;
    }
    return true;
  }

  return {
    /** Checks the captcha, then the sending limits, then stores and sends a new code. */
    async send(request: SendRequest): Promise<void> {
      if (!(await deps.captcha.check(request.captchaId, request.captchaAnswer))) {
        throw new AppError('CAPTCHA_INVALID', { captchaAnswer: '图形验证码错误' });
      }
      await this.sendWithoutCaptcha(request);
    },

    /**
     * For a flow whose captcha was already checked by an earlier step of the same request
     * (e.g. 忘记密码 checks it before deciding whether to send). Limits still apply.
     * `deliver: false` counts the attempt against the limits without sending anything, so
     * that recovery flows behave the same whether or not the account and target match.
     */
    async sendWithoutCaptcha(request: Omit<SendRequest, 'captchaId' | 'captchaAnswer'>, options: { deliver?: boolean } = {}): Promise<void> {
      const tHash = targetHash(request.target);
      if (!(await withinSendingLimits(tHash, request.ip))) throw new AppError('SMS_TOO_FREQUENT');
      if (options.deliver === false) return;
      const code = crypto.randomInt(0, 1_000_000).toString().padStart(6, '0');
      const now = clock.now();
      const row = {
        target_hash: tHash,
        purpose: request.purpose,
        code_hash: codeHash(request.purpose, tHash, code),
        expires_at: now.getTime() + limits.codeTtlSeconds * 1000,
        tries: 0,
        created_at: now.toISOString(),
      };
      await db.kysely
        .insertInto('verifications')
        .values(row)
        .onConflict((oc) => oc.columns(['target_hash', 'purpose']).doUpdateSet({ code_hash: row.code_hash, expires_at: row.expires_at, tries: 0, created_at: row.created_at }))
        .execute();
      if (request.target.channel === 'sms') {
        await deps.sms.send({ to: request.target.mobile, text: smsTemplates.verificationCode(code), code });
      } else {
        await deps.mail.send({ to: request.target.email, ...emailTemplates.verificationCode(code), code });
      }
    },

    /**
     * True once for the right code within 5 minutes; 5 wrong tries void the code.
     * With `keep`, a right code is not spent but counts as one of the 5 tries: for a flow that
     * may still refuse for another reason (注册: 登录名已存在) and then spends it with `consume`.
     */
    async check(target: CodeTarget, purpose: CodePurpose, code: string | undefined, options: { keep?: boolean } = {}): Promise<boolean> {
      const tHash = targetHash(target);
      const key = (q: any) => q.where('target_hash', '=', tHash).where('purpose', '=', purpose);
      const row = await key(db.kysely.selectFrom('verifications').selectAll()).executeTakeFirst();
      if (!row) return false;
      if (Number(row.expires_at) <= clock.now().getTime()) {
        await key(db.kysely.deleteFrom('verifications')).execute();
        return false;
      }
      if (!code || !/^\d{6}$/.test(code) || row.code_hash !== codeHash(purpose, tHash, code)) {
        // Counted in the database (tries = tries + 1), not from the value read above: with a
        // read-modify-write, concurrent wrong guesses overwrote each other's count and many
        // more than 5 guesses were possible.
        await key(db.kysely.updateTable('verifications').set((eb: any) => ({ tries: eb('tries', '+', 1) }))).execute();
        await key(db.kysely.deleteFrom('verifications')).where('tries', '>=', limits.codeMaxTries).execute();
        return false;
      }
      if (options.keep) {
        const counted = await key(db.kysely.updateTable('verifications').set((eb: any) => ({ tries: eb('tries', '+', 1) })))
          .where('code_hash', '=', row.code_hash)
          .where('tries', '<', limits.codeMaxTries)
          .executeTakeFirst();
        return Number(counted.numUpdatedRows) === 1;
      }
      // Single use, also against two concurrent checks of the same code; a code voided by
      // concurrent wrong tries (not yet deleted) does not pass either.
      const deleted = await key(db.kysely.deleteFrom('verifications'))
        .where('code_hash', '=', row.code_hash)
        .where('tries', '<', limits.codeMaxTries)
        .executeTakeFirst();
      return Number(deleted.numDeletedRows) === 1;
    },

    /** Spends a code accepted by check(…, { keep: true }); false when it was spent or voided meanwhile. */
    async consume(target: CodeTarget, purpose: CodePurpose, code: string): Promise<boolean> {
      const tHash = targetHash(target);
      const deleted = await db.kysely
        .deleteFrom('verifications')
        .where('target_hash', '=', tHash)
        .where('purpose', '=', purpose)
        .where('code_hash', '=', codeHash(purpose, tHash, code))
        .where('expires_at', '>', clock.now().getTime())
        .where('tries', '<=', limits.codeMaxTries)
        .executeTakeFirst();
      return Number(deleted.numDeletedRows) === 1;
    },
  };
}

export type VerificationService = ReturnType<typeof createVerificationService>;
