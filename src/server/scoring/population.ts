/**
 * The scoring population of one 数据年度 in memory, columnar (form.md "Scoring": a provisional
 * score must be cheap at 1M enterprises). Rows are enterprises (their latest submitted
 * version); per bucket (发展阶段 × 门类) and ranked indicator a sorted Float64Array, built by each
 * recomputation; each submission updates a small sorted overlay (values added, values
 * removed) instead of copying the big arrays, and a bucket's overlay is merged into its array
 * once it grows past a limit. Ranks are binary searches, never a count over rows.
 */
import { INDICATOR_CODES, INDICATOR_INPUTS } from '../../shared/scoring/indicators.js';
import { STAGES, indicatorWeights, type IndicatorCatalogue } from '../../shared/scoring/catalogue.js';
import {
  BUCKET_COUNT,
  SortedBuckets,
  bucketOf,
  emptyColumns,
  levelPointsOf,
  lowerBound,
  scoreRow,
  upperBound,
  type PopulationColumns,
  type RankSource,
  type ScoreResult,
} from '../../shared/scoring/score.js';

const INDICATORS = INDICATOR_CODES.length;
const RATE = INDICATOR_INPUTS.map((i) => i.kind === 'rate');
const LEVEL = INDICATOR_INPUTS.map((i) => i.kind === 'level');
/** A bucket's overlay is merged into its sorted arrays past this many changes (a merge copies the bucket: O(bucket)). */
const OVERLAY_LIMIT = 512;

/** Does this value take part in the indicator's ranking (rates: only applicable ones)? */
const isRanked = (indicator: number, v: number) => !LEVEL[indicator] && (!RATE[indicator] || Number.isFinite(v));

function insertSorted(list: number[], v: number): void {
  list.splice(upperBound(list, v), 0, v);
}

/** Merges sorted `base` + `added` − `removed` (each removed value present) into a new sorted array. */
function mergeSorted(base: Float64Array, added: number[], removed: number[]): Float64Array {
  const out = new Float64Array(base.length + added.length - removed.length);
  let i = 0;
  let j = 0;
  let k = 0;
  let o = 0;
  while (i < base.length || j < added.length) {
    const fromBase = j >= added.length || (i < base.length && base[i] <= added[j]);
    const v = fromBase ? base[i++] : added[j++];
    while (k < removed.length && removed[k] < v) k++; // cannot happen for a consistent overlay
    if (k < removed.length && removed[k] === v) {
      k++;
      continue;
    }
    out[o++] = v;
  }
  return o === out.length ? out : out.subarray(0, o);
}

export class LivePopulation implements RankSource {
  /** Row of each enterprise key (e.g. its USCC). */
  private readonly rowOf = new Map<string, number>();
  private keys: string[] = [];
  private columns: PopulationColumns;
  private readonly sizes = new Int32Array(BUCKET_COUNT);
  /** [indicator][bucket]: sorted base values, overlay of added and of removed values. */
  private readonly base: Float64Array[][] = [];
  private readonly added: number[][][] = [];
  private readonly removed: number[][][] = [];
  private readonly overlaySize = new Int32Array(BUCKET_COUNT);
  private readonly weights: Float64Array[];
  private readonly levelPoints: Float64Array;

  /**
   * `columns` and `keys` are taken over (not copied); `sorted` may be passed when the caller
   * has built it already from the same columns (a recomputation).
   */
  constructor(
    readonly catalogue: IndicatorCatalogue,
    keys: string[],
    columns: PopulationColumns,
    sorted: SortedBuckets = new SortedBuckets(columns),
    /** Fixed overlay limit (tests); default: adaptive to the bucket's size. */
    private readonly overlayLimit: number | null = null,
  ) {
    this.keys = keys;
    this.columns = columns;
    keys.forEach((key, row) => this.rowOf.set(key, row));
    for (let b = 0; b < BUCKET_COUNT; b++) this.sizes[b] = sorted.size(b);
    for (let i = 0; i < INDICATORS; i++) {
      this.base.push(Array.from({ length: BUCKET_COUNT }, (_, b) => (LEVEL[i] ? new Float64Array(0) : (sorted.candidates(b, i)[0] as Float64Array))));
      this.added.push(Array.from({ length: BUCKET_COUNT }, () => []));
      this.removed.push(Array.from({ length: BUCKET_COUNT }, () => []));
    }
    this.weights = STAGES.map((s) => indicatorWeights(catalogue, s));
    this.levelPoints = levelPointsOf(catalogue);
  }

