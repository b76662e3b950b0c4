/**
 * 创新积分 on the server: the provisional score at 提交 (the platform room's `scoreSubmission`
 * seam), the recomputation of a 数据年度 (batched writes of changed rows only, progress and
 * history in score_runs) and the explained result of an enterprise.
 *
 * The population of each 数据年度 lives in memory as a LivePopulation, loaded on first use from
 * the scores table (after scoring any latest submitted version that has no score row yet) and
 * replaced by each recomputation. With several app processes each keeps its own; a
 * recomputation brings them back in line (documented limit of the provisional score).
 */
import crypto from 'node:crypto';
import type { Clock } from '../clock.js';
import type { ScoringRepo } from '../db/repos/scoring.js';
import type { ScoreTable } from '../db/schema.js';
import { INDICATOR_CODES, INDICATOR_GROUP_LABELS, INDICATOR_GROUPS, INDICATOR_INPUTS, LEVELS, LEVEL_LABELS } from '../../shared/scoring/indicators.js';
import { STAGES, STAGE_LABELS, indicatorWeights, validateCatalogue, type IndicatorCatalogue } from '../../shared/scoring/catalogue.js';
import { INDUSTRY_SECTIONS, NET_MARGIN_LOSS, ageAtYearEnd, displayValue, indicatorValues, sectionIndexOf, stageClassifier, stageOf } from '../../shared/scoring/values.js';
import { emptyColumns, groupMedian, peerGroupLabel, pointsOf, round2, suggestionsOf, type PopulationColumns, type ScoreResult } from '../../shared/scoring/score.js';
import type { ScoringInput } from '../../shared/scoring/input.js';
import type { ScoreResultView, ScoredIndicator } from '../../shared/schemas/score.js';
import type { SubmissionScore } from '../../shared/schemas/registration.js';
import { LivePopulation } from './population.js';
import { hundredthsOf, recomputeColumns } from './recompute.js';

const INDICATORS = INDICATOR_CODES.length;
const PAGE = 20_000;
const WRITE_BATCH = 2_000;

/** What the registration hands over at 提交 (platform/financing/service.ts ScoreSubmissionInput). */
export interface ScoreSubmissionRequest extends ScoringInput {
  uscc: string;
  registrationId: string;
  versionId: string;
  version: number;
}

export interface ScoringServiceDeps {
  repo: ScoringRepo;
  clock: Clock;
  log?: { error(obj: unknown, msg?: string): void };
}

// ---- compact encodings of the scores table -------------------------------------------------

export function encodeValues(values: Float64Array): string {
  return Array.from(values, (v) => (Number.isNaN(v) ? 'na' : v === NET_MARGIN_LOSS ? 'loss' : String(v))).join(',');
}
function decodeValuesInto(text: string, columns: PopulationColumns, row: number): void {
  let i = 0;
  for (const part of text.split(',')) {
    columns.values[i++][row] = part === 'na' ? Number.NaN : part === 'loss' ? NET_MARGIN_LOSS : Number(part);
  }
}
export function encodeScores(scores: ArrayLike<number>): string {
  let text = String(scores[0]);
  for (let i = 1; i < scores.length; i++) text += `,${scores[i]}`;
  return text;
}
const sectionCode = (section: number) => (section < 0 ? '' : INDUSTRY_SECTIONS[section].code);
const sectionIndex = (code: string) => INDUSTRY_SECTIONS.findIndex((s) => s.code === code);

/** Why a score is what it is, when a rule applies (shown on the page). */
function noteOf(code: string, value: number): string | null {
  if (code === 'G03' && value === NET_MARGIN_LOSS) return '上年度营业收入为0且净利润为负，本项按0分计';
  if (Number.isNaN(value)) {
    const why: Record<string, string> = { T02: '上年度营业收入为0', T04: '从业人员（上年末）为0', G02: '前年营业收入为0', G03: '上年度营业收入为0', G06: '从业人员（前年末）为0' };
    return `${why[code] ?? '分母为0'}，本项不适用，按50分计`;
  }
  const kind = INDICATOR_INPUTS.find((i) => i.code === code)?.kind;
  if ((kind === 'amount' || kind === 'count') && value === 0) return '填报值为0，本项得0分';
  return null;
}

