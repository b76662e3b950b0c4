import { useState } from 'react';
import { Alert, Button, Form, Input, Result } from 'antd';
import { Link, useNavigate } from 'react-router';
import { api } from '../../components/api';
import { CaptchaInput, useCaptcha } from '../../components/CaptchaInput';
import { CodeInput } from '../../components/CodeInput';
import { checkRule, revalidateOnChange, showApiError, zodRule } from '../../components/formRules';
import { forgotResetSchema } from '../../../shared/schemas/recovery';
import { successMessages } from '../../../shared/messages';
import { PASSWORDS_DIFFER } from '../../../shared/schemas/idp';
import { checkPassword } from '../../../shared/validators/index';
import { FormAlert, formProps, PASSWORD_HELP } from '../forms';
import { ROUTES } from '../links';
import { sendCodeWithCaptcha } from '../sendCode';
import { RECOVERY_ROUTES, RecoveryCard, SubmitButton } from './shared';

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
  const [form] = Form.useForm<ForgotValues>();
  const captcha = useCaptcha();
  const [alert, setAlert] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const sendCode = () =>
    sendCodeWithCaptcha({
      form,
      captcha,
      fields: ['identifier', 'mobile'],
      setAlert: (message) => {
        setAlert(message);
        if (message) setSent(null);
      },
      send: async (c) => {
        setSent(null);
        const res = await api.post<{ ok: true; message: string }>('/api/uc/forgot/code', {
          identifier: String(form.getFieldValue('identifier') ?? '').trim(),
          mobile: String(form.getFieldValue('mobile') ?? '').trim(),
          ...c,
        });
        setSent(res.message || successMessages.forgotCodeSent);
      },
    });

  async function submit(values: ForgotValues) {
    if (submitting) return;
    setAlert(null);
    setSubmitting(true);
    try {
      const res = await api.post<{ ok: true; message: string }>('/api/uc/forgot/reset', {
        identifier: values.identifier.trim(),
        mobile: values.mobile.trim(),
        smsCode: values.smsCode.trim(),
        newPassword: values.newPassword,
        confirmPassword: values.confirmPassword,
      });
      onDone(res.message || successMessages.passwordReset);
    } catch (error) {
      setAlert(showApiError(form, error));
      setSubmitting(false);
    }
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
      <Form form={form} name="forgot-password" {...formProps} onFinish={submit} onValuesChange={revalidateOnChange(form)}>
        <FormAlert message={alert} />
        <Form.Item
          label="登录名或统一社会信用代码"
          name="identifier"
          required
          rules={[zodRule(forgotResetSchema, 'identifier', '请输入登录名或统一社会信用代码')]}
          extra="法人账户可使用统一社会信用代码，自然人账户请使用登录名"
        >
          <Input autoComplete="username" autoCapitalize="off" spellCheck={false} maxLength={64} />
        </Form.Item>
        <Form.Item label="绑定手机号" name="mobile" required rules={[zodRule(forgotResetSchema, 'mobile', '请输入绑定手机号')]}>
          <Input type="tel" inputMode="tel" autoComplete="tel" maxLength={20} />
        </Form.Item>
        <Form.Item label="图形验证码" name="captchaAnswer" required extra="获取短信验证码前请先输入图形验证码">
          <CaptchaInput captcha={captcha} />
        </Form.Item>
        <Form.Item label="短信验证码" name="smsCode" required rules={[zodRule(forgotResetSchema, 'smsCode', '请输入短信验证码')]}>
          <CodeInput onSend={sendCode} />
        </Form.Item>
        <div aria-live="polite">{sent ? <Alert className="form-alert" type="info" showIcon message={sent} /> : null}</div>
        <Form.Item
          label="新密码"
          name="newPassword"
          required
          dependencies={['identifier', 'mobile']}
          extra={`密码要求：${PASSWORD_HELP}`}
          rules={[
            checkRule((value, all) => {
              if (typeof value !== 'string' || value === '') return '请输入新密码';
              const identifier = typeof all.identifier === 'string' ? all.identifier.trim() : undefined;
              const mobile = typeof all.mobile === 'string' ? all.mobile.trim() : undefined;
              return checkPassword(value, { loginName: identifier, mobile }).message || null;
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" maxLength={64} />
        </Form.Item>
        <Form.Item
          label="确认新密码"
          name="confirmPassword"
          required
          dependencies={['newPassword']}
          rules={[checkRule((value, all) => (!value ? '请再次输入新密码' : value !== all.newPassword ? PASSWORDS_DIFFER : null))]}
        >
          <Input.Password autoComplete="new-password" maxLength={64} />
        </Form.Item>
        <Form.Item className="form-actions">
          <SubmitButton busy={submitting}>重置密码</SubmitButton>
        </Form.Item>
      </Form>
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
