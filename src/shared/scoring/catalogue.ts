/**
 * The indicator catalogue (form.md "Scoring"): DATA within bounds fixed here. A version may
 * change names, help text, advice, weights (summing to 100 per stage), level points and the
 * stage thresholds; the set of inputs is fixed by code (indicators.ts), so no version
 * invalidates a submission. No zod and no Node APIs: imported by the browser and the server.
 */
import { INDICATOR_CODES, INDICATOR_GROUPS, INDICATOR_INPUTS, LEVELS, type IndicatorCode, type IndicatorGroup, type Level } from './indicators.js';
import { validateMoneyWan } from '../validators/amounts.js';

export const STAGES = ['startup', 'growth', 'mature'] as const;
export type Stage = (typeof STAGES)[number];
export const STAGE_LABELS: Record<Stage, string> = { startup: '初创期', growth: '成长期', mature: '稳定期' };

export interface StageRules {
  /** 初创期 when 成立 < startupMaxYears years (at 12-31 of the 数据年度) … */
  startupMaxYears: number;
  /** … or 营业收入 < this (万元). */
  startupMaxRevenueWan: string;
  /** 稳定期 when 成立 ≥ matureMinYears years and 营业收入 ≥ matureMinRevenueWan (万元). */
  matureMinYears: number;
  matureMinRevenueWan: string;
}

export interface CatalogueIndicator {
  code: IndicatorCode;
  name: string;
  help: string;
  /** One sentence on what would raise this indicator's score (shown among the three suggestions). */
  advice: string;
}

export interface IndicatorCatalogue {
  version: string;
  title: string;
  /** Shown under every score: the catalogue is the platform's own reconstruction. */
  footnote: string;
  stageRules: StageRules;
  /** Weight of each group per stage; each stage sums to 100. Split equally among the group's indicators … */
  groupWeights: Record<Stage, Record<IndicatorGroup, number>>;
  /** … unless explicit per-indicator weights are given (all 18 per stage, summing to 100). */
  indicatorWeights?: Partial<Record<Stage, Record<IndicatorCode, number>>>;
  levelPoints: Record<Level, number>;
  /** In catalogue order (= INDICATOR_CODES order; ties among suggestions follow it). */
  indicators: CatalogueIndicator[];
}

const WEIGHT_TOLERANCE = 1e-9;
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown, max: number, min = 1): v is string => typeof v === 'string' && v.trim().length >= min && v.length <= max;

export type CatalogueCheck = { ok: true; catalogue: IndicatorCatalogue } | { ok: false; errors: string[] };

