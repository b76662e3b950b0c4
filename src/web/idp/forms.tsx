import { Alert, type FormInstance } from 'antd';
import type { Captcha } from '../components/CaptchaInput';

/** The error of a whole form (the server's `message` when no field took it), above the form. */
export function FormAlert({ message }: { message: string | null }) {
  if (!message) return null;
  return <Alert className="form-alert" type="error" showIcon message={message} />;
}

/** The password policy (validators.md) as help text under a new password. */
export const PASSWORD_HELP = '8-32位，至少包含大写字母、小写字母、数字、符号中的三种；不能与登录名或手机号相同，不能使用常见弱密码';

/** Labels of the forms share one layout: label above the field (phones and 200% zoom). */
export const formProps = {
  layout: 'vertical',
  size: 'large',
  validateTrigger: 'onBlur',
  requiredMark: true,
  scrollToFirstError: { block: 'center', focus: true },
} as const;

/** Empties the answer and shows a new image (after every use or failure of a captcha). */
export function renewCaptcha(form: FormInstance, captcha: Captcha, field = 'captchaAnswer') {
  captcha.refresh();
  form.setFieldValue(field, '');
}
