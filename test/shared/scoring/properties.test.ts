import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SEED_CATALOGUE } from '../../../src/shared/scoring/seed-catalogue.js';
import { scorePopulation } from '../../../src/shared/scoring/score.js';
import type { ScoringInput } from '../../../src/shared/scoring/input.js';
import type { Level } from '../../../src/shared/scoring/indicators.js';

/** Small value ranges so that ties, zeros and fallbacks happen often. */
const money = fc.integer({ min: 0, max: 3000 }).map((h) => (h % 3 === 0 ? String(h / 100) : String(h)));
const signedMoney = fc.integer({ min: -2000, max: 2000 }).map((h) => String(h / 100));
const count = fc.integer({ min: 0, max: 40 });
const level = fc.constantFrom<Level>('national', 'provincial', 'municipal', 'none');
const award = fc.constantFrom<'national' | 'provincial' | 'none'>('national', 'provincial', 'none');

const submission: fc.Arbitrary<ScoringInput> = fc.record({
  dataYear: fc.constant(2025),
  basic: fc.record({
    industryCode: fc.constantFrom('397', '651', '131', '011'),
    establishedOn: fc.constantFrom('2024-05-01', '2020-01-01', '2012-01-01'),
    employees: count,
    employeesPrev: count,
    revenue: fc.oneof(money, fc.constantFrom('0', '600', '12000')),
    revenuePrev: money,
    netProfit: signedMoney,
    taxPaid: money,
  }),
  indicators: fc.record({
    rdExpense: money,
    rdStaff: count,
    inventionPatents: count,
    otherIp: count,
    hiTechRevenue: money,
    techContractValue: money,
    standards: fc.integer({ min: 0, max: 3 }),
    equityFinancing: money,
    rdInstitution: level,
    techAward: award,
    techProject: level,
  }),
});
const population = fc.array(submission, { minLength: 1, maxLength: 70 });

/** Raising one input of enterprise 0 (everything that keeps its 发展阶段). */
type Raise = (s: ScoringInput, by: number) => ScoringInput;
const plus = (m: string, by: number) => String((Math.round(Number(m) * 100) + by) / 100);
const up = (l: Level): Level => (l === 'none' ? 'municipal' : l === 'municipal' ? 'provincial' : 'national');
const raises: Record<string, Raise> = {
  T01: (s, by) => ({ ...s, indicators: { ...s.indicators, rdExpense: plus(s.indicators.rdExpense, by) } }),
  T03: (s, by) => ({ ...s, indicators: { ...s.indicators, rdStaff: s.indicators.rdStaff + by } }),
  T05: (s, by) => ({ ...s, indicators: { ...s.indicators, inventionPatents: s.indicators.inventionPatents + by } }),
  T06: (s, by) => ({ ...s, indicators: { ...s.indicators, otherIp: s.indicators.otherIp + by } }),
  T07: (s, by) => ({ ...s, indicators: { ...s.indicators, hiTechRevenue: plus(s.indicators.hiTechRevenue, by) } }),
  T08: (s, by) => ({ ...s, indicators: { ...s.indicators, techContractValue: plus(s.indicators.techContractValue, by) } }),
  T09: (s, by) => ({ ...s, indicators: { ...s.indicators, standards: s.indicators.standards + by } }),
  G04: (s, by) => ({ ...s, basic: { ...s.basic, taxPaid: plus(s.basic.taxPaid, by) } }),
  G05: (s, by) => ({ ...s, indicators: { ...s.indicators, equityFinancing: plus(s.indicators.equityFinancing, by) } }),
  净利润: (s, by) => ({ ...s, basic: { ...s.basic, netProfit: plus(s.basic.netProfit, by) } }),
  A01: (s) => ({ ...s, indicators: { ...s.indicators, rdInstitution: up(s.indicators.rdInstitution) } }),
  A02: (s) => ({ ...s, indicators: { ...s.indicators, techAward: up(s.indicators.techAward) as 'national' | 'provincial' | 'none' } }),
  A03: (s) => ({ ...s, indicators: { ...s.indicators, techProject: up(s.indicators.techProject) } }),
};

describe('scoring properties', () => {
  it('the total is within 0–1000 with at most 2 decimals; indicator scores within 0–100', () => {
    fc.assert(
      fc.property(population, (inputs) => {
        for (const r of scorePopulation(inputs, SEED_CATALOGUE)) {
          expect(r.total).toBeGreaterThanOrEqual(0);
          expect(r.total).toBeLessThanOrEqual(1000);
          expect(Math.round(r.total * 100) / 100).toBe(r.total);
          for (const s of r.scores) expect(s >= 0 && s <= 100).toBe(true);
          expect(r.peerSize).toBeGreaterThanOrEqual(Math.min(30, inputs.length));
        }
      }),
      { numRuns: 150 },
    );
  });

  for (const [name, raise] of Object.entries(raises)) {
    it(`with the 发展阶段 fixed, the total does not fall when ${name} rises`, () => {
      fc.assert(
        fc.property(population, fc.integer({ min: 1, max: 5000 }), (inputs, by) => {
          const before = scorePopulation(inputs, SEED_CATALOGUE)[0];
          const raised = [raise(inputs[0], by), ...inputs.slice(1)];
          const after = scorePopulation(raised, SEED_CATALOGUE)[0];
          expect(after.stage).toBe(before.stage);
          expect(after.total).toBeGreaterThanOrEqual(before.total);
        }),
        { numRuns: 60 },
      );
    });
  }

  it('ties are symmetric: equal submissions get equal results', () => {
    fc.assert(
      fc.property(population, (inputs) => {
        const results = scorePopulation([...inputs, inputs[0]], SEED_CATALOGUE);
        const [a, b] = [results[0], results[results.length - 1]];
        expect(b.total).toBe(a.total);
        expect(Array.from(b.scores)).toEqual(Array.from(a.scores));
        expect(b.peerGroup).toBe(a.peerGroup);
      }),
      { numRuns: 100 },
    );
  });

  it('permuting the enterprises changes nobody’s result', () => {
    fc.assert(
      fc.property(population.chain((inputs) => fc.tuple(fc.constant(inputs), fc.shuffledSubarray(inputs.map((_, i) => i), { minLength: inputs.length }))), ([inputs, order]) => {
        const direct = scorePopulation(inputs, SEED_CATALOGUE);
        const permuted = scorePopulation(order.map((i) => inputs[i]), SEED_CATALOGUE);
        order.forEach((from, to) => {
          expect(permuted[to].total).toBe(direct[from].total);
          expect(Array.from(permuted[to].scores)).toEqual(Array.from(direct[from].scores));
          expect(permuted[to].peerGroup).toBe(direct[from].peerGroup);
          expect(permuted[to].suggestions).toEqual(direct[from].suggestions);
        });
      }),
      { numRuns: 100 },
    );
  });
});
