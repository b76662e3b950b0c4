/**
 * GB/T 4754-2017 《国民经济行业分类》 as shipped in src/shared/data/reference (sources and doubts in
 * SOURCES.md). No zod and no Node APIs: the browser imports it too (only on the pages that need
 * it, as a lazy chunk). 企业信息 stores the 中类 (3 characters, e.g. '397').
 */
import table from './data/reference/gbt4754-2017.json' with { type: 'json' };

export interface IndustryEntry {
  code: string;
  name: string;
  /** 1 门类 (A–T), 2 大类 (2 digits), 3 中类 (3 digits), 4 小类 (4 digits). */
  level: 1 | 2 | 3 | 4;
  parent: string | null;
}

const entries = table as IndustryEntry[];
const byCode = new Map(entries.map((e) => [e.code, e]));

/** Every row of the table in tree order (A, 01, 011, 0111, …). */
export const industryEntries: readonly IndustryEntry[] = entries;

export function industryByCode(code: string): IndustryEntry | undefined {
  return byCode.get(code);
}

/** True for a 3-digit code that is a 中类 of the table. */
export function isIndustryMiddleClass(code: string): boolean {
  return /^\d{3}$/.test(code) && byCode.get(code)?.level === 3;
}

/** The 中类 of a 小类 (registry rows carry 4 digits: the first 3). */
export function middleClassOf(code: string): string | null {
  const c = code.slice(0, 3);
  return isIndustryMiddleClass(c) ? c : null;
}

/** [门类, 大类, 中类, (小类)] down to `code`; empty for an unknown code. */
export function industryPath(code: string): IndustryEntry[] {
  const path: IndustryEntry[] = [];
  for (let e = byCode.get(code); e; e = e.parent === null ? undefined : byCode.get(e.parent)) path.unshift(e);
  return path;
}

/** "C 制造业 / 39 计算机、通信和其他电子设备制造业 / 397 电子器件制造", or '' for an unknown code. */
export function industryLabel(code: string): string {
  return industryPath(code)
    .map((e) => `${e.code} ${e.name}`)
    .join(' / ');
}

export interface IndustryOption {
  value: string;
  label: string;
  children?: IndustryOption[];
}

/** 门类 → 大类 → 中类 for a cascader (小类 left out: 企业信息 asks for the 中类). */
export function industryTree(): IndustryOption[] {
  const nodes = new Map<string, IndustryOption>();
  const roots: IndustryOption[] = [];
  for (const e of entries) {
    if (e.level > 3) continue;
    const node: IndustryOption = { value: e.code, label: `${e.code} ${e.name}` };
    nodes.set(e.code, node);
    if (e.parent === null) roots.push(node);
    else {
      const parent = nodes.get(e.parent)!;
      (parent.children ??= []).push(node);
    }
  }
  return roots;
}
