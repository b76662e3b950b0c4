import type { FormInstance } from 'antd/es/form';
import { ApiError } from '../api';
import { CaptchaInput, type Captcha } from './CaptchaInput';
import { AccountInput, CurrentPasswordInput, Field } from './Field';
import type { ParseableSchema } from './rules';

export const CAPTCHA_NOT_LOADED = '图形验证码未加载，请点击【看不清，换一张】';

/**
 * The 图形验证码 a submit needs (登录, 手机号修改 step 1). Forms that send an SMS code check
 * the captcha at 【获取验证码】 instead (SmsCodeFields).
 */
export function CaptchaField({ captcha, schema }: { captcha: Captcha; schema?: ParseableSchema }) {
  return (
    <Field label="图形验证码" name="captchaAnswer" schema={schema}>
      <CaptchaInput captcha={captcha} />
    </Field>
  );
}

/** The captcha id and the typed answer for a request; an error above the form when no image is loaded. */
export function captchaFor(captcha: Captcha, answer: string): { captchaId: string; captchaAnswer: string } {
  if (!captcha.id) throw new ApiError({ code: 'CAPTCHA_NOT_LOADED', message: CAPTCHA_NOT_LOADED, status: 0 });
  return { captchaId: captcha.id, captchaAnswer: answer.trim() };
}

/** Empties the answer and shows a new image (after every use or failure of a captcha). */
export function renewCaptcha(form: FormInstance, captcha: Captcha, field = 'captchaAnswer') {
  captcha.refresh();
  form.setFieldValue(field, '');
}

/**
 * 账号, 密码 and 图形验证码 of a login (统一登录系统, 管理端): each only has to be filled in
 * ("请输入<label>"); the server checks the rest.
 */
export function LoginFields({ account, captcha }: { account: { label: string; name: string; extra?: string }; captcha: Captcha }) {
  return (
    <>
      <Field label={account.label} name={account.name} extra={account.extra}>
        <AccountInput />
      </Field>
      <Field label="密码" name="password">
        <CurrentPasswordInput />
      </Field>
      <CaptchaField captcha={captcha} />
    </>
  );
}
