/**
 * 创新积分 (form.md "Scoring"): peer groups with both fallbacks, percentile ranks, the zero
 * rule, not-applicable rates, level points, the weighted total and the three suggestions.
 *
 * Columnar from the start (designed for 1,000,000 enterprises): the population is split into
 * buckets (发展阶段 × 门类); per bucket and numeric indicator one sorted Float64Array. A peer
 * group is one bucket (same stage and 门类), the stage's buckets (fallback 1) or all buckets
 * (fallback 2); a rank in a group is the sum of binary searches in its buckets, so no array
 * is duplicated for the fallbacks. No Node APIs: the browser could score too.
 */
import { INDICATOR_CODES, INDICATOR_INPUTS, LEVELS, type IndicatorCode } from './indicators.js';
import { STAGES, STAGE_LABELS, indicatorWeights, type IndicatorCatalogue, type Stage } from './catalogue.js';
import { INDUSTRY_SECTIONS, developmentStage, indicatorValues, sectionIndexOf } from './values.js';
import type { ScoringInput } from './input.js';

export const MIN_PEER_GROUP = 30;
/** 20 门类 and one bucket for a code outside them (never a peer group on its own). */
const SECTION_SLOTS = INDUSTRY_SECTIONS.length + 1;
export const BUCKET_COUNT = STAGES.length * SECTION_SLOTS;
const INDICATORS = INDICATOR_CODES.length;
const KIND = INDICATOR_INPUTS.map((i) => i.kind);
/** Indicators ranked by percentile (all but the level indicators). */
export const RANKED_INDICATORS: readonly number[] = INDICATOR_INPUTS.flatMap((input, i) => (input.kind === 'level' ? [] : [i]));

export const bucketOf = (stage: number, section: number): number => stage * SECTION_SLOTS + (section < 0 ? SECTION_SLOTS - 1 : section);

/**
 * Peer group ids: 0–62 one bucket (发展阶段 × 门类), 63–65 a 发展阶段 (fallback 1), 66 everybody
 * (fallback 2).
 */
export const STAGE_GROUP = BUCKET_COUNT;
export const ALL_GROUP = BUCKET_COUNT + STAGES.length;
export const GROUP_COUNT = ALL_GROUP + 1;
const GROUP_BUCKETS: readonly Int32Array[] = Array.from({ length: GROUP_COUNT }, (_, group) => {
  if (group < BUCKET_COUNT) return Int32Array.of(group);
  if (group === ALL_GROUP) return Int32Array.from({ length: BUCKET_COUNT }, (_, b) => b);
  const stage = group - STAGE_GROUP;
  return Int32Array.from({ length: SECTION_SLOTS }, (_, s) => stage * SECTION_SLOTS + s);
});

/** "成长期 · 制造业", "成长期（全部行业）", "全部企业". */
export function peerGroupLabel(group: number): string {
  if (group === ALL_GROUP) return '全部企业';
  if (group >= STAGE_GROUP) return `${STAGE_LABELS[STAGES[group - STAGE_GROUP]]}（全部行业）`;
  const stage = Math.floor(group / SECTION_SLOTS);
  const section = group % SECTION_SLOTS;
  return `${STAGE_LABELS[STAGES[stage]]} · ${INDUSTRY_SECTIONS[section]?.name ?? '其他'}`;
}

/** What ranking needs from a population, per bucket. Implemented by SortedBuckets (and the server's live population). */
export interface RankSource {
  /** Enterprises in the bucket. */
  size(bucket: number): number;
  /** Values of the indicator that take part in its ranking (rates: the applicable ones). */
  ranked(bucket: number, indicator: number): number;
  /** Count of ranked values < v and ≤ v. */
  less(bucket: number, indicator: number, v: number): number;
  notGreater(bucket: number, indicator: number, v: number): number;
  /** Sorted arrays whose elements are candidates for order statistics (medians). */
  candidates(bucket: number, indicator: number): readonly ArrayLike<number>[];
}

/** Index of the first element ≥ v (lower) or > v (upper) in a sorted array. */
export function lowerBound(a: ArrayLike<number>, v: number, from = 0, to = a.length): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
export function upperBound(a: ArrayLike<number>, v: number, from = 0, to = a.length): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function groupSize(source: RankSource, group: number): number {
  let n = 0;
  for (const b of GROUP_BUCKETS[group]) n += source.size(b);
  return n;
}

/** The peer group (form.md): stage + 门类; when < 30 the stage alone; when that is < 30 everybody. */
export function resolvePeerGroup(source: RankSource, stage: number, section: number): number {
  if (section >= 0 && source.size(bucketOf(stage, section)) >= MIN_PEER_GROUP) return bucketOf(stage, section);
  if (groupSize(source, STAGE_GROUP + stage) >= MIN_PEER_GROUP) return STAGE_GROUP + stage;
  return ALL_GROUP;
}

/** pct = 100 × (count(values < v) + 0.5 × count(values = v)) / n in the group. */
export function percentileIn(source: RankSource, group: number, indicator: number, v: number): number {
  let less = 0;
  let notGreater = 0;
  let n = 0;
  for (const b of GROUP_BUCKETS[group]) {
    const size = source.ranked(b, indicator);
    if (size === 0) continue;
    n += size;
    less += source.less(b, indicator, v);
    notGreater += source.notGreater(b, indicator, v);
  }
  return percentFrom(less, notGreater, n);
}

