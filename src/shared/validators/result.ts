/** Outcome of a field rule: the normalised value, or the Chinese message to show. */
export type ValidationResult<T = string> =
  | { ok: true; value: T }
  | { ok: false; message: string };

export function valid<T>(value: T): ValidationResult<T> {
  return { ok: true, value };
}

export function invalid<T = string>(message: string): ValidationResult<T> {
  return { ok: false, message };
}
