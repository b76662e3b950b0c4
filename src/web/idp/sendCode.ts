import type { FormInstance } from 'antd';
import type { Captcha } from '../components/CaptchaInput';
import { showApiError } from '../components/formRules';
import { zCaptchaAnswer } from '../../shared/schemas/common';
import { renewCaptcha } from './forms';

/**
 * 【获取验证码】 of a form with a 图形验证码: checks `fields` and the captcha answer, sends,
 * and then issues a new captcha whatever happened (the server consumed it). Resolves true
 * when the code was sent (the button then counts down).
 */
export async function sendCodeWithCaptcha(options: {
  form: FormInstance;
  captcha: Captcha;
  fields: string[];
  send: (captcha: { captchaId: string; captchaAnswer: string }) => Promise<unknown>;
  setAlert: (message: string | null) => void;
  onSent?: () => void;
}): Promise<boolean> {
  const { form, captcha, fields, send, setAlert } = options;
  setAlert(null);
  let fieldsOk = true;
  try {
    await form.validateFields(fields);
  } catch {
    fieldsOk = false;
  }
  const answer = zCaptchaAnswer.safeParse(form.getFieldValue('captchaAnswer') ?? '');
  if (!answer.success) {
    form.setFields([{ name: 'captchaAnswer', errors: [answer.error.issues[0]?.message ?? '请输入图形验证码'] }]);
    if (fieldsOk) form.focusField('captchaAnswer');
    return false;
  }
  if (!fieldsOk) return false;
  if (!captcha.id) {
    setAlert('图形验证码未加载，请点击【看不清，换一张】');
    return false;
  }
  try {
    await send({ captchaId: captcha.id, captchaAnswer: answer.data });
    renewCaptcha(form, captcha);
    form.setFields([{ name: 'captchaAnswer', errors: [] }]);
    options.onSent?.();
    return true;
  } catch (error) {
    renewCaptcha(form, captcha);
    setAlert(showApiError(form, error));
    return false;
  }
}
