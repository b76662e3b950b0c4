import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Alert, App, Button, Descriptions, Tag, type DescriptionsProps } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { errorMessage, isApiError } from '../../components/api';
import { LoadError, Loading } from '../../components/QueryState';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { reviewFieldLabels, reviewFileLabels } from '../../../shared/review-labels';
import { ACCOUNT_STATUS_LABELS } from '../../../shared/account-labels';
import { adminApi, isUnauthenticated } from '../adminApi';
import { formatShanghaiDateTime } from '../../../shared/datetime';
import { regionLabel, waitingTime } from '../format';
import { ROUTES } from '../links';
import { ADMIN_NAME } from '../me';
import { useNow } from '../useNow';
import { RejectModal } from './RejectModal';
import { ReviewComparison } from './ReviewComparison';
import { ReviewFile } from './ReviewFiles';
import { ReviewValue } from './ReviewValue';
import type { ReviewsNotice } from './ReviewsPage';
import { successMessages } from '../../../shared/messages';
import { ACCOUNT_TYPE_LABELS, REALNAME_STATUS_LABELS, REVIEW_KIND_LABELS, REVIEW_STATUS_LABELS, STATUS_TAG_COLORS, type ReviewDetail } from './types';

/** Labels of the uploads: 人工核验 (手机号修改) roles and the 实名认证 证件. */
const FILE_LABELS: Record<string, string> = reviewFileLabels;

const text = (value: unknown): ReactNode => (typeof value === 'string' && value.trim() !== '' ? value : '—');

function applicationItems(review: ReviewDetail, now: number): DescriptionsProps['items'] {
  const common: DescriptionsProps['items'] = [
    { key: 'acceptanceNo', label: '受理编号', children: review.acceptanceNo },
    { key: 'kind', label: '申请类型', children: REVIEW_KIND_LABELS[review.kind] ?? review.kind },
    { key: 'accountType', label: '账号类型', children: ACCOUNT_TYPE_LABELS[review.accountType] ?? review.accountType },
    { key: 'region', label: '地区', children: regionLabel(review.regionCode) },
  ];
  // ID numbers, mobiles and names arrive masked; 【查看】 fetches one full value (audited).
  const applicant: DescriptionsProps['items'] = review.applicant.map((f) => ({
    key: f.field,
    label: reviewFieldLabels[f.field],
    ...(f.field === 'description' ? { span: 'filled' as const } : {}),
    children:
      f.field === 'description' ? (
        <span className="review-description">{text(f.value)}</span>
      ) : (
        <ReviewValue reviewId={review.id} side="applicant" field={f.field} value={f.value} revealable={f.revealable} owner="" />
      ),
  }));
  const timing: DescriptionsProps['items'] = [
    { key: 'createdAt', label: '提交时间', children: formatShanghaiDateTime(review.createdAt, 'minute') },
    review.status === 'pending'
      ? { key: 'waiting', label: '等待时长', children: waitingTime(review.createdAt, now) }
      : { key: 'decidedAt', label: '处理时间', children: formatShanghaiDateTime(review.decidedAt, 'minute') },
    ...(review.status === 'rejected' ? [{ key: 'rejectReason', label: '驳回原因', span: 'filled' as const, children: text(review.rejectReason) }] : []),
  ];
  return [...common, ...applicant, ...timing];
}

function accountItems(account: NonNullable<ReviewDetail['account']>): DescriptionsProps['items'] {
  return [
    { key: 'loginName', label: '登录名', children: account.loginName },
    { key: 'realnameStatus', label: '实名状态', children: REALNAME_STATUS_LABELS[account.realnameStatus] ?? account.realnameStatus },
    ...(account.userType ? [{ key: 'userType', label: '用户类型', children: ACCOUNT_TYPE_LABELS[account.userType] }] : []),
    { key: 'status', label: '账号状态', children: ACCOUNT_STATUS_LABELS[account.status] },
  ];
}

/** The new mobile as the detail shows it (masked). */
const newMobileOf = (review: ReviewDetail) => review.applicant.find((f) => f.field === 'newMobile')?.value ?? '';

const COLUMNS = { xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 } as const;

