import { App, Input } from 'antd';
import { api } from '../../components/api';
import { EmailCodeField } from '../../components/form/CodeFields';
import { Field } from '../../components/form/Field';
import { useSubmitState } from '../../components/form/SubmitForm';
import { bindEmailSchema } from '../../../shared/schemas/idp';
import { useAccount } from './CenterLayout';
import { CenterForm } from './CenterForm';
import { CenterPage } from './shared';
import { successMessages } from '../../../shared/messages';

interface EmailValues {
  email: string;
  emailCode: string;
}

/** 绑定邮箱: the code goes to the new address. */
export default function EmailPage() {
  const account = useAccount();
  const { message } = App.useApp();
  const state = useSubmitState<EmailValues>();

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
      <CenterForm
        state={state}
        name="bind-email"
        onSubmit={(values) => api.post('/api/uc/account/email', values)}
        successMessage={successMessages.emailBound}
        accountChanged
      >
        <Field label="邮箱" name="email" schema={bindEmailSchema}>
          <Input type="email" inputMode="email" autoComplete="email" maxLength={254} />
        </Field>
        <EmailCodeField
          schema={bindEmailSchema}
          before={['email']}
          send={() => api.post('/api/uc/account/email/code', { email: state.form.getFieldValue('email') })}
          onSent={() => void message.success(successMessages.emailCodeSent)}
        />
      </CenterForm>
    </CenterPage>
  );
}
