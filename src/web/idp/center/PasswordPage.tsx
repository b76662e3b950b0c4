import { api } from '../../components/api';
import { CurrentPasswordInput, Field } from '../../components/form/Field';
import { NewPasswordFields } from '../../components/form/NewPasswordFields';
import { useSubmitState } from '../../components/form/SubmitForm';
import { changePasswordSchema } from '../../../shared/schemas/idp';
import { useAccount } from './CenterLayout';
import { CenterForm } from './CenterForm';
import { CenterPage } from './shared';
import { successMessages } from '../../../shared/messages';

interface PasswordValues {
  oldPassword: string;
  newPassword: string;
  confirmPassword: string;
}

/** 修改密码: 原密码, 新密码, 确认新密码. Other sessions of the account end. */
export default function PasswordPage() {
  const account = useAccount();
  const state = useSubmitState<PasswordValues>();

  return (
    <CenterPage title="修改密码" intro="修改密码需验证原密码。修改成功后，本账号在其他设备上的登录将全部退出，并向绑定手机号发送通知短信。">
      <CenterForm
        state={state}
        name="change-password"
        onSubmit={(values) => api.post('/api/uc/account/password', values)}
        successMessage={successMessages.passwordChanged}
      >
        <Field label="原密码" name="oldPassword" schema={changePasswordSchema}>
          <CurrentPasswordInput />
        </Field>
        <NewPasswordFields personal={{ loginName: account.loginName }} />
      </CenterForm>
    </CenterPage>
  );
}
