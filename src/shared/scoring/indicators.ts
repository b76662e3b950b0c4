/**
 * The 18 indicators of the 创新积分 registration (form.md ②). The SET of inputs and how each
 * value is obtained is fixed here in code (so no catalogue version can invalidate a
 * submission); names, help text, weights and level points are catalogue DATA
 * (src/shared/data/indicator-catalogue.json, versioned in the database).
 * No zod and no Node APIs: imported by the browser and the server.
 */
export const INDICATOR_GROUPS = ['tech', 'growth', 'aux'] as const;
export type IndicatorGroup = (typeof INDICATOR_GROUPS)[number];
export const INDICATOR_GROUP_LABELS: Record<IndicatorGroup, string> = {
  tech: '技术创新指标',
  growth: '成长经营指标',
  aux: '辅助指标',
};

/** Levels of A01–A03, in the order they are offered. */
export const LEVELS = ['national', 'provincial', 'municipal', 'none'] as const;
export type Level = (typeof LEVELS)[number];
export const LEVEL_LABELS: Record<Level, string> = { national: '国家级', provincial: '省级', municipal: '市级', none: '无' };

/**
 * amount: 万元 (a zero scores 0); count: 人/件/项 (a zero scores 0); rate: a computed ratio
 * in % (ranked as it is, negatives included; a zero denominator makes it "not applicable");
 * level: 国家级/省级/市级/无.
 */
export type IndicatorKind = 'amount' | 'count' | 'rate' | 'level';

/** Where a value comes from: typed in ② (`indicators.<field>`), taken from ① (`basic.<field>`), or computed. */
export type IndicatorSource =
  | { from: 'indicators'; field: IndicatorField }
  | { from: 'basic'; field: 'revenue' | 'taxPaid' }
  | { from: 'computed'; numerator: RatioPart; denominator: RatioPart; growth?: true };

/** Parts of computed ratios. For `growth` the rate is (numerator − denominator) / denominator. */
export type RatioPart =
  | 'indicators.rdExpense'
  | 'indicators.rdStaff'
  | 'basic.revenue'
  | 'basic.revenuePrev'
  | 'basic.netProfit'
  | 'basic.employees'
  | 'basic.employeesPrev';

/** Fields typed in section ② (names of the payload keys). */
export const INDICATOR_FIELDS = [
  'rdExpense',
  'rdStaff',
  'inventionPatents',
  'otherIp',
  'hiTechRevenue',
  'techContractValue',
  'standards',
  'equityFinancing',
  'rdInstitution',
  'techAward',
  'techProject',
] as const;
export type IndicatorField = (typeof INDICATOR_FIELDS)[number];

export const INDICATOR_CODES = ['T01', 'T02', 'T03', 'T04', 'T05', 'T06', 'T07', 'T08', 'T09', 'G01', 'G02', 'G03', 'G04', 'G05', 'G06', 'A01', 'A02', 'A03'] as const;
export type IndicatorCode = (typeof INDICATOR_CODES)[number];

export interface IndicatorInput {
  code: IndicatorCode;
  group: IndicatorGroup;
  kind: IndicatorKind;
  /** Suffix shown after the input (flows.md: units are suffixes, not part of the label). */
  unit: '万元' | '人' | '件' | '项' | '%' | null;
  source: IndicatorSource;
  /** Level indicators: the levels offered (A02 has no 市级). */
  levels?: readonly Level[];
}

export const INDICATOR_INPUTS: readonly IndicatorInput[] = [
  { code: 'T01', group: 'tech', kind: 'amount', unit: '万元', source: { from: 'indicators', field: 'rdExpense' } },
  { code: 'T02', group: 'tech', kind: 'rate', unit: '%', source: { from: 'computed', numerator: 'indicators.rdExpense', denominator: 'basic.revenue' } },
  { code: 'T03', group: 'tech', kind: 'count', unit: '人', source: { from: 'indicators', field: 'rdStaff' } },
  { code: 'T04', group: 'tech', kind: 'rate', unit: '%', source: { from: 'computed', numerator: 'indicators.rdStaff', denominator: 'basic.employees' } },
  { code: 'T05', group: 'tech', kind: 'count', unit: '件', source: { from: 'indicators', field: 'inventionPatents' } },
  { code: 'T06', group: 'tech', kind: 'count', unit: '件', source: { from: 'indicators', field: 'otherIp' } },
  { code: 'T07', group: 'tech', kind: 'amount', unit: '万元', source: { from: 'indicators', field: 'hiTechRevenue' } },
  { code: 'T08', group: 'tech', kind: 'amount', unit: '万元', source: { from: 'indicators', field: 'techContractValue' } },
  { code: 'T09', group: 'tech', kind: 'count', unit: '项', source: { from: 'indicators', field: 'standards' } },
  { code: 'G01', group: 'growth', kind: 'amount', unit: '万元', source: { from: 'basic', field: 'revenue' } },
  { code: 'G02', group: 'growth', kind: 'rate', unit: '%', source: { from: 'computed', numerator: 'basic.revenue', denominator: 'basic.revenuePrev', growth: true } },
  { code: 'G03', group: 'growth', kind: 'rate', unit: '%', source: { from: 'computed', numerator: 'basic.netProfit', denominator: 'basic.revenue' } },
  { code: 'G04', group: 'growth', kind: 'amount', unit: '万元', source: { from: 'basic', field: 'taxPaid' } },
  { code: 'G05', group: 'growth', kind: 'amount', unit: '万元', source: { from: 'indicators', field: 'equityFinancing' } },
  { code: 'G06', group: 'growth', kind: 'rate', unit: '%', source: { from: 'computed', numerator: 'basic.employees', denominator: 'basic.employeesPrev', growth: true } },
  { code: 'A01', group: 'aux', kind: 'level', unit: null, source: { from: 'indicators', field: 'rdInstitution' }, levels: ['national', 'provincial', 'municipal', 'none'] },
  { code: 'A02', group: 'aux', kind: 'level', unit: null, source: { from: 'indicators', field: 'techAward' }, levels: ['national', 'provincial', 'none'] },
  { code: 'A03', group: 'aux', kind: 'level', unit: null, source: { from: 'indicators', field: 'techProject' }, levels: ['national', 'provincial', 'municipal', 'none'] },
];

/** The typed ② fields with their kind (the form renders them from the catalogue in this order). */
export const TYPED_INDICATORS = INDICATOR_INPUTS.filter((i): i is IndicatorInput & { source: { from: 'indicators' } } => i.source.from === 'indicators');
