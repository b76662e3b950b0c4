import { useState } from 'react';
import { Form, Input, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { Navigate, useNavigate } from 'react-router';
import { api, isApiError, resetCsrfToken } from '../../components/api';
import { captchaFor, LoginFields, renewCaptcha } from '../../components/form/CaptchaField';
import { useCaptcha } from '../../components/form/CaptchaInput';
import { SubmitButton, SubmitForm, useSubmitState } from '../../components/form/SubmitForm';
import { Loading } from '../../components/QueryState';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { INSTITUTION_NAME, institutionMeQuery, PATHS, useInstitutionMe } from '../me';
import type { OperatorEnrollment, OperatorLoginResponse } from '../../../shared/schemas/admin';

const totpRules = (required: boolean) => [...(required ? [{ required: true, message: '请输入动态口令' }] : []), { pattern: /^\s*\d{6}\s*$/, message: '请输入6位动态口令' }];

/** 金融机构端登录: 账号, 密码, 图形验证码, 动态口令 (production: bound at first login). */
export default function LoginPage() {
  useDocumentTitle(INSTITUTION_NAME, '登录');
  const me = useInstitutionMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [enrollment, setEnrollment] = useState<OperatorEnrollment | null>(null);

  async function done() {
    resetCsrfToken();
    queryClient.removeQueries({ queryKey: ['institution'] });
    await queryClient.fetchQuery(institutionMeQuery).catch(() => undefined);
    navigate(PATHS.enterprises, { replace: true });
  }

  if (me.isPending) return <Loading />;
  if (me.data?.loggedIn && !enrollment) return <Navigate to={PATHS.enterprises} replace />;
  return (
    <div className="site-container admin-auth">
      <section className="admin-auth__card" aria-labelledby="institution-login-title">
        <h1 id="institution-login-title" className="admin-auth__title">
          金融机构端登录
        </h1>
        {enrollment ? <EnrollForm enrollment={enrollment} onDone={() => void done()} onExpired={() => setEnrollment(null)} /> : <PasswordForm onDone={() => void done()} onEnroll={setEnrollment} />}
      </section>
    </div>
  );
}

function PasswordForm({ onDone, onEnroll }: { onDone: () => void; onEnroll: (e: OperatorEnrollment) => void }) {
  const state = useSubmitState<{ username: string; password: string; captchaAnswer: string; totpCode?: string }>();
  const captcha = useCaptcha();
  return (
    <SubmitForm
      state={state}
      name="institution-login"
      leaves
      onSubmit={async (input) => {
        const totpCode = input.totpCode?.trim();
        const result = await api.post<OperatorLoginResponse>('/api/institution/login', { username: input.username.trim(), password: input.password, ...captchaFor(captcha, input.captchaAnswer), ...(totpCode ? { totpCode } : {}) });
        if (result.step === 'enroll') onEnroll(result);
        else onDone();
      }}
      onError={(error) => {
        renewCaptcha(state.form, captcha);
        if (isApiError(error) && (error.code === 'LOGIN_FAILED' || error.code === 'LOGIN_LOCKED')) state.form.setFieldsValue({ password: '', totpCode: '' });
      }}
    >
      <LoginFields account={{ label: '账号', name: 'username' }} captcha={captcha} />
      <Form.Item label="动态口令" name="totpCode" extra="（已绑定动态口令的账号必填）" rules={totpRules(false)}>
        <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} />
      </Form.Item>
      <SubmitButton>登录</SubmitButton>
    </SubmitForm>
  );
}

function EnrollForm({ enrollment, onDone, onExpired }: { enrollment: OperatorEnrollment; onDone: () => void; onExpired: () => void }) {
  const state = useSubmitState<{ totpCode: string }>();
  return (
    <>
      <h2 className="admin-auth__subtitle">首次登录请绑定动态口令</h2>
      <p>在身份验证器应用中手动输入以下密钥，然后输入应用显示的6位动态口令：</p>
      <Typography.Paragraph className="admin-enroll__secret" copyable={{ text: enrollment.secret, tooltips: ['复制密钥', '已复制'] }}>
        <code>{enrollment.secret.replace(/(.{4})(?=.)/g, '$1 ')}</code>
      </Typography.Paragraph>
      <SubmitForm
        state={state}
        name="institution-enroll"
        leaves
        onSubmit={async ({ totpCode }) => {
          await api.post('/api/institution/login/enroll', { enrollToken: enrollment.enrollToken, totpCode: totpCode.trim() });
          onDone();
        }}
        onError={(error) => {
          if (isApiError(error) && error.code === 'FLOW_EXPIRED') onExpired();
          else state.form.setFieldValue('totpCode', '');
        }}
      >
        <Form.Item label="动态口令" name="totpCode" required rules={totpRules(true)}>
          <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} autoFocus />
        </Form.Item>
        <SubmitButton>登录</SubmitButton>
      </SubmitForm>
    </>
  );
}
