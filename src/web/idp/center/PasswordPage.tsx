import { useState } from 'react';
import { Alert, Button, Form, Input } from 'antd';
import { api } from '../../components/api';
import { checkRule, revalidateOnChange, showApiError, zodRule } from '../../components/formRules';
import { changePasswordSchema, PASSWORDS_DIFFER } from '../../../shared/schemas/idp';
import { checkPassword } from '../../../shared/validators/index';
import { FormAlert, formProps, PASSWORD_HELP } from '../forms';
import { useAccount } from './CenterLayout';
import { CenterPage } from './shared';

interface PasswordValues {
  oldPassword: string;
  newPassword: string;
  confirmPassword: string;
}

/** 修改密码: 原密码, 新密码, 确认新密码. Other sessions of the account end. */
export default function PasswordPage() {
  const account = useAccount();
  const [form] = Form.useForm<PasswordValues>();
  const [alert, setAlert] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [submitting, setSubmitting] = useState(false);

  async function submit(values: PasswordValues) {
    setAlert(null);
    setDone(false);
    setSubmitting(true);
    try {
      await api.post('/api/uc/account/password', values);
      form.resetFields();
      setDone(true);
    } catch (error) {
      setAlert(showApiError(form, error));
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <CenterPage title="修改密码" intro="修改密码需验证原密码。修改成功后，本账号在其他设备上的登录将全部退出，并向绑定手机号发送通知短信。">
      <Form form={form} name="change-password" {...formProps} onFinish={submit} onValuesChange={revalidateOnChange(form)} className="center-form">
        {done ? <Alert className="form-alert" type="success" showIcon message="密码修改成功，其他设备上的登录已退出。" /> : null}
        <FormAlert message={alert} />
        <Form.Item label="原密码" name="oldPassword" required rules={[zodRule(changePasswordSchema, 'oldPassword', '请输入原密码')]}>
          <Input.Password autoComplete="current-password" maxLength={128} />
        </Form.Item>
        <Form.Item
          label="新密码"
          name="newPassword"
          required
          extra={`密码要求：${PASSWORD_HELP}`}
          rules={[
            checkRule((value) => {
              if (typeof value !== 'string' || value === '') return '请输入新密码';
              return checkPassword(value, { loginName: account.loginName }).message || null;
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
          <Button type="primary" htmlType="submit" size="large" loading={submitting}>
            确定
          </Button>
        </Form.Item>
      </Form>
    </CenterPage>
  );
}
