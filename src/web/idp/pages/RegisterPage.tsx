import { useState } from 'react';
import { App, Button, Checkbox, Form, Result } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, resetCsrfToken } from '../../components/api';
import { withRegisteredNotice } from '../../components/links';
import { SmsCodeFields } from '../../components/form/CodeFields';
import { AccountInput, Field, MobileInput } from '../../components/form/Field';
import { NewPasswordFields } from '../../components/form/NewPasswordFields';
import { checkRule } from '../../components/form/rules';
import { SubmitButton, SubmitForm, useSubmitState } from '../../components/form/SubmitForm';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { AGREEMENT_REQUIRED, registerSchema } from '../../../shared/schemas/idp';
import { loginPath, ROUTES, sameOriginPath } from '../links';
import { IDP_NAME, ucMeQuery } from '../me';
import { successMessages } from '../../../shared/messages';

interface RegisterValues {
  loginName: string;
  mobile: string;
  captchaAnswer?: string;
  smsCode: string;
  password: string;
  confirmPassword: string;
  agree: boolean;
}

/** 注册 (flows.md). `?from=<absolute URL>`: where 【暂不认证】 goes back to (same origin only). */
export default function RegisterPage() {
  const [params] = useSearchParams();
  const fromPath = sameOriginPath(params.get('from'));
  const [done, setDone] = useState(false);
  useDocumentTitle(IDP_NAME, done ? '注册成功' : '注册');

  return (
    <div className="site-container auth-page">
      {done ? <RegisterDone fromPath={fromPath} /> : <RegisterForm fromPath={fromPath} onDone={() => setDone(true)} />}
    </div>
  );
}

function RegisterForm({ fromPath, onDone }: { fromPath: string | null; onDone: () => void }) {
  const state = useSubmitState<RegisterValues>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();

  async function submit(values: RegisterValues) {
    await api.post('/api/uc/register', {
      loginName: values.loginName,
      mobile: values.mobile,
      smsCode: values.smsCode,
      password: values.password,
      confirmPassword: values.confirmPassword,
      agree: values.agree,
    });
    // Logged in now: a new session, so a new CSRF token and a new 用户中心 state.
    resetCsrfToken();
    await queryClient.invalidateQueries({ queryKey: ucMeQuery.queryKey });
    onDone();
  }

  return (
    <section className="auth-card auth-card--wide" aria-labelledby="register-title">
      <h1 id="register-title" className="auth-card__title">
        用户注册
      </h1>
      <SubmitForm state={state} name="register" onSubmit={submit} leaves>
        <Field label="登录名" name="loginName" schema={registerSchema} extra="4-30位，以字母开头，可包含字母、数字和下划线">
          <AccountInput maxLength={30} />
        </Field>
        <Field label="手机号" name="mobile" schema={registerSchema}>
          <MobileInput />
        </Field>
        <SmsCodeFields
          schema={registerSchema}
          before={['mobile']}
          send={(c) => api.post('/api/uc/register/sms-code', { mobile: state.form.getFieldValue('mobile'), ...c })}
          onSent={() => void message.success(successMessages.smsCodeSent)}
        />
        <NewPasswordFields label="密码" name="password" personalFields={{ loginName: 'loginName', mobile: 'mobile' }} />
        <Form.Item
          name="agree"
          valuePropName="checked"
          validateTrigger="onChange"
          rules={[checkRule((value) => (value === true ? null : AGREEMENT_REQUIRED))]}
        >
          <Checkbox>
            我已阅读并同意
            <a href={`/uc${ROUTES.agreement}`} target="_blank" rel="noopener">
              《用户协议》
            </a>
            和
            <a href={`/uc${ROUTES.privacy}`} target="_blank" rel="noopener">
              《隐私政策》
            </a>
          </Checkbox>
        </Form.Item>
        <SubmitButton>注册</SubmitButton>
      </SubmitForm>
      <nav className="auth-links" aria-label="账号服务">
        <span>已有账号？</span>
        <Link to={loginPath(fromPath)}>去登录</Link>
      </nav>
    </section>
  );
}

/**
 * 注册成功. 【暂不认证】 goes back to the page that sent the user here (else the platform home); a
 * platform page then says what the new account can do there, since an account without
 * 实名认证 gets no platform session and the page would otherwise still show 【登录】.
 */
function RegisterDone({ fromPath }: { fromPath: string | null }) {
  const navigate = useNavigate();
  return (
    <section className="auth-card auth-card--wide" aria-live="polite">
      <Result
        status="success"
        title={<h1 className="result-title">注册成功</h1>}
        subTitle={
          <>
            <p>
              <strong>{successMessages.registered}</strong>
            </p>
            <p>使用优质中小企业梯度培育平台办理企业业务前，请先完成法人实名认证。</p>
          </>
        }
        extra={[
          <Button key="now" type="primary" size="large" onClick={() => navigate(ROUTES.realname)}>
            立即认证
          </Button>,
          <Button key="later" size="large" onClick={() => window.location.assign(withRegisteredNotice(fromPath ?? '/'))}>
            暂不认证
          </Button>,
        ]}
      />
    </section>
  );
}
