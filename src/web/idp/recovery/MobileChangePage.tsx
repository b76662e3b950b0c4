import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Result, Steps, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { api } from '../../components/api';
import { CaptchaField, captchaFor, renewCaptcha } from '../../components/form/CaptchaField';
import { useCaptcha } from '../../components/form/CaptchaInput';
import { ChoiceGroup } from '../../components/form/ChoiceGroup';
import { AccountInput, Field } from '../../components/form/Field';
import { SubmitButton, SubmitForm, useSubmitState } from '../../components/form/SubmitForm';
import { mobileChangeStartSchema, type FlowTokenAnswer } from '../../../shared/schemas/recovery';
import { ROUTES } from '../links';
import { EmailVerifyForm } from './EmailVerifyForm';
import { flowExpiresIn, loadFlow, saveFlow, type MobileChangeDone, type MobileChangeFlow, type VerifyMethod } from './flow';
import { ManualReviewForm } from './ManualReviewForm';
import { FLOW_EXPIRED_MESSAGE, RECOVERY_ROUTES, RecoveryCard } from './shared';

const INTRO = '绑定手机号丢失或需要更换时，可通过【邮箱核验】或【人工核验】修改绑定手机号，系统会将审核结果以短信的形式发送到新手机号，请注意查收。';

/**
 * 手机号修改 (flows.md; no login needed). Step 1: 账号 + 图形验证码 → a flowToken (15 minutes).
 * Step 2: 校验方式 【邮箱核验】 (at once) or 【人工核验】 (an operator decides). Afterwards the
 * page suggests 【忘记密码】, as the seed's 步骤二 → 步骤三 says.
 */
export default function MobileChangePage() {
  const [initial] = useState(loadFlow);
  const [flow, setFlowState] = useState<MobileChangeFlow | null>(initial === 'expired' ? null : initial);
  const [expired, setExpired] = useState(initial === 'expired');
  const [done, setDone] = useState<MobileChangeDone | null>(null);

  const setFlow = useCallback((next: MobileChangeFlow | null) => {
    saveFlow(next);
    setFlowState(next);
  }, []);

  const expire = useCallback(() => {
    setFlow(null);
    setExpired(true);
  }, [setFlow]);

  // An expired flow left in the storage is of no use any more.
  useEffect(() => {
    if (initial === 'expired') saveFlow(null);
  }, [initial]);

  // The server forgets the flowToken after 15 minutes: back to step 1 then, with the reason.
  useEffect(() => {
    if (!flow) return undefined;
    const timer = window.setTimeout(expire, Math.max(0, flowExpiresIn(flow)));
    return () => window.clearTimeout(timer);
  }, [flow, expire]);

  const finish = useCallback(
    (result: MobileChangeDone) => {
      setFlow(null);
      setDone(result);
    },
    [setFlow],
  );

  if (done) return <MobileChangeDoneView done={done} />;

  const current = flow ? 1 : 0;
  return (
    <RecoveryCard
      title="手机号修改"
      pageTitle={flow ? '手机号修改 - 选择校验方式' : '手机号修改'}
      wide
      intro={<p>{INTRO}</p>}
      footer={
        <>
          <Link to={RECOVERY_ROUTES.status}>核验进度查询</Link>
          <Link to={ROUTES.login}>返回登录</Link>
        </>
      }
    >
      <Steps
        className="recovery-steps"
        size="small"
        responsive={false}
        labelPlacement="vertical"
        current={current}
        items={[{ title: '填写账号' }, { title: '身份核验' }, { title: '修改完成' }]}
      />
      {flow ? (
        <StepTwo
          flow={flow}
          onMethod={(method) => setFlow({ ...flow, method })}
          onRestart={() => {
            setExpired(false);
            setFlow(null);
          }}
          onExpired={expire}
          onDone={finish}
        />
      ) : (
        <StepOne
          expired={expired}
          onStarted={(next) => {
            setExpired(false);
            setFlow(next);
          }}
        />
      )}
    </RecoveryCard>
  );
}

interface StartValues {
  identifier: string;
  captchaAnswer: string;
}

