import { useQuery } from '@tanstack/react-query';
import { api } from '../../components/api';
import { LoadError, Loading } from '../../components/QueryState';
import { CenterPage, StatusTag, type StatusTone } from './shared';

interface LoginRecord {
  at: string;
  ip: string;
  browser: string;
  result: 'success' | 'failure' | 'locked';
}

const RESULTS: Record<LoginRecord['result'], { text: string; tone: StatusTone }> = {
  success: { text: '成功', tone: 'success' },
  failure: { text: '失败', tone: 'error' },
  locked: { text: '锁定', tone: 'warning' },
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
  const parts = shanghai.formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}:${part('second')}`;
}

/**
 * 登录记录: the latest logins of this account (time in Beijing time, IP, browser, result).
 * A plain table: the list is short (the server sends the latest 50), so antd's Table and its
 * weight are not needed.
 */
export default function LoginRecordsPage() {
  const records = useQuery({
    queryKey: ['uc', 'login-records'],
    queryFn: ({ signal }) => api.get<{ records: LoginRecord[] }>('/api/uc/account/login-records', { signal }),
    staleTime: 0,
  });
  let content;
  if (records.isPending) content = <Loading />;
  else if (records.isError) content = <LoadError error={records.error} onRetry={() => void records.refetch()} />;
  else
    content = (
      <div className="data-table__scroll" tabIndex={0} role="region" aria-labelledby="center-page-title">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">时间</th>
              <th scope="col">IP</th>
              <th scope="col">浏览器</th>
              <th scope="col">结果</th>
            </tr>
          </thead>
          <tbody>
            {records.data.records.length === 0 ? (
              <tr>
                <td colSpan={4} className="data-table__empty">
                  暂无登录记录
                </td>
              </tr>
            ) : (
              records.data.records.map((r, i) => (
                <tr key={`${r.at}-${i}`}>
                  <td className="data-table__nowrap">{formatShanghai(r.at)}</td>
                  <td>{r.ip || '—'}</td>
                  <td>{r.browser}</td>
                  <td>
                    <StatusTag tone={RESULTS[r.result]?.tone ?? 'info'}>{RESULTS[r.result]?.text ?? r.result}</StatusTag>
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    );
  return (
    <CenterPage title="登录记录" intro="以下为本账号最近的登录情况（北京时间）。如发现非本人登录，请立即修改密码。">
      {content}
    </CenterPage>
  );
}