  static empty(catalogue: IndicatorCatalogue, overlayLimit: number | null = null): LivePopulation {
    const columns = emptyColumns(0);
    return new LivePopulation(catalogue, [], columns, new SortedBuckets(columns), overlayLimit);
  }

  get length(): number {
    return this.keys.length;
  }

  size(bucket: number): number {
    return this.sizes[bucket];
  }
  ranked(bucket: number, indicator: number): number {
    return this.base[indicator][bucket].length + this.added[indicator][bucket].length - this.removed[indicator][bucket].length;
  }
  less(bucket: number, indicator: number, v: number): number {
    return lowerBound(this.base[indicator][bucket], v) + lowerBound(this.added[indicator][bucket], v) - lowerBound(this.removed[indicator][bucket], v);
  }
  notGreater(bucket: number, indicator: number, v: number): number {
    return upperBound(this.base[indicator][bucket], v) + upperBound(this.added[indicator][bucket], v) - upperBound(this.removed[indicator][bucket], v);
  }
  candidates(bucket: number, indicator: number): readonly ArrayLike<number>[] {
    return [this.base[indicator][bucket], this.added[indicator][bucket]];
  }

  /** Adds an enterprise's latest submitted values, replacing its earlier ones. */
  upsert(key: string, stage: number, section: number, values: Float64Array): void {
    let row = this.rowOf.get(key);
    if (row !== undefined) this.removeRow(row);
    else {
      row = this.keys.length;
      this.grow(row + 1);
      this.keys.push(key);
      this.rowOf.set(key, row);
    }
    const bucket = bucketOf(stage, section);
    this.columns.stage[row] = stage;
    this.columns.section[row] = section;
    for (let i = 0; i < INDICATORS; i++) {
      this.columns.values[i][row] = values[i];
      if (isRanked(i, values[i])) insertSorted(this.added[i][bucket], values[i]);
    }
    this.sizes[bucket] += 1;
    this.touch(bucket);
  }

  /** Scores an enterprise of the population (after `upsert`). */
  scoreOf(key: string): ScoreResult | null {
    const row = this.rowOf.get(key);
    if (row === undefined) return null;
    const values = Float64Array.from(this.columns.values, (column) => column[row]);
    return scoreRow(values, this.columns.stage[row], this.columns.section[row], this, this.catalogue, this.weights, this.levelPoints);
  }

  /** The columns and keys as they are now (for a recomputation; shared, not copied). */
  snapshot(): { keys: string[]; columns: PopulationColumns } {
    const n = this.keys.length;
    const c = this.columns;
    return { keys: this.keys, columns: { length: n, stage: c.stage.subarray(0, n), section: c.section.subarray(0, n), values: c.values.map((v) => v.subarray(0, n)) } };
  }

  private removeRow(row: number): void {
    const bucket = bucketOf(this.columns.stage[row], this.columns.section[row]);
    for (let i = 0; i < INDICATORS; i++) {
      const v = this.columns.values[i][row];
      if (!isRanked(i, v)) continue;
      // A value still in the overlay of additions leaves it; one in the base is marked removed.
      const added = this.added[i][bucket];
      const at = lowerBound(added, v);
      if (at < added.length && added[at] === v) added.splice(at, 1);
      else insertSorted(this.removed[i][bucket], v);
    }
    this.sizes[bucket] -= 1;
    this.touch(bucket);
  }

  private touch(bucket: number): void {
    this.overlaySize[bucket] += 1;
    // A merge copies the bucket (O(size)) and an overlay insert moves O(overlay): an overlay
    // of about 16·√size balances the two for large buckets.
    const limit = this.overlayLimit ?? Math.max(OVERLAY_LIMIT, Math.min(8192, 16 * Math.sqrt(this.sizes[bucket])));
    if (this.overlaySize[bucket] < limit) return;
    for (let i = 0; i < INDICATORS; i++) {
      if (LEVEL[i]) continue;
      this.base[i][bucket] = mergeSorted(this.base[i][bucket], this.added[i][bucket], this.removed[i][bucket]);
      this.added[i][bucket] = [];
      this.removed[i][bucket] = [];
    }
    this.overlaySize[bucket] = 0;
  }

  private grow(length: number): void {
    const c = this.columns;
    if (length <= c.stage.length) return;
    const capacity = Math.max(length, Math.ceil(c.stage.length * 1.5), 64);
    const stage = new Uint8Array(capacity);
    stage.set(c.stage);
    const section = new Int8Array(capacity);
    section.set(c.section);
    const values = c.values.map((column) => {
      const next = new Float64Array(capacity);
      next.set(column);
      return next;
    });
    this.columns = { length: capacity, stage, section, values };
  }
}
