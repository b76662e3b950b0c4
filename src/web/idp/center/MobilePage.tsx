import { App } from 'antd';
import { api } from '../../components/api';
import { SmsCodeFields } from '../../components/form/CodeFields';
import { CurrentPasswordInput, Field, MobileInput } from '../../components/form/Field';
import { useSubmitState } from '../../components/form/SubmitForm';
import { changeMobileSchema } from '../../../shared/schemas/idp';
import { useAccount } from './CenterLayout';
import { CenterForm } from './CenterForm';
import { CenterPage } from './shared';
import { successMessages } from '../../../shared/messages';

interface MobileValues {
  currentPassword: string;
  newMobile: string;
  captchaAnswer?: string;
  smsCode: string;
}

/** 修改手机号 (logged in): current password + a code sent to the new mobile. */
export default function MobilePage() {
  const account = useAccount();
  const { message } = App.useApp();
  const state = useSubmitState<MobileValues>();

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
      <CenterForm
        state={state}
        name="change-mobile"
        onSubmit={(values) => api.post('/api/uc/account/mobile', { currentPassword: values.currentPassword, newMobile: values.newMobile, smsCode: values.smsCode })}
        successMessage={successMessages.mobileChanged}
        accountChanged
      >
        <Field label="当前密码" name="currentPassword" schema={changeMobileSchema}>
          <CurrentPasswordInput />
        </Field>
        <Field label="新手机号" name="newMobile" schema={changeMobileSchema}>
          <MobileInput />
        </Field>
        <SmsCodeFields
          schema={changeMobileSchema}
          before={['newMobile']}
          send={(c) => api.post('/api/uc/account/mobile/code', { newMobile: state.form.getFieldValue('newMobile'), ...c })}
          onSent={() => void message.success(successMessages.smsCodeSentToNewMobile)}
        />
      </CenterForm>
    </CenterPage>
  );
}
