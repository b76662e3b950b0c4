import { useState } from 'react';
import { Alert, Descriptions, type DescriptionsProps } from 'antd';
import { Link, useLocation } from 'react-router';
import { api } from '../../components/api';
import { DocumentCodeInput, Field, MobileInput } from '../../components/form/Field';
import { SubmitButton, SubmitForm, useSubmitState } from '../../components/form/SubmitForm';
import { formatShanghaiDateTime } from '../../../shared/datetime';
import { reviewStatusQuerySchema, type ReviewStatusAnswer } from '../../../shared/schemas/recovery';
import type { ReviewStatus } from '../../../shared/review-labels';
import { REVIEW_NOT_FOUND } from '../../../shared/messages';
import { ROUTES } from '../links';
import { StatusTag, type StatusTone } from '../center/shared';
import { RECOVERY_ROUTES, RecoveryCard } from './shared';

interface StatusValues {
  acceptanceNo: string;
  newMobile: string;
}

/** Router state from the 人工核验 success view: the query filled in. */
export interface ReviewStatusState {
  acceptanceNo?: string;
  newMobile?: string;
}

const TONES: Record<ReviewStatus, StatusTone> = { pending: 'info', approved: 'success', rejected: 'error' };

/** 核验进度查询: 受理编号 + 新手机号 → 待审核 / 已通过 / 已驳回 (with the reason) / 未查询到申请记录. */
export default function ReviewStatusPage() {
  const location = useLocation();
  const prefill = (location.state as ReviewStatusState | null) ?? {};
  const state = useSubmitState<StatusValues>();
  const [answer, setAnswer] = useState<ReviewStatusAnswer | null>(null);

  async function submit(values: StatusValues) {
    setAnswer(null);
    const query = { acceptanceNo: values.acceptanceNo.trim().toUpperCase(), newMobile: values.newMobile.trim() };
    setAnswer(await api.post<ReviewStatusAnswer>('/api/uc/mobile-change/status', query));
  }

  return (
    <RecoveryCard
      title="核验进度查询"
      wide
      intro={<p>提交【人工核验】申请后，可凭受理编号和申请时填写的新手机号查询审核进度。审核结果也将以短信形式发送至新手机号。</p>}
      footer={
        <>
          <Link to={RECOVERY_ROUTES.mobileChange}>手机号修改</Link>
          <Link to={ROUTES.login}>返回登录</Link>
        </>
      }
    >
      <SubmitForm state={state} name="review-status" initialValues={{ acceptanceNo: prefill.acceptanceNo, newMobile: prefill.newMobile }} onSubmit={submit}>
        <Field label="受理编号" name="acceptanceNo" schema={reviewStatusQuerySchema} extra="提交申请后页面显示的编号，如 HY20250301123456">
          <DocumentCodeInput maxLength={16} upperCase />
        </Field>
        <Field label="新手机号" name="newMobile" schema={reviewStatusQuerySchema}>
          <MobileInput />
        </Field>
        <SubmitButton>查询</SubmitButton>
      </SubmitForm>
      <div aria-live="polite">{answer ? <StatusResult answer={answer} /> : null}</div>
    </RecoveryCard>
  );
}

function StatusResult({ answer }: { answer: ReviewStatusAnswer }) {
  if (!answer.found) return <Alert className="form-alert" type="warning" showIcon message={answer.message || REVIEW_NOT_FOUND} />;
  const items: DescriptionsProps['items'] = [
    { key: 'status', label: '审核状态', children: <StatusTag tone={TONES[answer.status]}>{answer.statusLabel}</StatusTag> },
    { key: 'submittedAt', label: '提交时间', children: formatShanghaiDateTime(answer.submittedAt) },
  ];
  if (answer.decidedAt) items.push({ key: 'decidedAt', label: '审核时间', children: formatShanghaiDateTime(answer.decidedAt) });
  if (answer.status === 'rejected') items.push({ key: 'rejectReason', label: '驳回原因', children: answer.rejectReason || '—' });
  return (
    <div className="review-status">
      <h2 className="review-status__title">查询结果</h2>
      <Descriptions className="account-info" bordered size="middle" column={1} items={items} />
      {answer.status === 'approved' ? (
        <Alert
          className="form-alert review-status__next"
          type="success"
          showIcon
          message="手机号已修改"
          description={
            <p>
              如忘记登录密码，请点击<Link to={RECOVERY_ROUTES.forgotPassword}>忘记密码</Link>，使用新手机号重新设置登录密码后登录。
            </p>
          }
        />
      ) : null}
      {answer.status === 'rejected' ? (
        <Alert
          className="form-alert review-status__next"
          type="warning"
          showIcon
          message="申请未通过"
          description={
            <p>
              请根据驳回原因准备材料后，<Link to={RECOVERY_ROUTES.mobileChange}>重新提交申请</Link>。
            </p>
          }
        />
      ) : null}
    </div>
  );
}
