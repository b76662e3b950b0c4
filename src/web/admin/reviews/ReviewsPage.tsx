import { Alert, Table, Tabs, Tag, type TableColumnsType } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { LoadError } from '../../components/QueryState';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { adminApi } from '../adminApi';
import { formatShanghaiDateTime } from '../../../shared/datetime';
import { regionLabel, waitingTime } from '../format';
import { reviewPath } from '../links';
import { ADMIN_NAME } from '../me';
import { useNow } from '../useNow';
import {
  ACCOUNT_TYPE_LABELS,
  REVIEW_KIND_LABELS,
  REVIEW_STATUS_LABELS,
  REVIEW_STATUSES,
  isReviewStatus,
  type ReviewList,
  type ReviewListItem,
  type ReviewStatus,
} from './types';

const PAGE_SIZE = 20;

const EMPTY_TEXT: Record<ReviewStatus, string> = {
  pending: '暂无待审核的申请',
  approved: '暂无已通过的申请',
  rejected: '暂无已驳回的申请',
};

/** Router state of the list: a message to show on arrival (another operator decided first…). */
export interface ReviewsNotice {
  notice?: { type: 'success' | 'warning'; text: string };
}

export const reviewsQueryKey = (status: ReviewStatus, page: number) => ['admin', 'reviews', status, page] as const;

/** 【人工核验】: the queue of 手机号修改 and 实名认证 requests of the operator's region. */
export default function ReviewsPage() {
  useDocumentTitle(ADMIN_NAME, '人工核验');
  const [params, setParams] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const notice = (location.state as ReviewsNotice | null)?.notice;
  const rawStatus = params.get('status');
  const status: ReviewStatus = isReviewStatus(rawStatus) ? rawStatus : 'pending';
  const page = Math.max(1, Math.min(10_000, Number.parseInt(params.get('page') ?? '1', 10) || 1));
  const now = useNow();

  const list = useQuery({
    queryKey: reviewsQueryKey(status, page),
    queryFn: ({ signal }) => adminApi.get<ReviewList>(`/api/admin/reviews?status=${status}&page=${page}&pageSize=${PAGE_SIZE}`, { signal }),
    placeholderData: keepPreviousData,
    staleTime: 0,
    refetchInterval: 60_000,
  });

  function go(next: { status?: ReviewStatus; page?: number }) {
    const search = new URLSearchParams();
    const nextStatus = next.status ?? status;
    const nextPage = next.page ?? 1;
    if (nextStatus !== 'pending') search.set('status', nextStatus);
    if (nextPage > 1) search.set('page', String(nextPage));
    // A new search drops the arrival notice (router state) as well.
    setParams(search);
  }

  const columns: TableColumnsType<ReviewListItem> = [
    { title: '受理编号', dataIndex: 'acceptanceNo', key: 'acceptanceNo', width: 170, render: (no: string) => <span className="admin-nowrap">{no}</span> },
    { title: '类型', dataIndex: 'kind', key: 'kind', width: 100, render: (kind: ReviewListItem['kind']) => REVIEW_KIND_LABELS[kind] ?? kind },
    { title: '账号类型', dataIndex: 'accountType', key: 'accountType', width: 84, render: (t: ReviewListItem['accountType']) => ACCOUNT_TYPE_LABELS[t] ?? t },
    { title: '地区', dataIndex: 'regionCode', key: 'regionCode', render: (code: string | null) => regionLabel(code) },
    { title: '提交时间', dataIndex: 'createdAt', key: 'createdAt', width: 142, render: (at: string) => <span className="admin-nowrap">{formatShanghaiDateTime(at, 'minute')}</span> },
    status === 'pending'
      ? { title: '等待时长', key: 'waiting', width: 100, render: (_: unknown, row) => <span className="admin-nowrap">{waitingTime(row.createdAt, now)}</span> }
      : { title: '处理时间', dataIndex: 'decidedAt', key: 'decidedAt', width: 142, render: (at: string | null) => <span className="admin-nowrap">{formatShanghaiDateTime(at, 'minute')}</span> },
    ...(status === 'rejected'
      ? [{ title: '驳回原因', dataIndex: 'rejectReason', key: 'rejectReason', ellipsis: true, render: (r: string | null) => r ?? '—' }]
      : []),
    {
      title: '是否匹配账号',
      dataIndex: 'matchedAccount',
      key: 'matchedAccount',
      width: 112,
      render: (matched: boolean) => (matched ? <Tag color="#237804">已匹配</Tag> : <Tag color="#ad4e00">未匹配</Tag>),
    },
    {
      title: '操作',
      key: 'actions',
      width: 64,
      fixed: 'right',
      render: (_: unknown, row) => (
        <Link to={reviewPath(row.id)} state={{ from: `${location.pathname}${location.search}` }}>
          查看
        </Link>
      ),
    },
  ];

  return (
    <section className="admin-page" aria-labelledby="reviews-title">
      <h1 id="reviews-title" className="admin-page__title">
        人工核验
      </h1>
      <p className="admin-page__intro">手机号修改和实名认证的人工核验申请。通过后申请立即生效，审核结果以短信通知申请人。</p>
      {notice ? (
        <Alert
          className="admin-page__notice"
          type={notice.type}
          showIcon
          closable
          message={notice.text}
          role={notice.type === 'warning' ? 'alert' : 'status'}
          onClose={() => navigate(`${location.pathname}${location.search}`, { replace: true, state: null })}
        />
      ) : null}
      <Tabs
        activeKey={status}
        onChange={(key) => go({ status: key as ReviewStatus })}
        items={REVIEW_STATUSES.map((s) => ({ key: s, label: REVIEW_STATUS_LABELS[s] }))}
      />
      {list.isError && !list.data ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<ReviewListItem>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching && (!list.data || list.isPlaceholderData)}
          scroll={{ x: 900 }}
          locale={{ emptyText: <p className="admin-empty">{EMPTY_TEXT[status]}</p> }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: list.data?.total ?? 0,
            showSizeChanger: false,
            hideOnSinglePage: false,
            showTotal: (total) => `共 ${total} 条`,
            onChange: (next) => go({ page: next }),
          }}
        />
      )}
    </section>
  );
}
