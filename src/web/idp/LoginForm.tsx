import { api, isApiError } from '../components/api';
import { useCaptcha } from '../components/form/CaptchaInput';
import { captchaFor, LoginFields, renewCaptcha } from '../components/form/CaptchaField';
import { SubmitButton, SubmitForm, useSubmitState } from '../components/form/SubmitForm';

/*
 * The browser checks only that the fields are filled in ("请输入<label>", the messages of the
 * shared `loginSchema` in src/shared/schemas/idp.ts); the server checks the rest with the
 * schema. The schema is not imported here: it would bring zod and every field rule into the
 * first chunk of /uc/login.
 */

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

type LoginInput = Omit<LoginValues, 'captchaId'>;

/**
 * The 登录 form: 登录名或统一社会信用代码, 密码, 图形验证码 and 【登录】. A new captcha after every
 * failure; the server's message ("账号或密码错误", lockout) above the form.
 */
export function LoginForm({ action = '/api/uc/login', onSuccess, submitText = '登录' }: LoginFormProps) {
  const state = useSubmitState<LoginInput>();
  const captcha = useCaptcha();

  async function submit(input: LoginInput) {
    const values: LoginValues = { identifier: input.identifier.trim(), password: input.password, ...captchaFor(captcha, input.captchaAnswer) };
    if (typeof action === 'string') await api.post(action, values);
    else await action(values);
  }

  function failed(error: unknown) {
    renewCaptcha(state.form, captcha);
    if (isApiError(error) && (error.code === 'LOGIN_FAILED' || error.code === 'LOGIN_LOCKED')) state.form.setFieldValue('password', '');
  }

  return (
    <SubmitForm state={state} name="login" onSubmit={submit} onError={failed} leaves onSuccess={onSuccess}>
      <LoginFields account={{ label: '登录名或统一社会信用代码', name: 'identifier', extra: '自然人账户不可以用统一社会信用代码登录' }} captcha={captcha} />
      <SubmitButton>{submitText}</SubmitButton>
    </SubmitForm>
  );
}
