/**
 * 创新积分（自评） result page (flows.md "积分结果"; form.md "Scoring"): the enterprise's own
 * latest score, explained. Route (access 'legal', scoped by the session's verified USCC):
 *   GET /api/platform/score → scoreResultResponse (score null: nothing submitted yet)
 */
import { z } from 'zod';

export const SCORE_ROUTES = { mine: '/api/platform/score' } as const;

export const SCORE_TITLE = '创新积分（自评）';
export const SCORE_LABELS = { stage: '发展阶段', peerGroup: '对比组', peerSize: '对比组企业数', total: '总分' } as const;
export const NO_SCORE_MESSAGE = '本企业尚未提交创新积分登记，提交后即可查看创新积分（自评）。';

export const scoredIndicator = z.object({
  code: z.string(),
  name: z.string(),
  group: z.string(),
  unit: z.string().nullable(),
  /** The value as entered or computed (万元 2 decimals, counts, % up to 4 decimals, level name); null: not applicable. */
  value: z.string().nullable(),
  /** Percentile in the peer group (0–100, 2 decimals); null for level indicators and special cases (see note). */
  percentile: z.number().nullable(),
  /** Score 0–100 (2 decimals), weight, points = weight × score × 10 / 100 (2 decimals). */
  score: z.number(),
  weight: z.number(),
  points: z.number(),
  /** Peer median of the value (same format as value); only for peer groups of 30 or more. */
  median: z.string().nullable(),
  /** Why the score is what it is when a rule applies (not applicable, zero). */
  note: z.string().nullable(),
});
export type ScoredIndicator = z.infer<typeof scoredIndicator>;

export const scoreResult = z.object({
  dataYear: z.number(),
  /** 0–1000 with 2 decimals (shown rounded to an integer). */
  total: z.number(),
  stage: z.string(),
  peerGroup: z.string(),
  peerSize: z.number(),
  /** False for the provisional score at 提交; true once a recomputation over everybody wrote or confirmed it. */
  recomputed: z.boolean(),
  computedAt: z.string(),
  catalogueVersion: z.string(),
  catalogueTitle: z.string(),
  footnote: z.string(),
  indicators: z.array(scoredIndicator),
  /** Points per indicator group and the most the group can give (radar chart). */
  groups: z.array(z.object({ name: z.string(), points: z.number(), max: z.number() })),
  suggestions: z.array(z.object({ code: z.string(), name: z.string(), advice: z.string(), pointsLeft: z.number() })),
  /** True when medians are shown (peer group of 30 or more). */
  mediansShown: z.boolean(),
});
export type ScoreResultView = z.infer<typeof scoreResult>;

export const scoreResultResponse = z.object({ score: scoreResult.nullable() });
export type ScoreResultAnswer = z.infer<typeof scoreResultResponse>;
