import { Alert, App } from 'antd';
import { useNavigate } from 'react-router';
import { api, resetCsrfToken } from '../../components/api';
import { SmsCodeFields } from '../../components/form/CodeFields';
import { CurrentPasswordInput, Field } from '../../components/form/Field';
import { SubmitButton, SubmitForm, useSubmitState } from '../../components/form/SubmitForm';
import { closeAccountSchema } from '../../../shared/schemas/idp';
import { ROUTES } from '../links';
import type { LoginNotice } from '../pages/LoginPage';
import { useAccount } from './CenterLayout';
import { CenterPage } from './shared';
import { successMessages } from '../../../shared/messages';

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
  const state = useSubmitState<CloseValues>();

  async function close(values: CloseValues) {
    const closed = await state.run(() => api.post('/api/uc/account/close', { password: values.password, smsCode: values.smsCode }), { leaves: true });
    if (!closed) return;
    resetCsrfToken();
    const notice: LoginNotice = { notice: successMessages.accountClosed };
    navigate(ROUTES.login, { state: notice });
  }

  function confirm(values: CloseValues) {
    state.setAlert(null);
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
      <SubmitForm state={state} name="close-account" className="center-form" onSubmit={confirm}>
        <Field label="密码" name="password" schema={closeAccountSchema}>
          <CurrentPasswordInput />
        </Field>
        <SmsCodeFields
          schema={closeAccountSchema}
          send={(c) => api.post('/api/uc/account/close/code', c)}
          onSent={() => void message.success(successMessages.smsCodeSentTo(account.mobileMasked))}
          smsExtra={`验证码将发送至绑定手机号 ${account.mobileMasked}`}
        />
        <SubmitButton block={false} danger>
          确认注销
        </SubmitButton>
      </SubmitForm>
    </CenterPage>
  );
}
