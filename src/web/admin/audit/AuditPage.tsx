import { useState } from 'react';
import { Alert, App, Button, DatePicker, Form, Input, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { ProTable, type ProColumns } from '@ant-design/pro-components';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { LoadError } from '../../components/QueryState';
import { errorMessage } from '../../components/api';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { adminApi, isUnauthenticated } from '../adminApi';
import { ADMIN_NAME } from '../me';
import { formatShanghaiDateTime } from '../../../shared/datetime';
import { AUDIT_ACTION_LABELS, AUDIT_ACTOR_TYPE_LABELS, AUDIT_TARGET_TYPE_LABELS, AUDIT_VERIFY_FAILURE_LABELS, auditActionLabel } from '../../../shared/audit-labels';
import type { AuditFilter, AuditItem, AuditSearchAnswer, AuditVerifyAnswer } from '../../../shared/schemas/admin-audit';
import { downloadPost } from './download';
import './audit.css';

const PAGE_SIZE = 20;

interface FormValues {
  range?: [Dayjs | null, Dayjs | null] | null;
  actor?: string;
  action?: string;
  object?: string;
}

const actionOptions = Object.entries(AUDIT_ACTION_LABELS).map(([value, label]) => ({ value, label: `${label}（${value}）` }));

function toFilter(values: FormValues): AuditFilter {
  const [from, to] = values.range ?? [];
  const text = (v?: string) => (v && v.trim() ? v.trim() : undefined);
  return { from: from ? from.toISOString() : undefined, to: to ? to.toISOString() : undefined, actor: text(values.actor), action: values.action || undefined, object: text(values.object) };
}

/** 操作人 / 操作对象 as people read them: the name, and the id when there is no name. */
function who(name: string | null, id: string | null, type?: string | null): string {
  if (name) return name;
  if (id) return id;
  return type ? (AUDIT_ACTOR_TYPE_LABELS[type] ?? type) : '—';
}

function Details({ details }: { details: Record<string, unknown> }) {
  const entries = Object.entries(details);
  if (entries.length === 0) return <span className="admin-muted">—</span>;
  return (
    <span className="audit-details">
      {entries.map(([k, v]) => (
        <span key={k}>
          {k}: {typeof v === 'string' ? v : JSON.stringify(v)}
        </span>
      ))}
    </span>
  );
}

/** Whether the hash chain is intact (【重新校验】 checks again; each check is recorded). */
function ChainStatus() {
  const verify = useQuery({
    queryKey: ['admin', 'audit', 'verify'],
    queryFn: ({ signal }) => adminApi.get<AuditVerifyAnswer>('/api/admin/audit/verify', { signal }),
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
  const again = (
    <Button size="small" loading={verify.isFetching} onClick={() => void verify.refetch()}>
      重新校验
    </Button>
  );
  if (verify.isPending) return <Alert className="admin-page__notice" type="info" showIcon message="正在校验审计日志哈希链…" role="status" />;
  if (verify.isError) return <Alert className="admin-page__notice" type="warning" showIcon message={`哈希链校验未完成：${errorMessage(verify.error)}`} action={again} role="alert" />;
  const result = verify.data;
  const at = formatShanghaiDateTime(result.checkedAt);
  return result.ok ? (
    <Alert className="admin-page__notice" type="success" showIcon message={`哈希链校验通过：共 ${result.count} 条记录，未发现篡改（校验时间 ${at}）`} action={again} role="status" />
  ) : (
    <Alert
      className="admin-page__notice"
      type="error"
      showIcon
      message={`哈希链校验失败：第 ${result.firstBadSeq} 条记录异常`}
      description={`${AUDIT_VERIFY_FAILURE_LABELS[result.reason ?? ''] ?? result.reason}。已校验 ${result.count} 条记录（校验时间 ${at}）。请立即报告安全管理员。`}
      action={again}
      role="alert"
    />
  );
}

/** 【审计日志】 (审计员): who did what to which object, when and from where; search, export, chain status. */
export default function AuditPage() {
  useDocumentTitle(ADMIN_NAME, '审计日志');
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [search, setSearch] = useState<{ filter: AuditFilter; run: number }>({ filter: {}, run: 0 });
  const [page, setPage] = useState(1);
  /** The newest record of the first page: later pages of the same search stay put. */
  const [untilSeq, setUntilSeq] = useState<number | undefined>(undefined);
  const [exporting, setExporting] = useState(false);

  const list = useQuery({
    queryKey: ['admin', 'audit', 'search', search, page, untilSeq],
    queryFn: () => adminApi.post<AuditSearchAnswer>('/api/admin/audit/search', { ...search.filter, page, pageSize: PAGE_SIZE, ...(untilSeq === undefined ? {} : { untilSeq }) }),
    placeholderData: keepPreviousData,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });

  function runSearch(values: FormValues) {
    setSearch((s) => ({ filter: toFilter(values), run: s.run + 1 }));
    setPage(1);
    setUntilSeq(undefined);
  }

  async function exportFile() {
    setExporting(true);
    try {
      await downloadPost('/api/admin/audit/export', toFilter(form.getFieldsValue()), '审计日志.xlsx');
      void message.success('审计日志已导出');
    } catch (error) {
      if (!isUnauthenticated(error)) void message.error({ content: errorMessage(error), duration: 6 });
    } finally {
      setExporting(false);
    }
  }

  const columns: ProColumns<AuditItem>[] = [
    { title: '时间', dataIndex: 'at', width: 160, render: (_, row) => <span className="admin-nowrap">{formatShanghaiDateTime(row.at)}</span> },
    {
      title: '操作人',
      dataIndex: 'actorName',
      width: 170,
      render: (_, row) => (
        <span>
          {who(row.actorName, row.actorId, row.actorType)}
          {row.actorName || row.actorId ? <span className="audit-sub">{AUDIT_ACTOR_TYPE_LABELS[row.actorType] ?? row.actorType}</span> : null}
        </span>
      ),
    },
    { title: '操作', dataIndex: 'action', width: 150, render: (_, row) => auditActionLabel(row.action) },
    {
      title: '操作对象',
      dataIndex: 'targetId',
      width: 200,
      render: (_, row) =>
        row.targetId ? (
          <span className="audit-target">
            {row.targetName ?? row.targetId}
            {row.targetType ? <span className="audit-sub">{AUDIT_TARGET_TYPE_LABELS[row.targetType] ?? row.targetType}</span> : null}
          </span>
        ) : (
          <span className="admin-muted">—</span>
        ),
    },
    { title: 'IP地址', dataIndex: 'ip', width: 120, render: (_, row) => row.ip ?? '—' },
    { title: '详情', dataIndex: 'details', render: (_, row) => <Details details={row.details} /> },
  ];

  return (
    <section className="admin-page" aria-labelledby="audit-title">
      <h1 id="audit-title" className="admin-page__title">
        审计日志
      </h1>
      <p className="admin-page__intro">登录、实名认证、账号变更和管理端的每一项操作均记录在审计日志中，记录以哈希链相连，不可修改。证件号码、手机号和邮箱在记录中均已脱敏。</p>
      <ChainStatus />
      <Form<FormValues> form={form} layout="vertical" className="audit-filter" onFinish={runSearch} aria-label="审计日志查询条件">
        <Form.Item label="时间范围" name="range" className="audit-filter__range">
          <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" placeholder={['开始时间', '结束时间']} allowEmpty={[true, true]} />
        </Form.Item>
        <Form.Item label="操作人" name="actor" extra="管理端账号、登录名或ID">
          <Input allowClear maxLength={64} />
        </Form.Item>
        <Form.Item label="操作" name="action">
          <Select allowClear showSearch optionFilterProp="label" options={actionOptions} placeholder="全部操作" />
        </Form.Item>
        <Form.Item label="操作对象" name="object" extra="账号、登录名、统一社会信用代码或ID">
          <Input allowClear maxLength={64} />
        </Form.Item>
        <Space className="audit-filter__buttons" wrap>
          <Button type="primary" htmlType="submit">
            查询
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              runSearch({});
            }}
          >
            重置
          </Button>
          <Button loading={exporting} onClick={() => void exportFile()}>
            导出
          </Button>
        </Space>
      </Form>
      {list.isError && !list.data ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <ProTable<AuditItem>
          rowKey="seq"
          size="middle"
          search={false}
          options={false}
          cardProps={{ bodyStyle: { padding: 0 } }}
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          scroll={{ x: 1000 }}
          locale={{ emptyText: <p className="admin-empty">没有符合条件的记录</p> }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: list.data?.total ?? 0,
            showSizeChanger: false,
            showTotal: (total) => `共 ${total} 条`,
            onChange: (next) => {
              if (untilSeq === undefined && list.data) setUntilSeq(list.data.untilSeq);
              setPage(next);
            },
          }}
        />
      )}
    </section>
  );
}
