import { Table, Tag, type TableColumnsType } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../components/api';
import { LoadError } from '../../components/QueryState';
import { CenterPage } from './shared';

interface LoginRecord {
  at: string;
  ip: string;
  browser: string;
  result: 'success' | 'failure' | 'locked';
}

const RESULTS: Record<LoginRecord['result'], { text: string; color: string }> = {
  success: { text: '成功', color: 'success' },
  failure: { text: '失败', color: 'error' },
  locked: { text: '锁定', color: 'warning' },
};

const shanghai = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** "2025-03-01 09:05:07" in Beijing time, whatever the browser's time zone. */
export function formatShanghai(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const part = (type: Intl.DateTimeFormatPartTypes) => shanghai.formatToParts(date).find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}:${part('second')}`;
}

const columns: TableColumnsType<LoginRecord> = [
  { title: '时间', dataIndex: 'at', key: 'at', render: (at: string) => formatShanghai(at), width: 190 },
  { title: 'IP', dataIndex: 'ip', key: 'ip', render: (ip: string) => ip || '—' },
  { title: '浏览器', dataIndex: 'browser', key: 'browser' },
  {
    title: '结果',
    dataIndex: 'result',
    key: 'result',
    width: 90,
    render: (result: LoginRecord['result']) => <Tag color={RESULTS[result]?.color}>{RESULTS[result]?.text ?? result}</Tag>,
  },
];

/** 登录记录: the latest logins of this account (time in Beijing time, IP, browser, result). */
export default function LoginRecordsPage() {
  const records = useQuery({
    queryKey: ['uc', 'login-records'],
    queryFn: ({ signal }) => api.get<{ records: LoginRecord[] }>('/api/uc/account/login-records', { signal }),
    staleTime: 0,
  });
  return (
    <CenterPage title="登录记录" intro="以下为本账号最近的登录情况（北京时间）。如发现非本人登录，请立即修改密码。">
      {records.isError ? (
        <LoadError error={records.error} onRetry={() => void records.refetch()} />
      ) : (
        <Table<LoginRecord>
          className="login-records"
          rowKey={(r) => `${r.at}-${r.ip}-${r.result}`}
          columns={columns}
          dataSource={records.data?.records ?? []}
          loading={records.isPending}
          pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
          scroll={{ x: 560 }}
          size="middle"
          locale={{ emptyText: '暂无登录记录' }}
        />
      )}
    </CenterPage>
  );
}
