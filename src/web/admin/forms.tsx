import { Alert } from 'antd';

/**
 * Form pieces of the 管理端 (the same patterns as the IdP's forms: label above the field,
 * validated on blur, the server's message above the form).
 */
export const formProps = {
  layout: 'vertical',
  size: 'large',
  validateTrigger: 'onBlur',
  requiredMark: true,
  scrollToFirstError: { block: 'center', focus: true },
} as const;

/** The error of a whole form (the server's `message` when no field took it), above the form. */
export function FormAlert({ message }: { message: string | null }) {
  if (!message) return null;
  return <Alert className="admin-form-alert" type="error" showIcon message={message} role="alert" />;
}
