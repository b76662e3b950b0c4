import type { Clock } from '../clock.js';
import type { Limits } from '../config.js';
import type { SmsSender } from '../adapters/sms.js';
import type { PiiCrypto } from '../security/pii-crypto.js';
import type { SessionStore } from '../security/sessions.js';
import type { AuditLog } from '../security/audit.js';
import type { AccountRepo, AccountRow } from '../db/repos/accounts.js';
import { AppError } from '../errors.js';
import { errorMessages } from '../../shared/errors.js';
import { credentialChangeTexts, smsTemplates, type MobileChangeWay } from '../../shared/sms-templates.js';

function shanghaiTime(d: Date) {
  const s = new Date(d.getTime() + 8 * 3600_000).toISOString();
  return `${s.slice(0, 10)} ${s.slice(11, 16)}`;
}

/** Single sign-on: OIDC sessions, grants and tokens of the account (idp/oidc/single-logout.ts). */
export interface SingleSignOn {
  endAllFor(accountId: string): Promise<void>;
}

/**
 * Credential changes shared by 账号设置, the recovery flows (IdP) and 人工核验 (管理端):
 * "Sessions and notices after a credential change" of flows.md, in one place.
 */
export function createCredentialChanges(deps: {
  accounts: AccountRepo;
  sessions: SessionStore;
  singleSignOn: SingleSignOn;
  sms: SmsSender;
  pii: PiiCrypto;
  audit: AuditLog;
  clock: Clock;
  limits: Limits;
}) {
  const { accounts, sessions, singleSignOn, sms, pii, audit, clock, limits } = deps;

  /**
   * Ends the other sessions (all of them on recovery paths), every OIDC session, grant and
   * token of the account (relying parties are told over the back channel), and tells the
   * previous mobile.
   */
  async function afterCredentialChange(account: AccountRow, what: string, options: { keepSessionIdHash?: string }) {
    await sessions.destroyAllFor(account.id, { exceptIdHash: options.keepSessionIdHash });
    await singleSignOn.endAllFor(account.id);
    await sms.send({ to: pii.decrypt(account.mobile_enc), text: smsTemplates.credentialChanged(account.login_name, shanghaiTime(clock.now()), what) });
  }

  /** Binds a new mobile (at most 5 accounts per mobile), then the sessions and both SMS. */
  async function changeMobile(account: AccountRow, newMobile: string, how: MobileChangeWay, actor: { type: 'account' | 'operator'; id: string; ip: string | null }, options: { keepSessionIdHash?: string } = {}) {
    const newHash = pii.lookupHash(newMobile, 'mobile');
    if ((await accounts.countByMobileHash(newHash)) >= limits.accountsPerMobile) {
      throw new AppError('MOBILE_ACCOUNT_LIMIT', { newMobile: errorMessages.MOBILE_ACCOUNT_LIMIT });
    }
    await accounts.update(account.id, { mobile_enc: pii.encrypt(newMobile), mobile_hash: newHash, updated_at: clock.now().toISOString() });
    await audit.append({ actorType: actor.type, actorId: actor.id, action: 'mobile.change', targetType: 'account', targetId: account.id, ip: actor.ip, details: { how, newMobile } });
    await afterCredentialChange(account, credentialChangeTexts.mobile(how), options);
    const text = how === '账号设置' ? smsTemplates.mobileBound(account.login_name) : smsTemplates.mobileChangeApproved(account.login_name);
    await sms.send({ to: newMobile, text });
  }

  /** An account that is closed: every session of every realm, and all of its single sign-on. */
  async function endEverySession(accountId: string) {
    await sessions.destroyAllFor(accountId);
    await singleSignOn.endAllFor(accountId);
  }

  return { afterCredentialChange, changeMobile, endEverySession };
}

export type CredentialChanges = ReturnType<typeof createCredentialChanges>;