/** One 人工核验 request: what the applicant typed, the matched account, the uploads, 【通过】/【驳回】. */
export default function ReviewDetailPage() {
  useDocumentTitle(ADMIN_NAME, '人工核验详情');
  const { id = '' } = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { modal, message } = App.useApp();
  const now = useNow();
  const [rejecting, setRejecting] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const fromList = (location.state as { from?: string } | null)?.from;
  const listPath = fromList?.startsWith(ROUTES.reviews) ? fromList : ROUTES.reviews;

  const detail = useQuery({
    queryKey: ['admin', 'review', id],
    queryFn: ({ signal }) => adminApi.get<ReviewDetail>(`/api/admin/reviews/${encodeURIComponent(id)}`, { signal }),
    staleTime: 0,
    retry: false,
  });

  // Arriving from the list, keyboard and screen-reader users start at the page's heading.
  const loaded = detail.isSuccess;
  useEffect(() => {
    if (loaded) heading.current?.focus({ preventScroll: true });
  }, [loaded]);

  /** After a decision (or when someone else made it first): the queue, refreshed. */
  function backToList(notice?: ReviewsNotice['notice']) {
    // Dropped rather than refetched in the background: the list must not show the decided
    // request again for a moment.
    queryClient.removeQueries({ queryKey: ['admin', 'reviews'] });
    queryClient.removeQueries({ queryKey: ['admin', 'review', id] });
    const state: ReviewsNotice | null = notice ? { notice } : null;
    navigate(notice?.type === 'warning' ? ROUTES.reviews : listPath, { state });
  }

  /** Shows a refused decision; true when it was handled by leaving the page. */
  function decisionFailed(error: unknown): boolean {
    if (isUnauthenticated(error)) return true; // the console layout goes to 登录
    if (isApiError(error) && error.code === 'REVIEW_ALREADY_DECIDED') {
      backToList({ type: 'warning', text: error.message });
      return true;
    }
    return false;
  }

  function approve(review: ReviewDetail) {
    modal.confirm({
      title: '确认通过该申请？',
      content:
        review.kind === 'mobile_change'
          ? `受理编号：${review.acceptanceNo}。通过后，账号绑定手机号将修改为申请中的新手机号（${newMobileOf(review)}），并结束该账号的全部登录会话。`
          : `受理编号：${review.acceptanceNo}。通过后，账号将完成法人实名认证。`,
      okText: '确定',
      cancelText: '取消',
      autoFocusButton: 'cancel',
      onOk: async () => {
        try {
          await adminApi.post(`/api/admin/reviews/${encodeURIComponent(review.id)}/approve`);
          void message.success(successMessages.reviewApproved(review.acceptanceNo));
          backToList();
        } catch (error) {
          if (!decisionFailed(error)) void message.error({ content: errorMessage(error), duration: 6 });
        }
      },
    });
  }

  async function reject(review: ReviewDetail, reason: string) {
    try {
      await adminApi.post(`/api/admin/reviews/${encodeURIComponent(review.id)}/reject`, { reason });
    } catch (error) {
      if (decisionFailed(error)) {
        setRejecting(false);
        return;
      }
      throw error; // shown in the dialog, next to 驳回原因 when it is about the reason
    }
    setRejecting(false);
    void message.success(successMessages.reviewRejected(review.acceptanceNo));
    backToList();
  }

  const back = (
    <Link className="admin-back" to={listPath}>
      ‹ 返回人工核验列表
    </Link>
  );

  if (detail.isPending) return <Loading />;
  if (detail.isError) {
    const notFound = isApiError(detail.error) && detail.error.status === 404;
    return (
      <section className="admin-page" aria-labelledby="review-title">
        {back}
        <h1 id="review-title" className="admin-page__title">
          人工核验详情
        </h1>
        {notFound ? (
          <Alert type="warning" showIcon message="未找到该申请，或该申请不在您的管辖范围内" />
        ) : (
          <LoadError error={detail.error} onRetry={() => void detail.refetch()} />
        )}
      </section>
    );
  }

  const review = detail.data;
  const pending = review.status === 'pending';

  return (
    <section className="admin-page review-detail" aria-labelledby="review-title">
      {back}
      <div className="admin-page__heading">
        <h1 id="review-title" className="admin-page__title" ref={heading} tabIndex={-1}>
          人工核验详情
        </h1>
        <Tag color={STATUS_TAG_COLORS[review.status]}>{REVIEW_STATUS_LABELS[review.status]}</Tag>
      </div>

      <section className="admin-block" aria-labelledby="review-application">
        <h2 id="review-application" className="admin-block__title">
          申请信息
        </h2>
        <Descriptions bordered size="small" column={COLUMNS} items={applicationItems(review, now)} />
      </section>

      <section className="admin-block" aria-labelledby="review-account">
        <h2 id="review-account" className="admin-block__title">
          匹配账号
        </h2>
        {review.account ? (
          <Descriptions bordered size="small" column={COLUMNS} items={accountItems(review.account)} />
        ) : (
          <Alert
            type="warning"
            showIcon
            message="未匹配到账号"
            description={pending ? '该申请未匹配到账号，无法通过，请驳回并说明原因。' : '该申请提交时未匹配到账号。'}
          />
        )}
      </section>

      {review.comparison ? (
        <section className="admin-block" aria-labelledby="review-comparison">
          <h2 id="review-comparison" className="admin-block__title">
            实名信息核对
          </h2>
          <ReviewComparison review={{ ...review, comparison: review.comparison }} />
        </section>
      ) : null}

      <section className="admin-block" aria-labelledby="review-files">
        <h2 id="review-files" className="admin-block__title">
          申请材料
        </h2>
        {review.files.length === 0 ? (
          <p className="admin-muted">未上传材料</p>
        ) : (
          <div className="review-files">
            {review.files.map((role) => (
              <ReviewFile key={role} reviewId={review.id} role={role} label={FILE_LABELS[role] ?? role} />
            ))}
          </div>
        )}
      </section>

      {pending ? (
        <div className="review-actions" role="group" aria-label="审核操作">
          <Button type="primary" size="large" disabled={!review.account} onClick={() => approve(review)}>
            通过
          </Button>
          <Button danger size="large" onClick={() => setRejecting(true)}>
            驳回
          </Button>
          {!review.account ? <span className="admin-muted">未匹配到账号的申请只能驳回</span> : null}
        </div>
      ) : null}

      <RejectModal open={rejecting} acceptanceNo={review.acceptanceNo} onCancel={() => setRejecting(false)} onSubmit={(reason) => reject(review, reason)} />
    </section>
  );
}