/** pct from the counts (the one formula for provisional scores and recomputation). */
export function percentFrom(less: number, notGreater: number, n: number): number {
  if (n === 0) return 50;
  return (100 * (less + 0.5 * (notGreater - less))) / n;
}

/** The peer group ids made of exactly one bucket are the buckets themselves. */
export const isSingleBucket = (group: number): boolean => group < BUCKET_COUNT;

/**
 * Score (0–100) of each indicator into `out`: levels by their points; amounts and counts
 * (a 0 scores 0) and rates (not applicable → 50; 净利润率 of a loss without revenue → 0) by
 * percentile in the group.
 */
export function scoreIndicators(values: Float64Array, group: number, source: RankSource, levelPoints: Float64Array, out: Float64Array): void {
  for (let i = 0; i < INDICATORS; i++) {
    const v = values[i];
    const kind = KIND[i];
    if (kind === 'level') out[i] = levelPoints[v];
    else if (kind === 'rate') {
      if (Number.isNaN(v)) out[i] = 50;
      else if (v === Number.NEGATIVE_INFINITY) out[i] = 0;
      else out[i] = percentileIn(source, group, i, v);
    } else out[i] = v === 0 ? 0 : percentileIn(source, group, i, v);
  }
}

/** round(x, 2) half away from zero, after removing float noise (x × 100 to 12 significant digits). */
export function round2(x: number): number {
  const scaled = Number((x * 100).toPrecision(12));
  return (Math.sign(scaled) * Math.round(Math.abs(scaled))) / 100;
}

/** Total = round(Σ weight × score × 10 / 100, 2), summed in catalogue order. */
export function totalOf(scores: Float64Array, weights: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < INDICATORS; i++) sum += (weights[i] * scores[i] * 10) / 100;
  return round2(sum);
}

/** Points of one indicator as shown (2 decimals). */
export const pointsOf = (score: number, weight: number): number => round2((weight * score * 10) / 100);

/** The three indicators with most points left on the table (weight × (100 − score) > 0), ties by catalogue order. */
export function suggestionsOf(scores: ArrayLike<number>, weights: ArrayLike<number>, count = 3): number[] {
  const order = Array.from({ length: INDICATORS }, (_, i) => i).filter((i) => weights[i] * (100 - scores[i]) > 0);
  order.sort((a, b) => weights[b] * (100 - scores[b]) - weights[a] * (100 - scores[a]) || a - b);
  return order.slice(0, count);
}

export const levelPointsOf = (catalogue: IndicatorCatalogue): Float64Array => Float64Array.from(LEVELS, (l) => catalogue.levelPoints[l]);

/** k-th smallest (1-based) ranked value of an indicator in a group. */
function kthSmallest(source: RankSource, group: number, indicator: number, k: number): number {
  const buckets = GROUP_BUCKETS[group];
  const count = (v: number, strict: boolean) => {
    let c = 0;
    for (const b of buckets) c += strict ? source.less(b, indicator, v) : source.notGreater(b, indicator, v);
    return c;
  };
  for (const b of buckets) {
    for (const a of source.candidates(b, indicator)) {
      let lo = 0;
      let hi = a.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        const x = a[mid];
        if (count(x, false) < k) lo = mid + 1;
        else if (count(x, true) >= k) hi = mid - 1;
        else return x;
      }
    }
  }
  return Number.NaN;
}

/** Median of the ranked values of an indicator in a group; null for groups under 30 (it would reveal others' figures). */
export function groupMedian(source: RankSource, group: number, indicator: number): number | null {
  if (groupSize(source, group) < MIN_PEER_GROUP) return null;
  let n = 0;
  for (const b of GROUP_BUCKETS[group]) n += source.ranked(b, indicator);
  if (n === 0) return null;
  const low = kthSmallest(source, group, indicator, Math.floor((n + 1) / 2));
  const high = kthSmallest(source, group, indicator, Math.floor(n / 2) + 1);
  return (low + high) / 2;
}

/**
 * A population as columns: per row its stage index, 门类 index (−1 outside) and the 18 values
 * (one Float64Array per indicator, INDICATOR_CODES order).
 */
export interface PopulationColumns {
  length: number;
  stage: Uint8Array;
  section: Int8Array;
  values: Float64Array[];
}

export function emptyColumns(length: number): PopulationColumns {
  return { length, stage: new Uint8Array(length), section: new Int8Array(length), values: Array.from({ length: INDICATORS }, () => new Float64Array(length)) };
}

/** Sorted per-bucket arrays of a population: per ranked indicator one Float64Array, sorted within each bucket's segment. */
export class SortedBuckets implements RankSource {
  private readonly sizes = new Int32Array(BUCKET_COUNT);
  /** Per indicator: segment start of each bucket (BUCKET_COUNT + 1 offsets) and the sorted values. */
  private readonly offsets: Int32Array[] = [];
  private readonly sorted: Float64Array[] = [];

