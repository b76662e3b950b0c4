/**
 * Client-side validation with the shared zod schemas (src/shared/schemas), so a form shows
 * the same Chinese messages as the server, and the server's error model shown on a form.
 *
 * zod is only a type here: the schemas (with their zod runtime) come with the pages that use
 * them, so a page that only needs "请输入…" (登录) stays without zod.
 */
import type { FormInstance, FormRule } from 'antd';
import { errorMessage, isApiError } from '../api';

/** What this module needs of a zod schema (a `z.object(...)`, refinements included). */
export interface ParseableSchema {
  safeParse(data: unknown): {
    success: boolean;
    error?: { issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }> };
  };
}

export function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
}

/**
 * An antd rule checking one field with an object schema. The whole form is parsed (the
 * field's value merged in) and the first issue on this field is the message, so object-level
 * refinements of the schema apply too once the other fields they read are valid.
 *
 * `required`: the message for an empty field (e.g. "请输入登录名"); the schema's own message
 * for an empty value is used when it is not given.
 */
export function zodRule(schema: ParseableSchema, field: string, required?: string): FormRule {
  return ({ getFieldsValue }) => ({
    validator: async (_rule, value: unknown) => {
      if (required !== undefined && isEmpty(value)) throw new Error(required);
      const message = firstIssue(schema, { ...getFieldsValue(true), [field]: value }, field);
      if (message) throw new Error(message);
    },
  });
}

/** The schema's first message about `field` for these values, or null. */
export function firstIssue(schema: ParseableSchema, values: Record<string, unknown>, field: string): string | null {
  const result = schema.safeParse(values);
  if (result.success) return null;
  return result.error?.issues.find((i) => i.path[0] === field)?.message ?? null;
}

/**
 * A rule from a function of the value and all the form's values that returns the message to
 * show, or nothing when the value is fine (cross-field checks such as 确认密码).
 */
export function checkRule(check: (value: unknown, values: Record<string, unknown>) => string | null | undefined): FormRule {
  return ({ getFieldsValue }) => ({
    validator: async (_rule, value: unknown) => {
      const message = check(value, getFieldsValue(true) as Record<string, unknown>);
      if (message) throw new Error(message);
    },
  });
}

/**
 * For `<Form onValuesChange>` of forms validated on blur: a field that shows an error is
 * checked again as the person types, so the message goes away as soon as the value is fixed.
 */
export function revalidateOnChange(form: FormInstance) {
  return (changed: Record<string, unknown>) => {
    const names = Object.keys(changed).filter((name) => form.getFieldError(name).length > 0);
    if (names.length > 0) form.validateFields(names).catch(() => undefined);
  };
}

/**
 * Shows a failed request on a form: the server's `fieldErrors` next to their fields (focus
 * moves to the first), and returns the message for an Alert above the form — the server's
 * `message` when no field took an error, else `null` (field errors the form has no field
 * for are returned too).
 */
export function showApiError(form: FormInstance, error: unknown): string | null {
  if (!isApiError(error)) return errorMessage(error);
  const registered = new Set(form.getFieldsError().map((f) => String(f.name[0])));
  const entries = Object.entries(error.fieldErrors);
  const onFields = entries.filter(([name]) => registered.has(name));
  const elsewhere = entries.filter(([name]) => !registered.has(name)).map(([, message]) => message);
  if (onFields.length > 0) {
    form.setFields(onFields.map(([name, message]) => ({ name, errors: [message] })));
    form.scrollToField(onFields[0]![0], { block: 'center', focus: true });
    return elsewhere.length > 0 ? elsewhere.join('；') : null;
  }
  return elsewhere.length > 0 ? elsewhere.join('；') : error.message;
}
