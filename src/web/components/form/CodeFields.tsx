import type { ReactNode } from 'react';
import Form from 'antd/es/form';
import type { FormInstance } from 'antd/es/form';
import { zCaptchaAnswer } from '../../../shared/schemas/common';
import { CaptchaInput, useCaptcha, type Captcha } from './CaptchaInput';
import { CAPTCHA_NOT_LOADED, renewCaptcha } from './CaptchaField';
import { CodeInput } from './CodeInput';
import { Field } from './Field';
import { showApiError, type ParseableSchema } from './rules';
import { useSubmitContext } from './SubmitForm';

type CaptchaPair = { captchaId: string; captchaAnswer: string };

interface SendOptions {
  form: FormInstance;
  /** Fields checked before sending (e.g. the mobile the code goes to). */
  before: string[];
  setAlert: (message: string | null) => void;
  onSent?: () => void;
}

/**
 * 【获取验证码】 of a form with a 图形验证码: checks `before` and the captcha answer, sends,
 * and then issues a new captcha whatever happened (the server consumed it). Resolves true
 * when the code was sent (the button then counts down).
 */
async function sendCodeWithCaptcha(options: SendOptions & { captcha: Captcha; send: (captcha: CaptchaPair) => Promise<unknown> }): Promise<boolean> {
  const { form, captcha, before, send, setAlert } = options;
  setAlert(null);
  const fieldsOk = await form.validateFields(before).then(
    () => true,
    () => false,
  );
  const answer = zCaptchaAnswer.safeParse(form.getFieldValue('captchaAnswer') ?? '');
  if (!answer.success) {
    form.setFields([{ name: 'captchaAnswer', errors: [answer.error.issues[0]?.message ?? '请输入图形验证码'] }]);
    if (fieldsOk) form.focusField('captchaAnswer');
    return false;
  }
  if (!fieldsOk) return false;
  if (!captcha.id) {
    setAlert(CAPTCHA_NOT_LOADED);
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

/** 【发送邮箱验证码】 (no captcha): checks `before`, sends; resolves true when it was sent. */
async function sendEmailCode(options: SendOptions & { send: () => Promise<unknown> }): Promise<boolean> {
  const { form, before, send, setAlert } = options;
  setAlert(null);
  if (!(await form.validateFields(before).then(() => true, () => false))) return false;
  try {
    await send();
    options.onSent?.();
    return true;
  } catch (error) {
    setAlert(showApiError(form, error));
    return false;
  }
}

/** The submit state of the SubmitForm around a code field. */
function useKit(): { form: FormInstance; setAlert: (message: string | null) => void } {
  const form = Form.useFormInstance();
  const kit = useSubmitContext();
  if (!kit) throw new Error('a code field belongs in a SubmitForm');
  return { form, setAlert: kit.setAlert };
}

export interface SmsCodeFieldsProps {
  /** The shared schema with `smsCode` (its messages for the code). */
  schema: ParseableSchema;
  /** Fields checked before a code is sent (the mobile it goes to). */
  before?: string[];
  /** Asks the server for the code with the captcha answer; throws the ApiError when refused. */
  send: (captcha: CaptchaPair) => Promise<unknown>;
  onSent?: () => void;
  /** Help under 短信验证码 (e.g. where the code goes). */
  smsExtra?: ReactNode;
}

/**
 * 图形验证码 + 短信验证码 with 【获取验证码】, which checks the captcha, sends, and counts down
 * "重新获取（60s）" … "重新获取（1s）". A new captcha after every use or failure.
 */
export function SmsCodeFields({ schema, before = [], send, onSent, smsExtra }: SmsCodeFieldsProps) {
  const { form, setAlert } = useKit();
  const captcha = useCaptcha();
  const sendCode = () => sendCodeWithCaptcha({ form, captcha, before, send, setAlert, onSent });
  return (
    <>
      <Form.Item label="图形验证码" name="captchaAnswer" required extra="获取短信验证码前请先输入图形验证码">
        <CaptchaInput captcha={captcha} />
      </Form.Item>
      <Field label="短信验证码" name="smsCode" schema={schema} extra={smsExtra}>
        <CodeInput onSend={sendCode} />
      </Field>
    </>
  );
}

export interface EmailCodeFieldProps {
  /** The shared schema with `emailCode`. */
  schema: ParseableSchema;
  before?: string[];
  send: () => Promise<unknown>;
  onSent?: () => void;
  extra?: ReactNode;
}

/** 邮箱验证码 with 【发送邮箱验证码】, counting down "重新发送（60s）" after a code was sent. */
export function EmailCodeField({ schema, before = [], send, onSent, extra }: EmailCodeFieldProps) {
  const { form, setAlert } = useKit();
  const sendCode = () => sendEmailCode({ form, before, send, setAlert, onSent });
  return (
    <Field label="邮箱验证码" name="emailCode" schema={schema} extra={extra}>
      <CodeInput onSend={sendCode} sendText="发送邮箱验证码" countdownText={(s) => `重新发送（${s}s）`} />
    </Field>
  );
}
