/**
 * Plausible 创新积分 submissions (demo data, tests, bench): deterministic for a seed. Sizes
 * follow a log-normal spread (most enterprises small, a few large), R&D intensity a few %,
 * patents and standards mostly small counts with many zeros, levels mostly 无.
 */
import type { ScoringInput } from '../../shared/scoring/input.js';
import type { Level } from '../../shared/scoring/indicators.js';
import { STAGES, type IndicatorCatalogue } from '../../shared/scoring/catalogue.js';
import { developmentStage, indicatorValues, sectionIndexOf } from '../../shared/scoring/values.js';
import { emptyColumns, type PopulationColumns } from '../../shared/scoring/score.js';

/** Deterministic pseudo-random numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 中类 codes spread over the 门类 where 科技型 enterprises are (制造业 most). */
const INDUSTRIES = ['397', '391', '383', '351', '342', '274', '265', '292', '367', '401', '651', '642', '652', '731', '732', '748', '751', '013', '441', '485', '527', '543', '721', '771'];

/** Hundredths of 万元 → the decimal string ("-1250" → "-12.5"). */
export function moneyOfHundredths(h: number): string {
  if (h === 0) return '0';
  const abs = Math.abs(h);
  const cents = abs % 100;
  return `${h < 0 ? '-' : ''}${Math.floor(abs / 100)}${cents === 0 ? '' : `.${String(cents).padStart(2, '0').replace(/0$/, '')}`}`;
}

export function syntheticSubmission(random: () => number, dataYear: number, industryCode?: string): ScoringInput {
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const logNormal = (median: number, spread: number) => median * Math.exp(spread * normal());
  const wan = (x: number) => moneyOfHundredths(Math.max(0, Math.round(x * 100)));
  const int = (x: number) => Math.max(0, Math.round(x));
  const chance = (p: number) => random() < p;
  const level = (national: number, provincial: number, municipal: number): Level => {
    const x = random();
    return x < national ? 'national' : x < national + provincial ? 'provincial' : x < national + provincial + municipal ? 'municipal' : 'none';
  };

  const age = Math.min(40, Math.floor(logNormal(7, 0.7)));
  const establishedOn = `${dataYear - age}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
  const revenue = chance(0.04) ? 0 : logNormal(3000 * Math.min(1, 0.3 + age / 10), 1.3);
  const growth = 0.12 + 0.25 * normal();
  const revenuePrev = chance(0.05) ? 0 : revenue / Math.max(0.2, 1 + growth);
  const employees = int(Math.max(3, revenue / logNormal(60, 0.5)));
  const employeesPrev = int(employees / Math.max(0.3, 1 + 0.08 + 0.15 * normal()));
  const margin = 0.06 + 0.09 * normal();
  const rdIntensity = Math.max(0, logNormal(0.045, 0.6));
  const rdExpense = revenue === 0 ? logNormal(150, 1) : revenue * rdIntensity;
  const rdStaff = Math.min(employees, int(employees * Math.min(0.9, logNormal(0.18, 0.5))));
  const techBoost = Math.min(4, rdExpense / 300);
  return {
    dataYear,
    basic: {
      industryCode: industryCode ?? INDUSTRIES[Math.floor(random() * INDUSTRIES.length)],
      establishedOn,
      employees,
      employeesPrev,
      revenue: wan(revenue),
      revenuePrev: wan(revenuePrev),
      netProfit: moneyOfHundredths(Math.round(revenue * margin * 100)),
      taxPaid: wan(revenue * Math.max(0, 0.03 + 0.02 * normal())),
    },
    indicators: {
      rdExpense: wan(rdExpense),
      rdStaff,
      inventionPatents: chance(0.35) ? 0 : int(logNormal(3 * (1 + techBoost), 0.9)),
      otherIp: chance(0.15) ? 0 : int(logNormal(10 * (1 + techBoost), 0.8)),
      hiTechRevenue: wan(revenue * Math.min(1, Math.max(0, 0.5 + 0.3 * normal()))),
      techContractValue: chance(0.55) ? '0' : wan(logNormal(120, 1.2)),
      standards: chance(0.8) ? 0 : int(logNormal(1.5, 0.7)),
      equityFinancing: chance(0.8) ? '0' : wan(logNormal(2000, 1.1)),
      rdInstitution: level(0.02, 0.15, 0.25),
      techAward: level(0.01, 0.07, 0) as Exclude<Level, 'municipal'>,
      techProject: level(0.04, 0.2, 0.3),
    },
  };
}

/** `n` synthetic enterprises straight into columns (no object kept per row): for the bench and scale tests. */
export function syntheticColumns(n: number, catalogue: IndicatorCatalogue, seed = 1, dataYear = 2025): PopulationColumns {
  const random = mulberry32(seed);
  const columns = emptyColumns(n);
  for (let r = 0; r < n; r++) {
    const input = syntheticSubmission(random, dataYear);
    columns.stage[r] = STAGES.indexOf(developmentStage(input, catalogue.stageRules));
    columns.section[r] = sectionIndexOf(input.basic.industryCode);
    const values = indicatorValues(input);
    for (let i = 0; i < values.length; i++) columns.values[i][r] = values[i];
  }
  return columns;
}