function StepOne({ expired, onStarted }: { expired: boolean; onStarted: (flow: MobileChangeFlow) => void }) {
  const state = useSubmitState<StartValues>();
  const captcha = useCaptcha();

  async function submit(values: StartValues) {
    const identifier = values.identifier.trim();
    const { flowToken } = await api.post<FlowTokenAnswer>('/api/uc/mobile-change/start', { identifier, ...captchaFor(captcha, values.captchaAnswer) });
    onStarted({ flowToken, identifier, startedAt: Date.now(), method: null });
  }

  return (
    <SubmitForm
      state={state}
      name="mobile-change-start"
      onSubmit={submit}
      onError={() => renewCaptcha(state.form, captcha)}
      leaves
      notice={expired && !state.alert ? <Alert className="form-alert" type="warning" showIcon message={FLOW_EXPIRED_MESSAGE} /> : null}
    >
      <Field
        label="登录名或统一社会信用代码"
        name="identifier"
        schema={mobileChangeStartSchema}
        extra="请输入需要修改绑定手机号的账号：法人账户可使用统一社会信用代码，自然人账户请使用登录名"
      >
        <AccountInput />
      </Field>
      <CaptchaField captcha={captcha} schema={mobileChangeStartSchema} />
      <SubmitButton>下一步</SubmitButton>
    </SubmitForm>
  );
}

function StepTwo({
  flow,
  onMethod,
  onRestart,
  onExpired,
  onDone,
}: {
  flow: MobileChangeFlow;
  onMethod: (method: VerifyMethod) => void;
  onRestart: () => void;
  onExpired: () => void;
  onDone: (done: MobileChangeDone) => void;
}) {
  return (
    <>
      <div className="recovery-account">
        <span>
          账号：<strong>{flow.identifier}</strong>
        </span>
        <Button type="link" className="recovery-account__restart" onClick={onRestart}>
          更换账号
        </Button>
      </div>
      <ChoiceGroup
        id="mobile-change-method"
        label="校验方式"
        className="recovery-method"
        value={flow.method}
        onChange={onMethod}
        options={[
          { value: 'email', label: '邮箱核验' },
          { value: 'manual', label: '人工核验' },
        ]}
        help={
          flow.method === 'email'
            ? '账号已绑定邮箱的，可通过邮箱验证码核验身份，提交后立即生效。'
            : flow.method === 'manual'
              ? '原绑定手机号和邮箱均无法使用的，请提交申请人身份信息及相关材料，由工作人员人工核验。'
              : '已绑定邮箱的账号可选择邮箱核验，立即生效；否则请选择人工核验，提交材料后由工作人员审核。'
        }
      />
      {flow.method === 'email' ? <EmailVerifyForm flow={flow} onExpired={onExpired} onDone={onDone} /> : null}
      {flow.method === 'manual' ? <ManualReviewForm flow={flow} onExpired={onExpired} onDone={onDone} /> : null}
    </>
  );
}

function MobileChangeDoneView({ done }: { done: MobileChangeDone }) {
  const navigate = useNavigate();
  const forgot = (
    <Button key="forgot" type="primary" size="large" onClick={() => navigate(RECOVERY_ROUTES.forgotPassword)}>
      忘记密码
    </Button>
  );
  const login = (
    <Button key="login" size="large" onClick={() => navigate(ROUTES.login)}>
      去登录
    </Button>
  );

  if (done.kind === 'email') {
    return (
      <RecoveryCard title="手机号修改" pageTitle="手机号修改成功" wide>
        <div aria-live="polite">
          <Result
            status="success"
            title={<h2 className="result-title">{done.message}</h2>}
            subTitle="修改结果已通过短信发送至新手机号。如忘记登录密码，请点击【忘记密码】，使用新手机号重新设置登录密码。"
            extra={[forgot, login]}
          />
        </div>
      </RecoveryCard>
    );
  }

  return (
    <RecoveryCard title="手机号修改" pageTitle="人工核验申请已提交" wide>
      <div aria-live="polite">
        <Result
          status="success"
          title={<h2 className="result-title">申请已提交</h2>}
          subTitle={done.message}
          extra={
            <div className="recovery-done">
              <div className="acceptance-no" role="group" aria-labelledby="acceptance-no-label">
                <span className="acceptance-no__label" id="acceptance-no-label">
                  受理编号
                </span>
                <Typography.Text className="acceptance-no__value" copyable={{ text: done.acceptanceNo, tooltips: ['复制受理编号', '已复制'] }}>
                  {done.acceptanceNo}
                </Typography.Text>
              </div>
              <ol className="recovery-next">
                <li>
                  请记录受理编号，可凭受理编号和新手机号进行
                  <Link to={RECOVERY_ROUTES.status} state={{ acceptanceNo: done.acceptanceNo, newMobile: done.newMobile }}>
                    核验进度查询
                  </Link>
                  。
                </li>
                <li>审核结果将以短信形式发送至新手机号，请注意查收。</li>
                <li>审核通过后，请点击【忘记密码】使用新手机号重新设置登录密码，再使用统一社会信用代码或登录名登录。</li>
              </ol>
              <div className="recovery-done__actions">
                {forgot}
                {login}
              </div>
            </div>
          }
        />
      </div>
    </RecoveryCard>
  );
}
