import type { FormValues } from './formValues';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * What was typed and not yet accepted by the server, kept in this browser (a refused save — the
 * window closed, another tab saved — or a tab closed before the autosave ran loses nothing).
 * Removed as soon as the server holds the same values.
 */
export interface LocalCopy {
  uscc: string;
  dataYear: number;
  /** The revision the typing started from. */
  revision: number;
  savedAt: string;
  values: FormValues;
}

const keyOf = (uscc: string, dataYear: number) => `tidu.financing.unsaved.${uscc}.${dataYear}`;

export function readLocalCopy(uscc: string, dataYear: number): LocalCopy | null {
  try {
    const raw = window.localStorage.getItem(keyOf(uscc, dataYear));
    if (!raw) return null;
    const parsed = JSON.parse(raw) as LocalCopy;
    return parsed.uscc === uscc && parsed.dataYear === dataYear && isRecord(parsed.values) ? parsed : null;
  } catch {
    return null;
  }
}

export function writeLocalCopy(copy: LocalCopy): void {
  try {
    window.localStorage.setItem(keyOf(copy.uscc, copy.dataYear), JSON.stringify(copy));
  } catch {
    // Storage full or disabled: the server autosave still runs.
  }
}

export function clearLocalCopy(uscc: string, dataYear: number): void {
  try {
    window.localStorage.removeItem(keyOf(uscc, dataYear));
  } catch {
    // nothing to do
  }
}