export function createScoringService(deps: ScoringServiceDeps) {
  const { repo, clock } = deps;
  let catalogue: Promise<IndicatorCatalogue> | null = null;
  const populations = new Map<number, Promise<LivePopulation>>();

  function activeCatalogue(): Promise<IndicatorCatalogue> {
    catalogue ??= (async () => {
      const row = await repo.activeCatalogue();
      if (!row) throw new Error('no active indicator catalogue');
      const check = validateCatalogue(JSON.parse(row.body));
      if (!check.ok) throw new Error(`indicator catalogue ${row.version} is out of bounds: ${check.errors.join('; ')}`);
      return check.catalogue;
    })().catch((error: unknown) => {
      catalogue = null;
      throw error;
    });
    return catalogue;
  }

  /** Score row of a submission (inputs and result). */
  function rowOf(request: ScoreSubmissionRequest, result: ScoreResult, cat: IndicatorCatalogue, runId: string | null, existingId?: string): ScoreTable {
    return {
      id: existingId ?? crypto.randomUUID(),
      uscc: request.uscc,
      data_year: request.dataYear,
      registration_id: request.registrationId,
      version_id: request.versionId,
      version: request.version,
      section: sectionCode(sectionIndexOf(request.basic.industryCode)),
      founded_year: Number(request.basic.establishedOn.slice(0, 4)),
      vals: encodeValues(result.values),
      catalogue_version: cat.version,
      stage: result.stage,
      peer_group: result.peerGroup,
      peer_size: result.peerSize,
      total_hundredths: Math.round(result.total * 100),
      breakdown: encodeScores(Array.from(result.scores, hundredthsOf)),
      computed_at: clock.now().toISOString(),
      run_id: runId,
    };
  }

  /** Scores the latest submitted versions that have no score row yet (into the rows only; the population is loaded after). */
  async function scoreUnscored(dataYear: number, cat: IndicatorCatalogue): Promise<void> {
    for (;;) {
      const page = await repo.unscoredVersions(dataYear, 1000);
      if (page.length === 0) return;
      for (const v of page) {
        const payload = JSON.parse(v.payload) as Pick<ScoringInput, 'basic' | 'indicators'>;
        const request: ScoreSubmissionRequest = { dataYear, basic: payload.basic, indicators: payload.indicators, uscc: v.uscc, registrationId: v.registration_id, versionId: v.version_id, version: v.version };
        const values = indicatorValues(request);
        // A placeholder result: the recomputation or the population load rescores it.
        const placeholder: ScoreResult = { stage: 'startup', peerGroup: 0, peerSize: 0, total: 0, values, scores: new Float64Array(INDICATORS), suggestions: [] };
        await repo.upsertScore(rowOf(request, placeholder, cat, null));
      }
      if (page.length < 1000) return;
    }
  }

  /** Loads the 数据年度's rows into columns (keyset pages; one object per page, none per row kept). */
  async function loadRows(dataYear: number, cat: IndicatorCatalogue) {
    let capacity = 1024;
    let columns = emptyColumns(capacity);
    const keys: string[] = [];
    const ids: string[] = [];
    const prevTotal: number[] = [];
    const prevState: string[] = [];
    let after = '';
    const stageOfRow = stageClassifier(cat.stageRules);
    const revenueColumn = INDICATOR_CODES.indexOf('G01');
    for (;;) {
      const page = await repo.scoreInputsPage(dataYear, after, PAGE);
      for (const row of page) {
        const r = keys.length;
        if (r === capacity) {
          capacity *= 2;
          const next = emptyColumns(capacity);
          next.stage.set(columns.stage);
          next.section.set(columns.section);
          next.values.forEach((column, i) => column.set(columns.values[i]));
          columns = next;
        }
        keys.push(row.uscc);
        ids.push(row.id);
        decodeValuesInto(row.vals, columns, r);
        const section = sectionIndex(row.section);
        columns.section[r] = section;
        columns.stage[r] = STAGES.indexOf(stageOfRow(dataYear - row.founded_year, columns.values[revenueColumn][r]));
        prevTotal.push(row.total_hundredths);
        prevState.push(`${row.catalogue_version}|${row.stage}|${row.peer_group}|${row.peer_size}|${row.breakdown}`);
      }
      if (page.length < PAGE) break;
      after = page[page.length - 1].id;
    }
    const n = keys.length;
    const trimmed: PopulationColumns = { length: n, stage: columns.stage.slice(0, n), section: columns.section.slice(0, n), values: columns.values.map((c) => c.slice(0, n)) };
    return { keys, ids, columns: trimmed, prevTotal, prevState };
  }

  /**
   * Rescores everybody of a 数据年度 and writes only the rows whose result changed (batches),
   * recording progress in score_runs; the in-memory population is replaced by the new one.
   */
  async function recompute(dataYear: number, options: { reason: string; startedBy?: string | null; onProgress?: (processed: number, total: number) => void } = { reason: 'manual' }) {
    const cat = await activeCatalogue();
    const runId = crypto.randomUUID();
    const startedAt = clock.now().toISOString();
    await repo.insertRun({ id: runId, data_year: dataYear, catalogue_version: cat.version, reason: options.reason, status: 'running', total_rows: 0, processed_rows: 0, changed_rows: 0, started_at: startedAt, finished_at: null, started_by: options.startedBy ?? null, error: null });
    try {
      await scoreUnscored(dataYear, cat);
      const { keys, ids, columns, prevTotal, prevState } = await loadRows(dataYear, cat);
      const n = keys.length;
      await repo.updateRun(runId, { total_rows: n });
      const result = recomputeColumns(columns, cat);
      const computedAt = clock.now().toISOString();
      let changed = 0;
      let batch: Parameters<ScoringRepo['updateResults']>[0][number][] = [];
      for (let r = 0; r < n; r++) {
        const breakdown = encodeScores(result.scores.subarray(r * INDICATORS, (r + 1) * INDICATORS));
        const stage = STAGES[columns.stage[r]];
        const group = result.peerGroup[r];
        const size = result.groupSizes[group];
        const total = result.total[r];
        if (total !== prevTotal[r] || `${cat.version}|${stage}|${group}|${size}|${breakdown}` !== prevState[r]) {
          batch.push({ id: ids[r], catalogue_version: cat.version, stage, peer_group: group, peer_size: size, total_hundredths: total, breakdown, computed_at: computedAt, run_id: runId });
          changed += 1;
        }
        if (batch.length >= WRITE_BATCH || r === n - 1) {
          await repo.updateResults(batch);
          batch = [];
          await repo.updateRun(runId, { processed_rows: r + 1, changed_rows: changed });
          options.onProgress?.(r + 1, n);
        }
      }
      populations.set(dataYear, Promise.resolve(new LivePopulation(cat, keys, columns, result.sorted)));
      await repo.updateRun(runId, { status: 'done', processed_rows: n, changed_rows: changed, finished_at: clock.now().toISOString() });
      return { runId, total: n, changed };
    } catch (error) {
      await repo.updateRun(runId, { status: 'failed', error: String((error as Error)?.message ?? error).slice(0, 500), finished_at: clock.now().toISOString() });
      throw error;
    }
  }

  function populationOf(dataYear: number): Promise<LivePopulation> {
    let population = populations.get(dataYear);
    if (!population) {
      population = (async () => {
        const cat = await activeCatalogue();
        await scoreUnscored(dataYear, cat);
        const { keys, columns } = await loadRows(dataYear, cat);
        return new LivePopulation(cat, keys, columns);
      })();
      populations.set(dataYear, population);
      population.catch(() => populations.delete(dataYear));
    }
    return population;
  }

  /** The page's explanation of a stored score. */
  async function explain(row: ScoreTable): Promise<ScoreResultView> {
    const cat = await activeCatalogue();
    const weights = indicatorWeights(cat, row.stage);
    const values = new Float64Array(INDICATORS);
    row.vals.split(',').forEach((part, i) => (values[i] = part === 'na' ? Number.NaN : part === 'loss' ? NET_MARGIN_LOSS : Number(part)));
    const scores = Float64Array.from(row.breakdown.split(','), (s) => Number(s) / 100);
    const mediansShown = row.peer_size >= 30;
    // Confirmed by a recomputation: written by one, or unchanged by one that started later.
    const lastRun = row.run_id === null ? await repo.lastDoneRunStart(row.data_year) : null;
    const recomputed = row.run_id !== null || (lastRun !== null && lastRun >= row.computed_at);
    const population = mediansShown ? await populationOf(row.data_year) : null;
    const indicators: ScoredIndicator[] = INDICATOR_INPUTS.map((input, i) => {
      const entry = cat.indicators[i];
      const level = input.kind === 'level';
      const median = population && !level ? groupMedian(population, row.peer_group, i) : null;
      const formatMedian = (m: number) => (input.kind === 'amount' ? displayValue(input.code, Math.round(m)) : input.kind === 'count' ? String(m) : String(round2(m)));
      const note = level ? null : noteOf(input.code, values[i]);
      return {
        code: input.code,
        name: entry.name,
        group: INDICATOR_GROUP_LABELS[input.group],
        unit: input.unit,
        value: level ? LEVEL_LABELS[LEVELS[values[i]]] : displayValue(input.code, values[i]),
        percentile: level || note ? null : round2(scores[i]),
        score: round2(scores[i]),
        weight: round2(weights[i]),
        points: pointsOf(scores[i], weights[i]),
        median: median === null || Number.isNaN(median) ? null : formatMedian(median),
        note,
      };
    });
    const groups = INDICATOR_GROUPS.map((group) => {
      const members = INDICATOR_INPUTS.map((input, i) => (input.group === group ? i : -1)).filter((i) => i >= 0);
      return {
        name: INDICATOR_GROUP_LABELS[group],
        points: round2(members.reduce((s, i) => s + (weights[i] * scores[i] * 10) / 100, 0)),
        max: round2(members.reduce((s, i) => s + weights[i] * 10, 0)),
      };
    });
    const suggestions = suggestionsOf(scores, weights).map((i) => ({
      code: INDICATOR_CODES[i],
      name: cat.indicators[i].name,
      advice: cat.indicators[i].advice,
      pointsLeft: round2((weights[i] * (100 - scores[i]) * 10) / 100),
    }));
    return {
      dataYear: row.data_year,
      total: row.total_hundredths / 100,
      stage: STAGE_LABELS[row.stage],
      peerGroup: peerGroupLabel(row.peer_group),
      peerSize: row.peer_size,
      recomputed,
      computedAt: row.computed_at,
      catalogueVersion: row.catalogue_version,
      catalogueTitle: cat.title,
      footnote: cat.footnote,
      indicators,
      groups,
      suggestions,
      mediansShown,
    };
  }

  return {
    activeCatalogue,
    populationOf,
    recompute,
    /** A new catalogue version became active: the next score reloads it and rebuilds the populations. */
    catalogueChanged(): void {
      catalogue = null;
      populations.clear();
    },

    /** The provisional score at 提交 (idempotent by version: the same values give the same row). */
    async scoreSubmission(request: ScoreSubmissionRequest): Promise<SubmissionScore> {
      const cat = await activeCatalogue();
      const population = await populationOf(request.dataYear);
      const values = indicatorValues(request);
      const stage = STAGES.indexOf(stageOf(ageAtYearEnd(request.basic.establishedOn, request.dataYear), values[INDICATOR_CODES.indexOf('G01')], population.catalogue.stageRules));
      population.upsert(request.uscc, stage, sectionIndexOf(request.basic.industryCode), values);
      const result = population.scoreOf(request.uscc)!;
      const row = rowOf(request, result, population.catalogue, null);
      await repo.upsertScore(row);
      const view = await explain(row);
      return {
        total: view.total,
        stage: view.stage,
        peerGroup: view.peerGroup,
        catalogueVersion: cat.version,
        indicators: view.indicators.map((i) => ({ code: i.code, name: i.name, value: i.value, percentile: i.percentile, points: i.points, note: i.note })),
      };
    },

    /** The enterprise's own latest score, explained (null: nothing submitted). */
    async latestOf(uscc: string): Promise<ScoreResultView | null> {
      const row = await repo.latestScoreOf(uscc);
      if (!row) return null;
      if (row.peer_size > 0) return explain(row);
      // A version that had no provisional score (the row holds its inputs only): score it now.
      const population = await populationOf(row.data_year);
      const result = population.scoreOf(uscc);
      if (!result) return null;
      const scored: ScoreTable = {
        ...row,
        catalogue_version: population.catalogue.version,
        stage: result.stage,
        peer_group: result.peerGroup,
        peer_size: result.peerSize,
        total_hundredths: Math.round(result.total * 100),
        breakdown: encodeScores(Array.from(result.scores, hundredthsOf)),
        computed_at: clock.now().toISOString(),
      };
      await repo.upsertScore(scored);
      return explain(scored);
    },
  };
}

export type ScoringService = ReturnType<typeof createScoringService>;
