import type { FormInstance } from 'antd';

export { FormAlert, formProps } from '../components/forms';
import type { Captcha } from '../components/CaptchaInput';

/** The password policy (validators.md) as help text under a new password. */
export const PASSWORD_HELP = '8-32位，至少包含大写字母、小写字母、数字、符号中的三种；不能与登录名或手机号相同，不能使用常见弱密码';

/** Empties the answer and shows a new image (after every use or failure of a captcha). */
export function renewCaptcha(form: FormInstance, captcha: Captcha, field = 'captchaAnswer') {
  captcha.refresh();
  form.setFieldValue(field, '');
}
