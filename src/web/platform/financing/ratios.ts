/**
 * The computed ratios of the form (T02, T04, G02, G03, G06), shown live as the person types.
 * Display only: the server computes what is stored and scored. Money is turned into exact
 * hundredths of 万元 first, so 0.3 ÷ 0.1 is 3 and not 2.9999….
 */
import { INDICATOR_INPUTS, type IndicatorCode, type RatioPart } from '../../../shared/scoring/indicators.js';
import { toHundredths, validateCount, validateMoneyWan } from '../../../shared/validators/amounts.js';

/** The values the ratios read, as typed (strings; counts may be numbers). */
export type RatioValues = Partial<Record<RatioPart, unknown>>;

export type RatioResult =
  | { state: 'value'; text: string }
  /** A part is missing or not a valid number yet. */
  | { state: 'incomplete' }
  /** The denominator is 0. */
  | { state: 'not_applicable'; reason: string };

const MONEY_PARTS: ReadonlySet<RatioPart> = new Set(['indicators.rdExpense', 'basic.revenue', 'basic.revenuePrev', 'basic.netProfit']);

/** The exact integer of a part (hundredths of 万元 for money, the count itself), or null. */
function partValue(part: RatioPart, raw: unknown): number | null {
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return null;
  if (MONEY_PARTS.has(part)) {
    if (typeof raw !== 'string' && typeof raw !== 'number') return null;
    const result = validateMoneyWan(String(raw), { allowNegative: part === 'basic.netProfit' });
    return result.ok ? toHundredths(result.value) : null;
  }
  if (typeof raw !== 'string' && typeof raw !== 'number') return null;
  const result = validateCount(raw);
  return result.ok ? result.value : null;
}

const DENOMINATOR_NAMES: Record<RatioPart, string> = {
  'indicators.rdExpense': '研发费用',
  'indicators.rdStaff': '研发人员数',
  'basic.revenue': '上年度营业收入',
  'basic.revenuePrev': '前年营业收入',
  'basic.netProfit': '上年度净利润',
  'basic.employees': '从业人员（上年末）',
  'basic.employeesPrev': '从业人员（前年末）',
};

/** "12.35%" of a ratio, 2 decimals (half away from zero). */
function percentText(numerator: number, denominator: number): string {
  const value = (numerator / denominator) * 100;
  const rounded = Math.sign(value) * Math.round(Math.abs(value) * 100) / 100;
  return `${rounded.toFixed(2)}%`;
}

/** The ratio of one computed indicator for the values typed so far. */
export function computeRatio(code: IndicatorCode, values: RatioValues): RatioResult {
  const input = INDICATOR_INPUTS.find((i) => i.code === code);
  if (!input || input.source.from !== 'computed') return { state: 'incomplete' };
  const { numerator, denominator, growth } = input.source;
  const n = partValue(numerator, values[numerator]);
  const d = partValue(denominator, values[denominator]);
  if (n === null || d === null) return { state: 'incomplete' };
  if (d === 0) return { state: 'not_applicable', reason: `${DENOMINATOR_NAMES[denominator]}为0，本项不适用` };
  return { state: 'value', text: percentText(growth ? n - d : n, d) };
}
