import { useState } from 'react';
import { Alert, App, Button, Form, Input } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../../components/api';
import { CaptchaInput, useCaptcha } from '../../components/CaptchaInput';
import { CodeInput } from '../../components/CodeInput';
import { revalidateOnChange, showApiError, zodRule } from '../../components/formRules';
import { changeMobileSchema } from '../../../shared/schemas/idp';
import { FormAlert, formProps } from '../forms';
import { sendCodeWithCaptcha } from '../sendCode';
import { ucMeQuery } from '../me';
import { useAccount } from './CenterLayout';
import { CenterPage } from './shared';

interface MobileValues {
  currentPassword: string;
  newMobile: string;
  captchaAnswer?: string;
  smsCode: string;
}

/** 修改手机号 (logged in): current password + a code sent to the new mobile. */
export default function MobilePage() {
  const account = useAccount();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<MobileValues>();
  const captcha = useCaptcha();
  const [alert, setAlert] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [submitting, setSubmitting] = useState(false);

  const sendCode = () =>
    sendCodeWithCaptcha({
      form,
      captcha,
      fields: ['newMobile'],
      setAlert,
      send: (c) => api.post('/api/uc/account/mobile/code', { newMobile: form.getFieldValue('newMobile'), ...c }),
      onSent: () => void message.success('短信验证码已发送至新手机号，请注意查收'),
    });

  async function submit(values: MobileValues) {
    setAlert(null);
    setDone(false);
    setSubmitting(true);
    try {
      await api.post('/api/uc/account/mobile', { currentPassword: values.currentPassword, newMobile: values.newMobile, smsCode: values.smsCode });
      form.resetFields();
      setDone(true);
      await queryClient.invalidateQueries({ queryKey: ucMeQuery.queryKey });
    } catch (error) {
      setAlert(showApiError(form, error));
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <CenterPage
      title="修改手机号"
      intro={
        <>
          <p>
            当前绑定手机号：<strong>{account.mobileMasked}</strong>
          </p>
          <p>修改成功后，本账号在其他设备上的登录将全部退出，并向原手机号发送通知短信。</p>
        </>
      }
    >
      <Form form={form} name="change-mobile" {...formProps} onFinish={submit} onValuesChange={revalidateOnChange(form)} className="center-form">
        {done ? <Alert className="form-alert" type="success" showIcon message="手机号修改成功，其他设备上的登录已退出。" /> : null}
        <FormAlert message={alert} />
        <Form.Item label="当前密码" name="currentPassword" required rules={[zodRule(changeMobileSchema, 'currentPassword', '请输入当前密码')]}>
          <Input.Password autoComplete="current-password" maxLength={128} />
        </Form.Item>
        <Form.Item label="新手机号" name="newMobile" required rules={[zodRule(changeMobileSchema, 'newMobile', '请输入新手机号')]}>
          <Input type="tel" inputMode="tel" autoComplete="tel" maxLength={20} />
        </Form.Item>
        <Form.Item label="图形验证码" name="captchaAnswer" required extra="获取短信验证码前请先输入图形验证码">
          <CaptchaInput captcha={captcha} />
        </Form.Item>
        <Form.Item label="短信验证码" name="smsCode" required rules={[zodRule(changeMobileSchema, 'smsCode', '请输入短信验证码')]}>
          <CodeInput onSend={sendCode} />
        </Form.Item>
        <Form.Item className="form-actions">
          <Button type="primary" htmlType="submit" size="large" loading={submitting}>
            确定
          </Button>
        </Form.Item>
      </Form>
    </CenterPage>
  );
}