  constructor(columns: PopulationColumns) {
    const { length, stage, section, values } = columns;
    const bucket = new Uint8Array(length);
    for (let r = 0; r < length; r++) {
      bucket[r] = bucketOf(stage[r], section[r]);
      this.sizes[bucket[r]] += 1;
    }
    for (let i = 0; i < INDICATORS; i++) {
      const offsets = new Int32Array(BUCKET_COUNT + 1);
      this.offsets.push(offsets);
      if (KIND[i] === 'level') {
        this.sorted.push(new Float64Array(0));
        continue;
      }
      const column = values[i];
      const rate = KIND[i] === 'rate';
      for (let r = 0; r < length; r++) if (!rate || Number.isFinite(column[r])) offsets[bucket[r] + 1] += 1;
      for (let b = 0; b < BUCKET_COUNT; b++) offsets[b + 1] += offsets[b];
      const fill = offsets.slice(0, BUCKET_COUNT);
      const out = new Float64Array(offsets[BUCKET_COUNT]);
      for (let r = 0; r < length; r++) {
        const v = column[r];
        if (!rate || Number.isFinite(v)) out[fill[bucket[r]]++] = v;
      }
      for (let b = 0; b < BUCKET_COUNT; b++) if (offsets[b + 1] - offsets[b] > 1) out.subarray(offsets[b], offsets[b + 1]).sort();
      this.sorted.push(out);
    }
  }

  size(bucket: number): number {
    return this.sizes[bucket];
  }
  ranked(bucket: number, indicator: number): number {
    const o = this.offsets[indicator];
    return o[bucket + 1] - o[bucket];
  }
  less(bucket: number, indicator: number, v: number): number {
    const o = this.offsets[indicator];
    return lowerBound(this.sorted[indicator], v, o[bucket], o[bucket + 1]) - o[bucket];
  }
  notGreater(bucket: number, indicator: number, v: number): number {
    const o = this.offsets[indicator];
    return upperBound(this.sorted[indicator], v, o[bucket], o[bucket + 1]) - o[bucket];
  }
  candidates(bucket: number, indicator: number): readonly ArrayLike<number>[] {
    const o = this.offsets[indicator];
    return [this.sorted[indicator].subarray(o[bucket], o[bucket + 1])];
  }
  /** One indicator's sorted values and bucket offsets (for tight loops over many rows). */
  segments(indicator: number): { sorted: Float64Array; offsets: Int32Array } {
    return { sorted: this.sorted[indicator], offsets: this.offsets[indicator] };
  }
}

/** One enterprise's score as stored and explained. */
export interface ScoreResult {
  stage: Stage;
  /** Peer group id (peerGroupLabel) and its size (enterprises). */
  peerGroup: number;
  peerSize: number;
  /** 0–1000 with 2 decimals. */
  total: number;
  /** The 18 values (values.ts encoding) and scores (0–100, unrounded), INDICATOR_CODES order. */
  values: Float64Array;
  scores: Float64Array;
  /** Indexes of the three suggestions. */
  suggestions: number[];
}

/** Scores one row against a population (the row must be part of it). */
export function scoreRow(values: Float64Array, stage: number, section: number, source: RankSource, catalogue: IndicatorCatalogue, weightsByStage = STAGES.map((s) => indicatorWeights(catalogue, s)), levelPoints = levelPointsOf(catalogue)): ScoreResult {
  const peerGroup = resolvePeerGroup(source, stage, section);
  const scores = new Float64Array(INDICATORS);
  scoreIndicators(values, peerGroup, source, levelPoints, scores);
  const weights = weightsByStage[stage];
  return { stage: STAGES[stage], peerGroup, peerSize: groupSize(source, peerGroup), total: totalOf(scores, weights), values, scores, suggestions: suggestionsOf(scores, weights) };
}

/** The columns of a list of submissions. */
export function columnsOf(inputs: readonly ScoringInput[], catalogue: IndicatorCatalogue): PopulationColumns {
  const columns = emptyColumns(inputs.length);
  inputs.forEach((input, r) => {
    columns.stage[r] = STAGES.indexOf(developmentStage(input, catalogue.stageRules));
    columns.section[r] = sectionIndexOf(input.basic.industryCode);
    const values = indicatorValues(input);
    for (let i = 0; i < INDICATORS; i++) columns.values[i][r] = values[i];
  });
  return columns;
}

/** Scores every submission of a (small) population: the reference the server's columnar recompute is tested against. */
export function scorePopulation(inputs: readonly ScoringInput[], catalogue: IndicatorCatalogue): ScoreResult[] {
  const columns = columnsOf(inputs, catalogue);
  const source = new SortedBuckets(columns);
  const weights = STAGES.map((s) => indicatorWeights(catalogue, s));
  const levelPoints = levelPointsOf(catalogue);
  return inputs.map((_, r) => {
    const values = Float64Array.from(columns.values, (column) => column[r]);
    return scoreRow(values, columns.stage[r], columns.section[r], source, catalogue, weights, levelPoints);
  });
}

export const codeAt = (i: number): IndicatorCode => INDICATOR_CODES[i];
