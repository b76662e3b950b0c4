import { useState } from 'react';
import { Alert, Form, Input } from 'antd';
import { api } from '../../components/api';
import { CaptchaInput, useCaptcha } from '../../components/CaptchaInput';
import { CodeInput } from '../../components/CodeInput';
import { revalidateOnChange, showApiError, zodRule } from '../../components/formRules';
import { mobileChangeByEmailSchema } from '../../../shared/schemas/recovery';
import { successMessages } from '../../../shared/messages';
import { FormAlert, formProps } from '../forms';
import { sendCodeWithCaptcha } from '../sendCode';
import type { MobileChangeDone, MobileChangeFlow } from './flow';
import { runInFlow, SubmitButton } from './shared';

interface EmailValues {
  emailCode: string;
  newMobile: string;
  captchaAnswer?: string;
  smsCode: string;
}

/**
 * 【邮箱核验】: a code to the account's bound e-mail (never shown, and the same answer for an
 * account without one), the new mobile proved by its own SMS code, then 【提交】.
 */
export function EmailVerifyForm({ flow, onExpired, onDone }: { flow: MobileChangeFlow; onExpired: () => void; onDone: (done: MobileChangeDone) => void }) {
  const [form] = Form.useForm<EmailValues>();
  const captcha = useCaptcha();
  const [alert, setAlert] = useState<string | null>(null);
  const [emailSent, setEmailSent] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const inFlow = <T,>(request: () => Promise<T>) => runInFlow(onExpired, request);

  async function sendEmailCode(): Promise<boolean> {
    setAlert(null);
    try {
      const res = await inFlow(() => api.post<{ ok: true; message: string }>('/api/uc/mobile-change/email-code', { flowToken: flow.flowToken }));
      setEmailSent(res.message || successMessages.recoveryEmailCodeSent);
      return true;
    } catch (error) {
      setEmailSent(null);
      setAlert(showApiError(form, error));
      return false;
    }
  }

  const sendSmsCode = () =>
    sendCodeWithCaptcha({
      form,
      captcha,
      fields: ['newMobile'],
      setAlert,
      send: (c) =>
        inFlow(() =>
          api.post('/api/uc/mobile-change/new-mobile-code', { flowToken: flow.flowToken, newMobile: String(form.getFieldValue('newMobile') ?? '').trim(), ...c }),
        ),
    });

  async function submit(values: EmailValues) {
    if (submitting) return;
    setAlert(null);
    setSubmitting(true);
    try {
      const res = await inFlow(() =>
        api.post<{ ok: true; message: string }>('/api/uc/mobile-change/email', {
          flowToken: flow.flowToken,
          emailCode: values.emailCode.trim(),
          newMobile: values.newMobile.trim(),
          smsCode: values.smsCode.trim(),
        }),
      );
      onDone({ kind: 'email', message: res.message });
    } catch (error) {
      setAlert(showApiError(form, error));
      setSubmitting(false);
    }
  }

  return (
    <Form form={form} name="mobile-change-email" {...formProps} onFinish={submit} onValuesChange={revalidateOnChange(form)}>
      <FormAlert message={alert} />
      <Form.Item
        label="邮箱验证码"
        name="emailCode"
        required
        rules={[zodRule(mobileChangeByEmailSchema, 'emailCode', '请输入邮箱验证码')]}
        extra="验证码将发送至该账号已绑定的邮箱，5分钟内有效"
      >
        <CodeInput onSend={sendEmailCode} sendText="发送邮箱验证码" countdownText={(s) => `重新发送（${s}s）`} />
      </Form.Item>
      <div aria-live="polite">{emailSent ? <Alert className="form-alert" type="info" showIcon message={emailSent} /> : null}</div>
      <Form.Item label="新手机号" name="newMobile" required rules={[zodRule(mobileChangeByEmailSchema, 'newMobile', '请输入新手机号')]}>
        <Input type="tel" inputMode="tel" autoComplete="tel" maxLength={20} />
      </Form.Item>
      <Form.Item label="图形验证码" name="captchaAnswer" required extra="获取短信验证码前请先输入图形验证码">
        <CaptchaInput captcha={captcha} />
      </Form.Item>
      <Form.Item label="短信验证码" name="smsCode" required rules={[zodRule(mobileChangeByEmailSchema, 'smsCode', '请输入短信验证码')]}>
        <CodeInput onSend={sendSmsCode} />
      </Form.Item>
      <Form.Item className="form-actions">
        <SubmitButton busy={submitting}>提交</SubmitButton>
      </Form.Item>
    </Form>
  );
}
