/**
 * Form rules for the nested registration form ({ basic: {…}, indicators: {…}, optional: {…} }):
 * the shared zod schema checks the whole form and the first issue whose path is the field's is
 * its message (the kit's zodRule does the same for flat forms).
 */
import type { FormRule } from 'antd';
import { isEmpty, type ParseableSchema } from '../../components/form/rules';

export type FieldPath = readonly string[];

/** A copy of `values` with `value` at `path`. */
function withValue(values: unknown, path: FieldPath, value: unknown): Record<string, unknown> {
  const base = typeof values === 'object' && values !== null && !Array.isArray(values) ? (values as Record<string, unknown>) : {};
  const [head, ...rest] = path;
  if (head === undefined) return base;
  return { ...base, [head]: rest.length === 0 ? value : withValue(base[head], rest, value) };
}

const samePath = (a: ReadonlyArray<PropertyKey>, b: FieldPath) => a.length === b.length && a.every((p, i) => String(p) === b[i]);

/** The schema's first message about `path`, or null. */
function issueAt(schema: ParseableSchema, values: Record<string, unknown>, path: FieldPath): string | null {
  const result = schema.safeParse(values);
  if (result.success) return null;
  return result.error?.issues.find((i) => samePath(i.path, path))?.message ?? null;
}

/**
 * `required`: the message for an empty field ("请输入…"); optional fields pass when empty.
 * `prepare`: the form values as the schema expects them.
 */
export function pathRule(schema: ParseableSchema, path: FieldPath, required: string | undefined, prepare: (values: Record<string, unknown>) => Record<string, unknown>): FormRule {
  return ({ getFieldsValue }) => ({
    validator: async (_rule, value: unknown) => {
      if (isEmpty(value)) {
        if (required !== undefined) throw new Error(required);
        return;
      }
      const message = issueAt(schema, prepare(withValue(getFieldsValue(true), path, value)), path);
      if (message) throw new Error(message);
    },
  });
}

/** A warning (shown next to the field, never blocking): the message of `check`, or nothing. */
export function warningRule(check: (values: Record<string, unknown>) => string | null): FormRule {
  return ({ getFieldsValue }) => ({
    warningOnly: true,
    validator: async () => {
      const message = check(getFieldsValue(true) as Record<string, unknown>);
      if (message) throw new Error(message);
    },
  });
}
