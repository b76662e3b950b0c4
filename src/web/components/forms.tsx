import Alert from 'antd/es/alert';
import './forms.css';

/**
 * Form pieces every app shares: the label above the field (phones, 200% zoom), validation on
 * blur, and the server's message above the form when no field took it.
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
  return <Alert className="form-alert" type="error" showIcon message={message} role="alert" />;
}
