import { describe, expect, it } from 'vitest';
import { SEED_CATALOGUE } from '../../../src/shared/scoring/seed-catalogue.js';
import { STAGES } from '../../../src/shared/scoring/catalogue.js';
import type { ScoringInput } from '../../../src/shared/scoring/input.js';
import { developmentStage, indicatorValues, sectionIndexOf } from '../../../src/shared/scoring/values.js';
import { ALL_GROUP, BUCKET_COUNT, STAGE_GROUP, SortedBuckets, columnsOf, groupMedian, scorePopulation, type ScoreResult } from '../../../src/shared/scoring/score.js';
import { LivePopulation } from '../../../src/server/scoring/population.js';
import { hundredthsOf, recomputeColumns } from '../../../src/server/scoring/recompute.js';
import { mulberry32, syntheticSubmission } from '../../../src/server/scoring/synthetic.js';

/** 1,500 enterprises over a few 中类 (some stage × 门类 buckets ≥ 30, some falling back). */
function population(n: number, seed: number): ScoringInput[] {
  const random = mulberry32(seed);
  const codes = ['397', '397', '397', '651', '651', '731', '013', '941'];
  return Array.from({ length: n }, () => syntheticSubmission(random, 2025, codes[Math.floor(random() * codes.length)]));
}

const upsert = (live: LivePopulation, key: string, input: ScoringInput) =>
  live.upsert(key, STAGES.indexOf(developmentStage(input, SEED_CATALOGUE.stageRules)), sectionIndexOf(input.basic.industryCode), indicatorValues(input));

function expectSame(result: ScoreResult | null, recomputed: ReturnType<typeof recomputeColumns>, row: number) {
  expect(result).not.toBeNull();
  expect(Math.round(result!.total * 100)).toBe(recomputed.total[row]);
  expect(result!.peerGroup).toBe(recomputed.peerGroup[row]);
  expect(result!.peerSize).toBe(recomputed.groupSizes[recomputed.peerGroup[row]]);
  expect(Array.from(result!.scores, hundredthsOf)).toEqual(Array.from(recomputed.scores.subarray(row * 18, row * 18 + 18)));
}

describe('columnar population', () => {
  const inputs = population(1500, 11);
  const keys = inputs.map((_, i) => `E${i}`);
  const recomputed = recomputeColumns(columnsOf(inputs, SEED_CATALOGUE), SEED_CATALOGUE);

  it('the population has groups of each kind (stage × 门类, stage fallback, everybody)', () => {
    const groups = new Set(recomputed.peerGroup);
    expect([...groups].some((g) => g < BUCKET_COUNT)).toBe(true);
    expect([...groups].some((g) => g >= STAGE_GROUP && g < ALL_GROUP)).toBe(true);
  });

  it('recompute equals the shared reference scoring', () => {
    const reference = scorePopulation(inputs, SEED_CATALOGUE);
    reference.forEach((r, row) => expectSame(r, recomputed, row));
  });

  it('provisional scores (submissions one by one into the live overlay, merges included) equal the recompute of the same population', () => {
    const live = LivePopulation.empty(SEED_CATALOGUE, 16);
    inputs.forEach((input, i) => upsert(live, keys[i], input));
    expect(live.length).toBe(1500);
    keys.forEach((key, row) => expectSame(live.scoreOf(key), recomputed, row));
    expect(live.scoreOf('nobody')).toBeNull();
  });

  it('a live population built from a recompute scores as the recompute did', () => {
    const columns = columnsOf(inputs, SEED_CATALOGUE);
    const fresh = recomputeColumns(columns, SEED_CATALOGUE);
    const live = new LivePopulation(SEED_CATALOGUE, [...keys], columns, fresh.sorted);
    for (const row of [0, 7, 500, 1499]) expectSame(live.scoreOf(keys[row]), recomputed, row);
  });

  it('resubmissions replace the earlier values: equal to a recompute of the final population', () => {
    const random = mulberry32(5);
    const columns = columnsOf(inputs, SEED_CATALOGUE);
    const live = new LivePopulation(SEED_CATALOGUE, [...keys], columns, undefined, 40);
    const final = [...inputs];
    for (let k = 0; k < 1200; k++) {
      const row = Math.floor(random() * inputs.length);
      const next = syntheticSubmission(random, 2025, k % 2 === 0 ? inputs[row].basic.industryCode : '651');
      final[row] = next;
      upsert(live, keys[row], next);
    }
    const again = recomputeColumns(columnsOf(final, SEED_CATALOGUE), SEED_CATALOGUE);
    keys.forEach((key, row) => expectSame(live.scoreOf(key), again, row));
    // Medians of the live population (overlay included) equal those of the rebuilt one.
    const rebuilt = new SortedBuckets(columnsOf(final, SEED_CATALOGUE));
    for (const group of [again.peerGroup[0], again.peerGroup[1], ALL_GROUP]) {
      for (const indicator of [0, 1, 11, 13]) expect(groupMedian(live, group, indicator)).toBe(groupMedian(rebuilt, group, indicator));
    }
  });

  it('medians: none for a group under 30; the middle value otherwise', () => {
    const small = new SortedBuckets(columnsOf(inputs.slice(0, 29), SEED_CATALOGUE));
    expect(groupMedian(small, ALL_GROUP, 0)).toBeNull();
    const thirty = inputs.slice(0, 30);
    const sorted = new SortedBuckets(columnsOf(thirty, SEED_CATALOGUE));
    const t01 = thirty.map((i) => indicatorValues(i)[0]).sort((a, b) => a - b);
    expect(groupMedian(sorted, ALL_GROUP, 0)).toBe((t01[14] + t01[15]) / 2);
  });

  it('progress is reported up to the total', () => {
    const seen: number[] = [];
    recomputeColumns(columnsOf(inputs.slice(0, 100), SEED_CATALOGUE), SEED_CATALOGUE, (done, total) => {
      expect(total).toBe(100);
      seen.push(done);
    });
    expect(seen.at(-1)).toBe(100);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });
});
