/**
 * The registration form's values: what the server sends (numbers for counts) becomes what the
 * inputs hold (text), and what was typed becomes a draft (kept as typed, '' → null) or the
 * payload of 【提交】 ('' → left out, so ③ empty never blocks).
 */
import type { DraftPayload } from '../../../shared/schemas/registration.js';

export type FormValues = {
  basic?: Record<string, unknown>;
  indicators?: Record<string, unknown>;
  optional?: {
    financing?: Record<string, unknown>;
    hiTechCertNo?: unknown;
    honours?: unknown[];
    highlights?: unknown;
    attachments?: unknown[];
  };
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Numbers as text (the inputs hold text); nulls dropped. */
function texts(section: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!isRecord(section)) return out;
  for (const [k, v] of Object.entries(section)) {
    if (v === null || v === undefined) continue;
    out[k] = typeof v === 'number' ? String(v) : v;
  }
  return out;
}

/** The server's values (draft, version or prefill) → the form. */
export function toFormValues(values: DraftPayload | FormValues | undefined | null): FormValues {
  const v = (values ?? {}) as FormValues;
  const optional = isRecord(v.optional) ? v.optional : {};
  const financing = texts(optional.financing);
  return {
    basic: texts(v.basic),
    indicators: texts(v.indicators),
    optional: {
      financing: { ...financing, methods: Array.isArray(financing.methods) ? financing.methods : [] },
      hiTechCertNo: typeof optional.hiTechCertNo === 'string' ? optional.hiTechCertNo : undefined,
      honours: Array.isArray(optional.honours) ? optional.honours.filter((h) => typeof h === 'string') : [],
      highlights: typeof optional.highlights === 'string' ? optional.highlights : undefined,
      attachments: Array.isArray(optional.attachments) ? optional.attachments : [],
    },
  };
}

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

function section(values: unknown, emptyAs: null | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!isRecord(values)) return out;
  for (const [k, v] of Object.entries(values)) {
    if (blank(v)) {
      if (emptyAs === null) out[k] = null;
    } else out[k] = typeof v === 'string' ? v.trim() : v;
  }
  return out;
}

function optionalPart(values: FormValues['optional'], emptyAs: null | undefined) {
  const o = values ?? {};
  const financing = section(o.financing, emptyAs);
  const honours = (Array.isArray(o.honours) ? o.honours : []).filter((h): h is string => typeof h === 'string' && h.trim() !== '').map((h) => h.trim());
  const out: Record<string, unknown> = {
    financing: { ...financing, methods: Array.isArray(o.financing?.methods) ? o.financing.methods : [] },
    honours,
    attachments: Array.isArray(o.attachments) ? o.attachments : [],
  };
  for (const key of ['hiTechCertNo', 'highlights'] as const) {
    const v = o[key];
    if (!blank(v)) out[key] = typeof v === 'string' ? v.trim() : v;
    else if (emptyAs === null) out[key] = null;
  }
  return out;
}

/** What 【保存草稿】 and autosave send: everything as typed, empty fields as null. */
export function toDraft(values: FormValues): { basic: Record<string, unknown>; indicators: Record<string, unknown>; optional: Record<string, unknown> } {
  return { basic: section(values.basic, null), indicators: section(values.indicators, null), optional: optionalPart(values.optional, null) };
}

/** What 【提交】 sends and the shared schema checks: empty fields left out. */
export function toPayload(values: FormValues): { basic: Record<string, unknown>; indicators: Record<string, unknown>; optional: Record<string, unknown> } {
  return { basic: section(values.basic, undefined), indicators: section(values.indicators, undefined), optional: optionalPart(values.optional, undefined) };
}

/** Two sets of values are the same draft (what the server would store). */
export function sameDraft(a: FormValues, b: FormValues): boolean {
  return stable(toDraft(a)) === stable(toDraft(b));
}

/** JSON with object keys sorted (the form and the server list keys in different orders). */
function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (isRecord(value)) {
    return `{${Object.keys(value)
      .filter((k) => value[k] !== null && value[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stable(value[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