/** Checks a catalogue version against the bounds of form.md; messages are Chinese (shown to 部级 operators). */
export function validateCatalogue(value: unknown): CatalogueCheck {
  const errors: string[] = [];
  if (!isRecord(value)) return { ok: false, errors: ['指标目录格式不正确'] };
  const c = value;
  if (!isText(c.version, 32) || !/^[0-9A-Za-z._-]+$/.test(c.version)) errors.push('版本号应为1–32位字母、数字、点、下划线或连字符');
  if (!isText(c.title, 200)) errors.push('目录标题不能为空且不超过200字');
  if (!isText(c.footnote, 500)) errors.push('目录说明不能为空且不超过500字');

  const rules = c.stageRules;
  if (!isRecord(rules)) errors.push('缺少发展阶段划分规则');
  else {
    const years = [rules.startupMaxYears, rules.matureMinYears];
    if (!years.every((y) => Number.isInteger(y) && (y as number) >= 1 && (y as number) <= 100)) errors.push('发展阶段的成立年限应为1–100的整数');
    else if ((rules.startupMaxYears as number) > (rules.matureMinYears as number)) errors.push('初创期年限不能大于稳定期年限');
    const money = [rules.startupMaxRevenueWan, rules.matureMinRevenueWan].map((m) => (typeof m === 'string' ? validateMoneyWan(m) : null));
    if (!money.every((m) => m?.ok && m.value === m.value.trim())) errors.push('发展阶段的营业收入界限应为金额（万元）');
    else if (Number(rules.startupMaxRevenueWan) > Number(rules.matureMinRevenueWan)) errors.push('初创期营业收入界限不能大于稳定期界限');
  }

  const groupWeights = c.groupWeights;
  for (const stage of STAGES) {
    const weights = isRecord(groupWeights) ? groupWeights[stage] : undefined;
    if (!isRecord(weights) || !INDICATOR_GROUPS.every((g) => isNumber(weights[g]) && (weights[g] as number) >= 0)) {
      errors.push(`${STAGE_LABELS[stage]}的指标组权重应为不小于0的数`);
      continue;
    }
    const sum = INDICATOR_GROUPS.reduce((s, g) => s + (weights[g] as number), 0);
    if (Math.abs(sum - 100) > WEIGHT_TOLERANCE) errors.push(`${STAGE_LABELS[stage]}的指标组权重之和应为100`);
  }
  if (c.indicatorWeights !== undefined) {
    if (!isRecord(c.indicatorWeights)) errors.push('指标权重格式不正确');
    else {
      for (const [stage, weights] of Object.entries(c.indicatorWeights)) {
        if (!(STAGES as readonly string[]).includes(stage)) {
          errors.push(`未知的发展阶段：${stage}`);
          continue;
        }
        const label = STAGE_LABELS[stage as Stage];
        if (!isRecord(weights) || Object.keys(weights).length !== INDICATOR_CODES.length || !INDICATOR_CODES.every((code) => isNumber(weights[code]) && (weights[code] as number) >= 0)) {
          errors.push(`${label}的指标权重应覆盖全部18项指标且不小于0`);
          continue;
        }
        const sum = INDICATOR_CODES.reduce((s, code) => s + (weights[code] as number), 0);
        if (Math.abs(sum - 100) > WEIGHT_TOLERANCE) errors.push(`${label}的指标权重之和应为100`);
        for (const group of INDICATOR_GROUPS) {
          const groupSum = INDICATOR_INPUTS.filter((i) => i.group === group).reduce((s, i) => s + (weights[i.code] as number), 0);
          const expected = isRecord(groupWeights) && isRecord(groupWeights[stage]) ? (groupWeights[stage] as Record<string, unknown>)[group] : undefined;
          if (isNumber(expected) && Math.abs(groupSum - expected) > WEIGHT_TOLERANCE) errors.push(`${label}的指标权重与指标组权重不一致`);
        }
      }
    }
  }

  const points = c.levelPoints;
  if (!isRecord(points) || !LEVELS.every((l) => isNumber(points[l]) && (points[l] as number) >= 0 && (points[l] as number) <= 100)) errors.push('级别分值应为0–100的数');
  else if (!(points.national as number >= (points.provincial as number) && (points.provincial as number) >= (points.municipal as number) && (points.municipal as number) >= (points.none as number))) {
    errors.push('级别分值应按国家级、省级、市级、无依次不增');
  }

  const list = c.indicators;
  if (!Array.isArray(list) || list.length !== INDICATOR_CODES.length) errors.push('指标目录应包含全部18项指标');
  else {
    list.forEach((item: unknown, index) => {
      const code = INDICATOR_CODES[index];
      if (!isRecord(item) || item.code !== code) {
        errors.push(`第${index + 1}项指标应为${code}`);
        return;
      }
      if (!isText(item.name, 40)) errors.push(`${code}的名称不能为空且不超过40字`);
      if (!isText(item.help, 200, 0)) errors.push(`${code}的说明不超过200字`);
      if (!isText(item.advice, 100)) errors.push(`${code}的提升建议不能为空且不超过100字`);
    });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, catalogue: value as unknown as IndicatorCatalogue };
}

/** Each indicator's weight for a stage, in INDICATOR_CODES order (sums to 100). */
export function indicatorWeights(catalogue: IndicatorCatalogue, stage: Stage): Float64Array {
  const weights = new Float64Array(INDICATOR_CODES.length);
  const explicit = catalogue.indicatorWeights?.[stage];
  const groupSize: Record<IndicatorGroup, number> = { tech: 0, growth: 0, aux: 0 };
  for (const input of INDICATOR_INPUTS) groupSize[input.group] += 1;
  INDICATOR_INPUTS.forEach((input, i) => {
    weights[i] = explicit ? explicit[input.code] : catalogue.groupWeights[stage][input.group] / groupSize[input.group];
  });
  return weights;
}
