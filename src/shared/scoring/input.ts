/**
 * What scoring reads from a submitted registration (form.md ① and ②). The registration
 * payload (src/shared/schemas/registration.ts) carries these keys under `basic` and
 * `indicators`; money is a decimal string in 万元 (≤ 2 decimals), counts are integers.
 */
import type { Level } from './indicators.js';

export interface ScoringBasic {
  /** GB/T 4754-2017 中类 code (3 characters, e.g. '397'); its 门类 letter decides the peer group. */
  industryCode: string;
  /** 'YYYY-MM-DD'. */
  establishedOn: string;
  /** 从业人员（上年末） / 从业人员（前年末）, 人. */
  employees: number;
  employeesPrev: number;
  /** 上年度营业收入 / 前年营业收入 / 上年度净利润 (may be negative) / 上年度纳税总额, 万元. */
  revenue: string;
  revenuePrev: string;
  netProfit: string;
  taxPaid: string;
}

export interface ScoringIndicators {
  rdExpense: string;
  rdStaff: number;
  inventionPatents: number;
  otherIp: number;
  hiTechRevenue: string;
  techContractValue: string;
  standards: number;
  equityFinancing: string;
  rdInstitution: Level;
  techAward: Exclude<Level, 'municipal'>;
  techProject: Level;
}

export interface ScoringInput {
  /** 数据年度 (the stage is measured at 12-31 of it). */
  dataYear: number;
  basic: ScoringBasic;
  indicators: ScoringIndicators;
}
