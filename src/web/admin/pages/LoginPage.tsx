import { useState } from 'react';
import { Alert, Form, Input, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import { api, isApiError, resetCsrfToken } from '../../components/api';
import { captchaFor, LoginFields, renewCaptcha } from '../../components/form/CaptchaField';
import { useCaptcha } from '../../components/form/CaptchaInput';
import { SubmitButton, SubmitForm, useSubmitState } from '../../components/form/SubmitForm';
import { Loading } from '../../components/QueryState';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { ROUTES, safeFromPath, type LoginNotice } from '../links';
import { ADMIN_NAME, adminMeQuery, useAdminMe } from '../me';
import type { OperatorEnrollment, OperatorLoginResponse } from '../../../shared/schemas/admin';

/**
 * The messages of the shared `adminLoginSchema` (src/shared/schemas/admin.ts) for what the
 * browser checks ("请输入<label>" for the required fields); the server checks the rest. The
 * schema is not imported: it would bring zod into the login page's chunk for four simple rules.
 */
const TOTP_FORMAT = '请输入6位动态口令';
const totpRules = (required: boolean) => [
  ...(required ? [{ required: true, message: '请输入动态口令' }] : []),
  { pattern: /^\s*\d{6}\s*$/, message: TOTP_FORMAT },
];

interface LoginInput {
  username: string;
  password: string;
  captchaAnswer: string;
  totpCode?: string;
}

/** 管理端登录: 账号, 密码, 图形验证码, 动态口令; first login in production binds the 动态口令. */
export default function LoginPage() {
  useDocumentTitle(ADMIN_NAME, '管理端登录');
  const me = useAdminMe();
  const [params] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [enrollment, setEnrollment] = useState<OperatorEnrollment | null>(null);
  const [expired, setExpired] = useState<string | null>(null);
  const target = safeFromPath(params.get('from')) ?? ROUTES.reviews;
  const notice = (location.state as LoginNotice | null)?.notice;

  async function done() {
    resetCsrfToken();
    queryClient.removeQueries({ queryKey: ['admin'] });
    await queryClient.fetchQuery(adminMeQuery).catch(() => undefined);
    navigate(target, { replace: true });
  }

  if (me.isPending) return <Loading />;
  // Already logged in (another tab, the back button): straight to the console.
  if (me.data?.loggedIn && !enrollment) return <Navigate to={target} replace />;

  return (
    <div className="site-container admin-auth">
      <section className="admin-auth__card" aria-labelledby="admin-login-title">
        <h1 id="admin-login-title" className="admin-auth__title">
          管理端登录
        </h1>
        {enrollment ? (
          <EnrollForm
            enrollment={enrollment}
            onDone={() => void done()}
            onExpired={(message) => {
              setEnrollment(null);
              setExpired(message);
            }}
          />
        ) : (
          <>
            {notice && !expired ? <Alert className="form-alert" type="info" showIcon message={notice} /> : null}
            <PasswordForm
              initialAlert={expired}
              onDone={() => void done()}
              onEnroll={(next) => {
                setExpired(null);
                setEnrollment(next);
              }}
            />
          </>
        )}
      </section>
    </div>
  );
}

function PasswordForm({ initialAlert, onDone, onEnroll }: { initialAlert: string | null; onDone: () => void; onEnroll: (e: OperatorEnrollment) => void }) {
  const state = useSubmitState<LoginInput>(initialAlert);
  const captcha = useCaptcha();

  async function submit(input: LoginInput) {
    const totpCode = input.totpCode?.trim();
    const result = await api.post<OperatorLoginResponse>('/api/admin/login', {
      username: input.username.trim(),
      password: input.password,
      ...captchaFor(captcha, input.captchaAnswer),
      ...(totpCode ? { totpCode } : {}),
    });
    if (result.step === 'enroll') onEnroll(result);
    else onDone();
  }

  function failed(error: unknown) {
    // The captcha was used up by this attempt, whatever the outcome.
    renewCaptcha(state.form, captcha);
    if (isApiError(error) && (error.code === 'LOGIN_FAILED' || error.code === 'LOGIN_LOCKED')) {
      state.form.setFieldsValue({ password: '', totpCode: '' });
    }
  }

  return (
    <SubmitForm state={state} name="admin-login" onSubmit={submit} onError={failed} leaves>
      <LoginFields account={{ label: '账号', name: 'username' }} captcha={captcha} />
      <Form.Item label="动态口令" name="totpCode" extra="（已绑定动态口令的账号必填）" rules={totpRules(false)}>
        <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} />
      </Form.Item>
      <SubmitButton>登录</SubmitButton>
    </SubmitForm>
  );
}

/** First login in production: add the secret to an authenticator app, then prove it works. */
function EnrollForm({ enrollment, onDone, onExpired }: { enrollment: OperatorEnrollment; onDone: () => void; onExpired: (message: string) => void }) {
  const state = useSubmitState<{ totpCode: string }>();

  async function submit({ totpCode }: { totpCode: string }) {
    await api.post('/api/admin/login/enroll', { enrollToken: enrollment.enrollToken, totpCode: totpCode.trim() });
    onDone();
  }

  function failed(error: unknown) {
    if (isApiError(error) && error.code === 'FLOW_EXPIRED') onExpired(`${error.message}（请重新输入账号和密码）`);
    else state.form.setFieldValue('totpCode', '');
  }

  return (
    <>
      <h2 className="admin-auth__subtitle">首次登录请绑定动态口令</h2>
      <ol className="admin-enroll__steps">
        <li>在手机上打开身份验证器应用（支持基于时间的动态口令 TOTP），选择手动输入密钥。</li>
        <li>
          输入以下密钥（账号名可填写您的管理端账号）：
          <Typography.Paragraph className="admin-enroll__secret" copyable={{ text: enrollment.secret, tooltips: ['复制密钥', '已复制'] }}>
            <code>{enrollment.secret.replace(/(.{4})(?=.)/g, '$1 ')}</code>
          </Typography.Paragraph>
          也可以将以下密钥链接导入应用：
          <Typography.Paragraph className="admin-enroll__url" copyable={{ text: enrollment.otpauthUrl, tooltips: ['复制链接', '已复制'] }}>
            <code>{enrollment.otpauthUrl}</code>
          </Typography.Paragraph>
        </li>
        <li>输入应用中显示的6位动态口令，完成绑定并登录。</li>
      </ol>
      <SubmitForm state={state} name="admin-enroll" onSubmit={submit} onError={failed} leaves>
        <Form.Item label="动态口令" name="totpCode" required rules={totpRules(true)}>
          <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} autoFocus />
        </Form.Item>
        <SubmitButton>登录</SubmitButton>
      </SubmitForm>
    </>
  );
}
