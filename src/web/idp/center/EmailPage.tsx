import { useState } from 'react';
import { Alert, App, Button, Form, Input } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../../components/api';
import { CodeInput } from '../../components/CodeInput';
import { revalidateOnChange, showApiError, zodRule } from '../../components/formRules';
import { bindEmailSchema } from '../../../shared/schemas/idp';
import { FormAlert, formProps } from '../forms';
import { ucMeQuery } from '../me';
import { useAccount } from './CenterLayout';
import { CenterPage } from './shared';

interface EmailValues {
  email: string;
  emailCode: string;
}

/** 绑定邮箱: the code goes to the new address. */
export default function EmailPage() {
  const account = useAccount();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<EmailValues>();
  const [alert, setAlert] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [submitting, setSubmitting] = useState(false);

  async function sendCode(): Promise<boolean> {
    setAlert(null);
    try {
      await form.validateFields(['email']);
    } catch {
      return false;
    }
    try {
      await api.post('/api/uc/account/email/code', { email: form.getFieldValue('email') });
      void message.success('邮箱验证码已发送，请登录邮箱查收');
      return true;
    } catch (error) {
      setAlert(showApiError(form, error));
      return false;
    }
  }

  async function submit(values: EmailValues) {
    setAlert(null);
    setDone(false);
    setSubmitting(true);
    try {
      await api.post('/api/uc/account/email', values);
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
      title="绑定邮箱"
      intro={
        <>
          <p>
            当前绑定邮箱：<strong>{account.emailMasked ?? '未绑定'}</strong>
          </p>
          <p>绑定邮箱后，可在登录页通过【手机号修改】→【邮箱核验】修改绑定手机号。</p>
        </>
      }
    >
      <Form form={form} name="bind-email" {...formProps} onFinish={submit} onValuesChange={revalidateOnChange(form)} className="center-form">
        {done ? <Alert className="form-alert" type="success" showIcon message="邮箱绑定成功，其他设备上的登录已退出。" /> : null}
        <FormAlert message={alert} />
        <Form.Item label="邮箱" name="email" required rules={[zodRule(bindEmailSchema, 'email', '请输入邮箱')]}>
          <Input type="email" inputMode="email" autoComplete="email" maxLength={254} />
        </Form.Item>
        <Form.Item label="邮箱验证码" name="emailCode" required rules={[zodRule(bindEmailSchema, 'emailCode', '请输入邮箱验证码')]}>
          <CodeInput onSend={sendCode} sendText="发送邮箱验证码" countdownText={(s) => `重新发送（${s}s）`} />
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
