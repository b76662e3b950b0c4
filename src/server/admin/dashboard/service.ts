import type { Clock } from '../../clock.js';
import { shanghaiDate } from '../../clock.js';
import type { RegistrationQueryRepo } from '../../db/repos/registration-query.js';
import type { FinancingRepo } from '../../db/repos/financing.js';
import { regionPattern, type OperatorScope } from '../../security/region-scope.js';
import { operatorRegionLabel } from '../../../shared/operator-regions.js';
import { INDUSTRY_SECTIONS } from '../../../shared/scoring/values.js';
import { QUALIFICATION_TYPES, QUALIFICATION_TYPE_LABELS } from '../../../shared/qualification-labels.js';
import type { DashboardData } from '../../../shared/schemas/admin-registrations.js';

/** Days shown in the daily registrations line. */
export const DAILY_DAYS = 60;

/**
 * 【工作台】: totals and the numbers behind its charts, all inside the operator's region
 * (部级 all, 省级 its province, 市级 its city). For 部级 the regional chart is by province, for
 * a 省级 operator by city, for a 市级 operator by city too (one bar).
 */
export function createDashboardService(deps: { repo: RegistrationQueryRepo; financing: Pick<FinancingRepo, 'filingWindow'>; clock: Clock; syncFacets(): Promise<void> }) {
  const { repo, financing, clock } = deps;
  return {
    async overview(scope: OperatorScope): Promise<DashboardData> {
      const pattern = regionPattern(scope);
      await deps.syncFacets();
      const now = clock.now();
      const today = shanghaiDate(now);
      const window = await financing.filingWindow(today);
      const dataYear = window.dataYear;
      const since = new Date(now.getTime() - DAILY_DAYS * 86400_000);
      const [accounts, eligible, daily, regions, sections, qualifications, buckets, matchmaking] = await Promise.all([
        repo.accountTotals(pattern),
        repo.eligibleEnterprises(pattern, today),
        repo.facetCounts(pattern, null, 'day', since.toISOString()),
        repo.facetCounts(pattern, dataYear, scope.role === 'ministry' ? 'province' : 'city'),
        repo.facetCounts(pattern, dataYear, 'section'),
        repo.qualificationsByType(pattern, today),
        repo.scoreBuckets(pattern, dataYear),
        repo.matchmakingStats(scope.role === 'ministry' ? null : scope.regionCode),
      ]);
      const dailyMap = new Map(daily.map((d) => [d.key, d.n]));
      const days: DashboardData['daily'] = [];
      for (let i = DAILY_DAYS - 1; i >= 0; i--) {
        const day = shanghaiDate(new Date(now.getTime() - i * 86400_000));
        days.push({ key: day, label: day.slice(5), count: dailyMap.get(day) ?? 0 });
      }
      const sectionName = (code: string) => INDUSTRY_SECTIONS.find((s) => s.code === code)?.name ?? '其他';
      const qualificationMap = new Map(qualifications.map((q) => [q.key, q.n]));
      const bucketMap = new Map(buckets.map((b) => [b.key, b.n]));
      return {
        scopeLabel: operatorRegionLabel(scope.regionCode),
        dataYear,
        totals: { ...accounts, eligibleEnterprises: eligible, registrations: sections.reduce((s, r) => s + r.n, 0) },
        daily: days,
        byRegion: regions.map((r) => ({ key: r.key, label: operatorRegionLabel(r.key), count: r.n })).sort((a, b) => b.count - a.count),
        byIndustry: sections.map((s) => ({ key: s.key, label: sectionName(s.key), count: s.n })).sort((a, b) => b.count - a.count),
        byQualification: QUALIFICATION_TYPES.map((t) => ({ key: t, label: QUALIFICATION_TYPE_LABELS[t], count: qualificationMap.get(t) ?? 0 })),
        matchmaking: { ...matchmaking.total, byInstitution: matchmaking.byInstitution.map(({ name, contacted, grantedCount, grantedWan }) => ({ name, contacted, grantedCount, grantedWan })) },
        scoreHistogram: Array.from({ length: 10 }, (_, i) => ({ key: String(i), label: i === 9 ? '900–1000' : `${i * 100}–${i * 100 + 99}`, count: bucketMap.get(i) ?? 0 })),
      };
    },
  };
}

export type DashboardService = ReturnType<typeof createDashboardService>;
