import { useState } from 'react';
import { api } from '../../components/api';
import { EmailCodeField } from '../../components/form/CodeFields';
import { LiveNotice, SubmitButton, SubmitForm, useSubmitState } from '../../components/form/SubmitForm';
import { mobileChangeByEmailSchema } from '../../../shared/schemas/recovery';
import type { OkMessage } from '../../../shared/schemas/common';
import { successMessages } from '../../../shared/messages';
import type { MobileChangeDone, MobileChangeFlow } from './flow';
import { NewMobileFields, runInFlow } from './shared';

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
  const state = useSubmitState<EmailValues>();
  const [emailSent, setEmailSent] = useState<string | null>(null);

  const inFlow = <T,>(request: () => Promise<T>) => runInFlow(onExpired, request);

  async function sendEmailCode() {
    setEmailSent(null);
    const res = await inFlow(() => api.post<OkMessage>('/api/uc/mobile-change/email-code', { flowToken: flow.flowToken }));
    setEmailSent(res.message || successMessages.recoveryEmailCodeSent);
  }

  async function submit(values: EmailValues) {
    const res = await inFlow(() =>
      api.post<OkMessage>('/api/uc/mobile-change/email', {
        flowToken: flow.flowToken,
        emailCode: values.emailCode.trim(),
        newMobile: values.newMobile.trim(),
        smsCode: values.smsCode.trim(),
      }),
    );
    onDone({ kind: 'email', message: res.message });
  }

  return (
    <SubmitForm state={state} name="mobile-change-email" onSubmit={submit} leaves>
      <EmailCodeField schema={mobileChangeByEmailSchema} send={sendEmailCode} extra="验证码将发送至该账号已绑定的邮箱，5分钟内有效" />
      <LiveNotice message={emailSent} />
      <NewMobileFields flow={flow} onExpired={onExpired} schema={mobileChangeByEmailSchema} />
      <SubmitButton>提交</SubmitButton>
    </SubmitForm>
  );
}
