import { useState } from 'react';
import { Button, Form, Input } from 'antd';
import { api, isApiError } from '../components/api';
import { CaptchaInput, useCaptcha } from '../components/CaptchaInput';
import { revalidateOnChange, showApiError } from '../components/formRules';
import { FormAlert, formProps, renewCaptcha } from './forms';

/**
 * The browser checks only that the fields are filled in, with the messages of the shared
 * `loginSchema` (src/shared/schemas/idp.ts); the server checks the rest with the schema. The
 * schema is not imported here: it would bring zod and every field rule into the first chunk
 * of /uc/login.
 */
const LOGIN_REQUIRED = {
  identifier: '请输入登录名或统一社会信用代码',
  password: '请输入密码',
  captchaAnswer: '请输入图形验证码',
} as const;

export interface LoginValues {
  identifier: string;
  password: string;
  captchaId: string;
  captchaAnswer: string;
}

export interface LoginFormProps {
  /**
   * Where the values go: a JSON API path (default `/api/uc/login`), or a function that sends
   * them and throws an ApiError when the login failed (e.g. the OIDC login of the platform).
   */
  action?: string | ((values: LoginValues) => Promise<unknown>);
  /** After a successful login (e.g. navigate to `return_to`). */
  onSuccess: () => void;
  /** Text of the submit button. */
  submitText?: string;
}

/**
 * The 登录 form: 登录名或统一社会信用代码, 密码, 图形验证码 and 【登录】. A new captcha after every
 * failure; the server's message ("账号或密码错误", lockout) above the form.
 */
export function LoginForm({ action = '/api/uc/login', onSuccess, submitText = '登录' }: LoginFormProps) {
  const [form] = Form.useForm();
  const captcha = useCaptcha();
  const [alert, setAlert] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  async function submit(input: { identifier: string; password: string; captchaAnswer: string }) {
    if (!captcha.id) {
      setAlert('图形验证码未加载，请点击【看不清，换一张】');
      return;
    }
    setAlert(null);
    setSubmitting(true);
    const values: LoginValues = { identifier: input.identifier.trim(), password: input.password, captchaId: captcha.id, captchaAnswer: input.captchaAnswer.trim() };
    try {
      if (typeof action === 'string') await api.post(action, values);
      else await action(values);
      onSuccess();
    } catch (error) {
      renewCaptcha(form, captcha);
      if (isApiError(error) && (error.code === 'LOGIN_FAILED' || error.code === 'LOGIN_LOCKED')) form.setFieldValue('password', '');
      setAlert(showApiError(form, error));
      setSubmitting(false);
    }
  }

  return (
    <Form form={form} name="login" {...formProps} onFinish={submit} onValuesChange={revalidateOnChange(form)}>
      <FormAlert message={alert} />
      <Form.Item
        label="登录名或统一社会信用代码"
        name="identifier"
        required
        rules={[{ required: true, whitespace: true, message: LOGIN_REQUIRED.identifier }]}
        extra="自然人账户不可以用统一社会信用代码登录"
      >
        <Input autoComplete="username" autoCapitalize="off" spellCheck={false} maxLength={64} />
      </Form.Item>
      <Form.Item label="密码" name="password" required rules={[{ required: true, message: LOGIN_REQUIRED.password }]}>
        <Input.Password autoComplete="current-password" maxLength={128} />
      </Form.Item>
      <Form.Item label="图形验证码" name="captchaAnswer" required rules={[{ required: true, whitespace: true, message: LOGIN_REQUIRED.captchaAnswer }]}>
        <CaptchaInput captcha={captcha} />
      </Form.Item>
      <Form.Item className="form-actions">
        <Button type="primary" htmlType="submit" block size="large" loading={submitting}>
          {submitText}
        </Button>
      </Form.Item>
    </Form>
  );
}
