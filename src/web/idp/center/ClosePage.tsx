import { useState } from 'react';
import { Alert, App, Button, Form, Input } from 'antd';
import { useNavigate } from 'react-router';
import { api, resetCsrfToken } from '../../components/api';
import { CaptchaInput, useCaptcha } from '../../components/CaptchaInput';
import { CodeInput } from '../../components/CodeInput';
import { revalidateOnChange, showApiError, zodRule } from '../../components/formRules';
import { closeAccountSchema } from '../../../shared/schemas/idp';
import { FormAlert, formProps } from '../forms';
import { sendCodeWithCaptcha } from '../sendCode';
import { ROUTES } from '../links';
import type { LoginNotice } from '../pages/LoginPage';
import { useAccount } from './CenterLayout';
import { CenterPage } from './shared';

interface CloseValues {
  password: string;
  captchaAnswer?: string;
  smsCode: string;
}

export const CLOSE_CONFIRM = '注销后账号将立即停用，确定注销吗？';

/** 注销账号: password + SMS code to the bound mobile, confirmed in a dialog. */
export default function ClosePage() {
  const account = useAccount();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<CloseValues>();
  const captcha = useCaptcha();
  const [alert, setAlert] = useState<string | null>(null);

  const sendCode = () =>
    sendCodeWithCaptcha({
      form,
      captcha,
      fields: [],
      setAlert,
      send: (c) => api.post('/api/uc/account/close/code', c),
      onSent: () => void message.success(`短信验证码已发送至 ${account.mobileMasked}，请注意查收`),
    });

  async function close(values: CloseValues) {
    try {
      await api.post('/api/uc/account/close', { password: values.password, smsCode: values.smsCode });
    } catch (error) {
      setAlert(showApiError(form, error));
      return;
    }
    resetCsrfToken();
    const state: LoginNotice = { notice: '账号已注销。感谢您的使用。' };
    navigate(ROUTES.login, { state });
  }

  function confirm(values: CloseValues) {
    setAlert(null);
    modal.confirm({
      title: CLOSE_CONFIRM,
      okText: '确定',
      cancelText: '取消',
      okButtonProps: { danger: true },
      autoFocusButton: 'cancel',
      onOk: () => close(values),
    });
  }

  return (
    <CenterPage title="注销账号">
      <Alert
        className="form-alert"
        type="warning"
        showIcon
        message="请谨慎操作"
        description={
          <ul className="close-warning">
            <li>注销后账号立即停用，不能再登录工业和信息化部政务服务门户和优质中小企业梯度培育平台，且不可恢复。</li>
            <li>账号的实名认证随之解除；个人信息在法律法规规定的保存期限届满后删除。</li>
            <li>企业在填报期内有进行中的登记时，暂不能注销。</li>
            <li>如需保留个人信息，请先在【个人信息下载】中下载。</li>
          </ul>
        }
      />
      <Form form={form} name="close-account" {...formProps} onFinish={confirm} onValuesChange={revalidateOnChange(form)} className="center-form">
        <FormAlert message={alert} />
        <Form.Item label="密码" name="password" required rules={[zodRule(closeAccountSchema, 'password', '请输入密码')]}>
          <Input.Password autoComplete="current-password" maxLength={128} />
        </Form.Item>
        <Form.Item label="图形验证码" name="captchaAnswer" required extra="获取短信验证码前请先输入图形验证码">
          <CaptchaInput captcha={captcha} />
        </Form.Item>
        <Form.Item
          label="短信验证码"
          name="smsCode"
          required
          rules={[zodRule(closeAccountSchema, 'smsCode', '请输入短信验证码')]}
          extra={`验证码将发送至绑定手机号 ${account.mobileMasked}`}
        >
          <CodeInput onSend={sendCode} />
        </Form.Item>
        <Form.Item className="form-actions">
          <Button type="primary" danger htmlType="submit" size="large">
            确认注销
          </Button>
        </Form.Item>
      </Form>
    </CenterPage>
  );
}
