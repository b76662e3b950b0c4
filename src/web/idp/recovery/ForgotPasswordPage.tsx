import { useState } from 'react';
import { Button, Result } from 'antd';
import { Link, useNavigate } from 'react-router';
import { api } from '../../components/api';
import { SmsCodeFields } from '../../components/form/CodeFields';
import { AccountInput, Field, MobileInput } from '../../components/form/Field';
import { NewPasswordFields } from '../../components/form/NewPasswordFields';
import { LiveNotice, SubmitButton, SubmitForm, useSubmitState } from '../../components/form/SubmitForm';
import { forgotResetSchema } from '../../../shared/schemas/recovery';
import type { OkMessage } from '../../../shared/schemas/common';
import { successMessages } from '../../../shared/messages';
import { ROUTES } from '../links';
import { RECOVERY_ROUTES, RecoveryCard } from './shared';

interface ForgotValues {
  identifier: string;
  mobile: string;
  captchaAnswer?: string;
  smsCode: string;
  newPassword: string;
  confirmPassword: string;
}

/**
 * 忘记密码 (flows.md): 账号 + 绑定手机号 + 图形验证码 → 【获取验证码】, then the code and the new
 * password twice. The page never tells whether the account and the mobile belong together.
 */
export default function ForgotPasswordPage() {
  const [done, setDone] = useState<string | null>(null);
  return done ? <ResetDone message={done} /> : <ForgotForm onDone={setDone} />;
}

function ForgotForm({ onDone }: { onDone: (message: string) => void }) {
  const state = useSubmitState<ForgotValues>();
  const [sent, setSent] = useState<string | null>(null);
  const typed = (field: keyof ForgotValues) => String(state.form.getFieldValue(field) ?? '').trim();

  async function sendCode(captcha: { captchaId: string; captchaAnswer: string }) {
    setSent(null);
    const res = await api.post<OkMessage>('/api/uc/forgot/code', { identifier: typed('identifier'), mobile: typed('mobile'), ...captcha });
    setSent(res.message || successMessages.forgotCodeSent);
  }

  async function submit(values: ForgotValues) {
    const res = await api.post<OkMessage>('/api/uc/forgot/reset', {
      identifier: values.identifier.trim(),
      mobile: values.mobile.trim(),
      smsCode: values.smsCode.trim(),
      newPassword: values.newPassword,
      confirmPassword: values.confirmPassword,
    });
    onDone(res.message || successMessages.passwordReset);
  }

  return (
    <RecoveryCard
      title="忘记密码"
      wide
      intro={
        <p>
          请输入登录名或统一社会信用代码及账号绑定的手机号，通过短信验证码重新设置登录密码。如绑定手机号已无法使用，请先通过
          <Link to={RECOVERY_ROUTES.mobileChange}>手机号修改</Link>更换绑定手机号。
        </p>
      }
      footer={
        <>
          <span>想起密码了？</span>
          <Link to={ROUTES.login}>去登录</Link>
        </>
      }
    >
      <SubmitForm state={state} name="forgot-password" onSubmit={submit} leaves>
        <Field label="登录名或统一社会信用代码" name="identifier" schema={forgotResetSchema} extra="法人账户可使用统一社会信用代码，自然人账户请使用登录名">
          <AccountInput />
        </Field>
        <Field label="绑定手机号" name="mobile" schema={forgotResetSchema}>
          <MobileInput />
        </Field>
        <SmsCodeFields schema={forgotResetSchema} before={['identifier', 'mobile']} send={sendCode} />
        <LiveNotice message={sent} />
        <NewPasswordFields personalFields={{ loginName: 'identifier', mobile: 'mobile' }} />
        <SubmitButton>重置密码</SubmitButton>
      </SubmitForm>
    </RecoveryCard>
  );
}

function ResetDone({ message }: { message: string }) {
  const navigate = useNavigate();
  return (
    <RecoveryCard title="忘记密码" pageTitle="密码重置成功" wide>
      <div aria-live="polite">
        <Result
          status="success"
          title={<h2 className="result-title">{message}</h2>}
          subTitle="本账号在所有设备上的登录均已退出，请使用新密码登录。"
          extra={
            <Button type="primary" size="large" onClick={() => navigate(ROUTES.login)}>
              去登录
            </Button>
          }
        />
      </div>
    </RecoveryCard>
  );
}
