import type { Clock } from '../../clock.js';
import type { AuditLog } from '../../security/audit.js';
import type { FinancingRepo } from '../../db/repos/financing.js';
import type { InstitutionRepo } from '../../db/repos/institutions.js';
import type { ActivityResponse } from '../../../shared/schemas/institution.js';
import type { EnterpriseCaller } from '../enterprise-session.js';

/**
 * The enterprise's 【融资对接】: which institutions viewed its detail or contacts, their 对接
 * entries and outcomes, and 【撤回授权】 — the consent goes off at once (the 金融机构端 checks it
 * in every query), the history stays (consent events, audit log, the institutions' own entries).
 */
export function createMatchmakingService(deps: { institutions: InstitutionRepo; financing: FinancingRepo; audit: AuditLog; clock: Clock }) {
  const { institutions, financing, audit, clock } = deps;

  async function activity(uscc: string): Promise<ActivityResponse> {
    const [{ views, records }, consented] = await Promise.all([institutions.activityOf(uscc), financing.hasConsent(uscc)]);
    return {
      consented,
      views: views.map((v) => ({ id: v.id, institution: v.institution, kind: v.kind, at: v.at })),
      records: records.map((r) => ({ id: r.id, institution: r.institution, outcome: r.outcome, amount: r.amount, rate: r.rate, termMonths: r.term_months, reason: r.reason, at: r.at })),
    };
  }

  return {
    activity,
    async withdraw(caller: EnterpriseCaller, ip: string): Promise<ActivityResponse> {
      const notice = await financing.currentNotice();
      const changed = await financing.setConsent({ uscc: caller.uscc, consented: false, noticeVersion: notice.version, accountId: caller.accountId, at: clock.now().toISOString() });
      if (changed) await audit.append({ actorType: 'account', actorId: caller.accountId, action: 'financing.consent_withdrawn', targetType: 'enterprise', targetId: caller.uscc, ip, details: { source: '融资对接' } });
      return activity(caller.uscc);
    },
  };
}

export type MatchmakingService = ReturnType<typeof createMatchmakingService>;
