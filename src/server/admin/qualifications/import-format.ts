import { isRegistration } from '../../../shared/qualification-import.js';
import type { QualificationType } from '../../../shared/qualification-labels.js';
import { validateUscc } from '../../../shared/validators/index.js';

/** The columns of an import file, by key. */
export type ImportColumn = 'uscc' | 'name' | 'certNo' | 'batch' | 'recognizedOn' | 'validUntil' | 'authority';
export const IMPORT_COLUMNS: readonly ImportColumn[] = ['uscc', 'name', 'certNo', 'batch', 'recognizedOn', 'validUntil', 'authority'];

/** Column headers of a type's template (科技型中小企业: 入库, the others: 认定). */
export function columnLabels(type: QualificationType): Record<ImportColumn, string> {
  const verb = isRegistration(type) ? '入库' : '认定';
  return {
    uscc: '统一社会信用代码',
    name: '企业名称',
    certNo: `${verb}编号`,
    batch: `${verb}年度/批次`,
    recognizedOn: `${verb}日期`,
    validUntil: '有效期至',
    authority: `${verb}单位`,
  };
}

const LABELS = { kjx: columnLabels('kjx'), cxx: columnLabels('cxx'), zjtx: columnLabels('zjtx'), xjr: columnLabels('xjr') };

/** Other headers people write for the same column (either verb, with or without the batch). */
const ALIASES: Record<ImportColumn, string[]> = {
  uscc: ['统一社会信用代码', '社会信用代码', '信用代码'],
  name: ['企业名称', '单位名称'],
  certNo: ['认定编号', '入库编号', '编号'],
  batch: ['认定年度/批次', '入库年度/批次', '认定年度', '入库年度', '认定批次', '入库批次', '年度/批次', '批次'],
  recognizedOn: ['认定日期', '入库日期'],
  validUntil: ['有效期至', '有效期'],
  authority: ['认定单位', '入库单位', '认定机构'],
};

const fold = (value: string) => value.normalize('NFKC').replace(/\s+/g, '').replace(/[（）]/g, (c) => (c === '（' ? '(' : ')'));

/** Where each column is in the header row, or the labels of the missing ones. */
export function mapHeader(type: QualificationType, header: readonly string[]): { ok: true; index: Record<ImportColumn, number> } | { ok: false; missing: string[] } {
  const folded = header.map((h) => fold(String(h ?? '')));
  const index = {} as Record<ImportColumn, number>;
  const missing: string[] = [];
  const labels = columnLabels(type);
  for (const column of IMPORT_COLUMNS) {
    const at = folded.findIndex((h) => ALIASES[column].map(fold).includes(h) || h === fold(labels[column]));
    if (at < 0) missing.push(labels[column]);
    else index[column] = at;
  }
  return missing.length ? { ok: false, missing } : { ok: true, index };
}

export interface RowError {
  row: number;
  column: string;
  reason: string;
}

/** A row that passed the checks that need nothing but the row itself. */
export interface ParsedRow {
  row: number;
  uscc: string;
  name: string;
  certNo: string;
  batch: string;
  recognizedOn: string;
  validUntil: string;
  authority: string;
}

const MAX_TEXT = 100;
const hasControlChars = (value: string) => /[\u0000-\u001f\u007f]/.test(value);

/** 'YYYY-MM-DD' from 2024-03-15, 2024/3/15, 2024.3.15, 2024年3月15日 or a spreadsheet date; null when not a real date. */
export function parseDate(input: string): string | null {
  const value = input.trim();
  // The common case first: already YYYY-MM-DD.
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const m = iso ?? /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(value);
  if (!m) {
    // A spreadsheet date serial (days since 1899-12-30) where the cell was not formatted as a date.
    if (/^\d{5}$/.test(value)) return parseDate(new Date(Date.UTC(1899, 11, 30) + Number(value) * 86400_000).toISOString().slice(0, 10));
    return null;
  }
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1990 || y > 2100 || mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo)) return null;
  return iso ? value : `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const daysIn = (y: number, m: number) => (m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31);

/** Trimmed, and NFC-normalised when not plain ASCII (most cells are). */
const clean = (value: string | undefined) => {
  const trimmed = (value ?? '').trim();
  return /[^\x00-\x7f]/.test(trimmed) ? trimmed.normalize('NFC') : trimmed;
};

/**
 * The checks of one row that need nothing else: USCC (the shared validator), required texts,
 * dates. Blank rows are null (skipped, not counted).
 */
export function parseRow(type: QualificationType, rowNumber: number, cells: Record<ImportColumn, string>, today: string): { row: ParsedRow; errors: RowError[] } | null {
  const labels = LABELS[type];
  const values: Record<ImportColumn, string> = {
    uscc: clean(cells.uscc),
    name: clean(cells.name),
    certNo: clean(cells.certNo),
    batch: clean(cells.batch),
    recognizedOn: clean(cells.recognizedOn),
    validUntil: clean(cells.validUntil),
    authority: clean(cells.authority),
  };
  if (!values.uscc && !values.name && !values.certNo && !values.batch && !values.recognizedOn && !values.validUntil && !values.authority) return null;
  const errors: RowError[] = [];
  function fail(column: ImportColumn, reason: string) {
    errors.push({ row: rowNumber, column: labels[column], reason });
  }

  const uscc = validateUscc(values.uscc);
  if (values.uscc === '') fail('uscc', '统一社会信用代码不能为空');
  else if (!uscc.ok) fail('uscc', uscc.message);
  for (const column of ['name', 'certNo', 'batch', 'authority'] as const) {
    if (values[column] === '') fail(column, `${labels[column]}不能为空`);
    else if (values[column].length > MAX_TEXT || hasControlChars(values[column])) fail(column, `${labels[column]}格式错误（不超过${MAX_TEXT}个字）`);
  }
  const recognizedOn = parseDate(values.recognizedOn);
  const validUntil = parseDate(values.validUntil);
  if (values.recognizedOn === '') fail('recognizedOn', `${labels.recognizedOn}不能为空`);
  else if (!recognizedOn) fail('recognizedOn', `${labels.recognizedOn}不是有效日期，应为YYYY-MM-DD格式`);
  else if (recognizedOn > today) fail('recognizedOn', `${labels.recognizedOn}不能晚于今天`);
  if (values.validUntil === '') fail('validUntil', '有效期至不能为空');
  else if (!validUntil) fail('validUntil', '有效期至不是有效日期，应为YYYY-MM-DD格式');
  else if (recognizedOn && validUntil < recognizedOn) fail('validUntil', `有效期至不能早于${labels.recognizedOn}`);

  return {
    row: {
      row: rowNumber,
      uscc: uscc.ok ? uscc.value : values.uscc,
      name: values.name,
      certNo: /[^\x00-\x7f]/.test(values.certNo) ? values.certNo.normalize('NFKC').toUpperCase() : values.certNo.toUpperCase(),
      batch: values.batch,
      recognizedOn: recognizedOn ?? '',
      validUntil: validUntil ?? '',
      authority: values.authority,
    },
    errors,
  };
}

/** Names compare after folding full-width brackets and spaces (（） and () are the same name). */
export const sameName = (a: string, b: string) => fold(a) === fold(b);

