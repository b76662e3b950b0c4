import type { ReactNode } from 'react';
import { Form } from 'antd';
import { api, isApiError } from '../../components/api';
import { SmsCodeFields } from '../../components/form/CodeFields';
import { Field, MobileInput } from '../../components/form/Field';
import type { ParseableSchema } from '../../components/form/rules';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { ROUTES } from '../links';
import type { MobileChangeFlow } from './flow';
import { IDP_NAME, SUPPORT_LINE } from '../me';
import './recovery.css';

/** Router paths of the recovery pages (basename /uc). */
export const RECOVERY_ROUTES = {
  forgotPassword: ROUTES.forgotPassword,
  mobileChange: ROUTES.mobileChange,
  status: `${ROUTES.mobileChange}/status`,
} as const;

/**
 * A recovery page (忘记密码, 手机号修改, 核验进度查询): a card with its title (h1 and document
 * title), a short explanation, the content and the support line of the seed at the bottom.
 */
export function RecoveryCard({
  title,
  pageTitle = title,
  intro,
  wide,
  children,
  footer,
}: {
  title: string;
  /** The document title when it differs from the heading (e.g. a success view). */
  pageTitle?: string;
  intro?: ReactNode;
  wide?: boolean;
  children: ReactNode;
  /** Links under the content (above the support line). */
  footer?: ReactNode;
}) {
  useDocumentTitle(IDP_NAME, pageTitle);
  return (
    <div className="site-container auth-page">
      <section className={`auth-card recovery-card${wide ? ' auth-card--wide recovery-card--wide' : ''}`} aria-labelledby="recovery-title">
        <h1 id="recovery-title" className="auth-card__title">
          {title}
        </h1>
        {intro ? <div className="recovery-intro">{intro}</div> : null}
        {children}
        {footer ? (
          <nav className="auth-links" aria-label="账号服务">
            {footer}
          </nav>
        ) : null}
        <p className="auth-support">{SUPPORT_LINE}</p>
      </section>
    </div>
  );
}

/** The 手机号修改 flow expired (15 minutes after step 1) or is unknown to the server. */
export const FLOW_EXPIRED_MESSAGE = '操作已超时，请重新开始';

function isFlowExpired(error: unknown): boolean {
  return isApiError(error) && (error.code === 'FLOW_EXPIRED' || 'flowToken' in error.fieldErrors);
}

/** Runs a request of the 手机号修改 flow; when the flow expired, `onExpired` (back to step 1) too. */
export async function runInFlow<T>(onExpired: () => void, request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    if (isFlowExpired(error)) onExpired();
    throw error;
  }
}

/**
 * 新手机号 with its 图形验证码 and 短信验证码 in step 2 of the 手机号修改 flow (邮箱核验 and
 * 人工核验 alike): the code proves the new mobile.
 */
export function NewMobileFields({ flow, onExpired, schema, extra }: { flow: MobileChangeFlow; onExpired: () => void; schema: ParseableSchema; extra?: ReactNode }) {
  const form = Form.useFormInstance();
  const send = (captcha: { captchaId: string; captchaAnswer: string }) =>
    runInFlow(onExpired, () =>
      api.post('/api/uc/mobile-change/new-mobile-code', { flowToken: flow.flowToken, newMobile: String(form.getFieldValue('newMobile') ?? '').trim(), ...captcha }),
    );
  return (
    <>
      <Field label="新手机号" name="newMobile" schema={schema} extra={extra}>
        <MobileInput />
      </Field>
      <SmsCodeFields schema={schema} before={['newMobile']} send={send} />
    </>
  );
}
