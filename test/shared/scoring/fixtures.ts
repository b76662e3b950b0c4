import type { ScoringInput } from '../../../src/shared/scoring/input.js';

/** A submission of 数据年度 2025 with every indicator non-zero; `patch` overrides parts. */
export function input(patch: { dataYear?: number; basic?: Partial<ScoringInput['basic']>; indicators?: Partial<ScoringInput['indicators']> } = {}): ScoringInput {
  return {
    dataYear: patch.dataYear ?? 2025,
    basic: {
      industryCode: '397',
      establishedOn: '2015-06-01',
      employees: 100,
      employeesPrev: 80,
      revenue: '5000',
      revenuePrev: '4000',
      netProfit: '500',
      taxPaid: '200',
      ...patch.basic,
    },
    indicators: {
      rdExpense: '300',
      rdStaff: 20,
      inventionPatents: 5,
      otherIp: 10,
      hiTechRevenue: '3000',
      techContractValue: '100',
      standards: 1,
      equityFinancing: '1000',
      rdInstitution: 'national',
      techAward: 'national',
      techProject: 'national',
      ...patch.indicators,
    },
  };
}
