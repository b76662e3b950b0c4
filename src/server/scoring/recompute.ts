/**
 * Rescoring a whole population (form.md "Scoring"; quality.md: 1,000,000 enterprises): typed
 * arrays in, typed arrays out, no object per row in the loop. The same shared functions as the
 * provisional score, so with an unchanged population both give the same result.
 */
import { INDICATOR_CODES } from '../../shared/scoring/indicators.js';
import { STAGES, indicatorWeights, type IndicatorCatalogue } from '../../shared/scoring/catalogue.js';
import { INDICATOR_INPUTS } from '../../shared/scoring/indicators.js';
import { INDUSTRY_SECTIONS } from '../../shared/scoring/values.js';
import {
  BUCKET_COUNT,
  GROUP_COUNT,
  SortedBuckets,
  bucketOf,
  groupSize,
  isSingleBucket,
  levelPointsOf,
  percentFrom,
  percentileIn,
  resolvePeerGroup,
  round2,
  type PopulationColumns,
} from '../../shared/scoring/score.js';

const INDICATORS = INDICATOR_CODES.length;
const KIND = INDICATOR_INPUTS.map((i) => i.kind);
const SECTION_SLOTS = INDUSTRY_SECTIONS.length + 1;

/** A score as stored: hundredths of a point (0–10000 per indicator, 0–100000 total). */
export function hundredthsOf(score: number): number {
  const t = score * 100;
  const f = Math.floor(t);
  const frac = t - f;
  // Scores are rationals with denominators ≤ 2n: a true half is exact up to float noise, any
  // other value is at least 1/(2n) away from a half.
  if (Math.abs(frac - 0.5) < 1e-8) return f + 1;
  return frac < 0.5 ? f : f + 1;
}

export interface RecomputeResult {
  length: number;
  /** Per row: total in hundredths, peer group id; per row × 18: indicator scores in hundredths. */
  total: Int32Array;
  peerGroup: Uint8Array;
  scores: Uint16Array;
  /** Enterprises per peer group id. */
  groupSizes: Int32Array;
  /** The sorted arrays, to become the live population's base. */
  sorted: SortedBuckets;
}

export function recomputeColumns(columns: PopulationColumns, catalogue: IndicatorCatalogue, onProgress?: (done: number, total: number) => void): RecomputeResult {
  const n = columns.length;
  const sorted = new SortedBuckets(columns);
  const weights = STAGES.map((s) => indicatorWeights(catalogue, s));
  const levelPoints = levelPointsOf(catalogue);
  const groupSizes = new Int32Array(GROUP_COUNT);
  for (let g = 0; g < GROUP_COUNT; g++) groupSizes[g] = groupSize(sorted, g);
  const groupOfBucket = new Int16Array(BUCKET_COUNT);
  for (let b = 0; b < BUCKET_COUNT; b++) {
    const stage = Math.floor(b / SECTION_SLOTS);
    const section = b % SECTION_SLOTS;
    groupOfBucket[b] = resolvePeerGroup(sorted, stage, section === SECTION_SLOTS - 1 ? -1 : section);
  }

  const bucket = new Uint8Array(n);
  const peerGroup = new Uint8Array(n);
  for (let r = 0; r < n; r++) {
    bucket[r] = bucketOf(columns.stage[r], columns.section[r]);
    peerGroup[r] = groupOfBucket[bucket[r]];
  }

  // Column by column (each indicator's column and sorted array stay hot in the cache); the
  // weighted sum per row is added in catalogue order, as totalOf does.
  const sum = new Float64Array(n);
  const scores = new Uint16Array(n * INDICATORS);
  const weightOf = new Float64Array(STAGES.length);
  for (let i = 0; i < INDICATORS; i++) {
    const column = columns.values[i];
    const kind = KIND[i];
    for (let s = 0; s < STAGES.length; s++) weightOf[s] = weights[s][i];
    const { sorted: values, offsets } = kind === 'level' ? { sorted: EMPTY, offsets: EMPTY_OFFSETS } : sorted.segments(i);
    for (let r = 0; r < n; r++) {
      const v = column[r];
      let score: number;
      if (kind === 'level') score = levelPoints[v];
      else if (kind === 'rate' && v !== v) score = 50;
      else if (kind === 'rate' && v === Number.NEGATIVE_INFINITY) score = 0;
      else if (kind !== 'rate' && v === 0) score = 0;
      else {
        const group = peerGroup[r];
        if (isSingleBucket(group)) {
          const from = offsets[group];
          const to = offsets[group + 1];
          // lower and upper bound of v in values[from, to)
          let lo = from;
          let hi = to;
          while (lo < hi) {
            const mid = (lo + hi) >>> 1;
            if (values[mid] < v) lo = mid + 1;
            else hi = mid;
          }
          const less = lo - from;
          hi = to;
          while (lo < hi) {
            const mid = (lo + hi) >>> 1;
            if (values[mid] <= v) lo = mid + 1;
            else hi = mid;
          }
          score = percentFrom(less, lo - from, to - from);
        } else score = percentileIn(sorted, group, i, v);
      }
      sum[r] += (weightOf[columns.stage[r]] * score * 10) / 100;
      scores[r * INDICATORS + i] = hundredthsOf(score);
    }
    onProgress?.(Math.round(((i + 1) / INDICATORS) * n), n);
  }
  const total = new Int32Array(n);
  for (let r = 0; r < n; r++) total[r] = Math.round(round2(sum[r]) * 100);
  return { length: n, total, peerGroup, scores, groupSizes, sorted };
}

const EMPTY = new Float64Array(0);
const EMPTY_OFFSETS = new Int32Array(BUCKET_COUNT + 1);
