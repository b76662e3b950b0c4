import type { ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../components/api';
import { LoadError, Loading } from '../../components/QueryState';
import { LOGIN_RESULT_LABELS, type LoginResult } from '../../../shared/account-labels';
import type { LoginRecords } from '../../../shared/schemas/idp';
import { formatShanghaiDateTime } from '../../../shared/datetime';
import { CenterPage, StatusTag, type StatusTone } from './shared';

const RESULT_TONES: Record<LoginResult, StatusTone> = { success: 'success', failure: 'error', locked: 'warning' };

const COLUMNS = ['时间', 'IP', '浏览器', '结果'] as const;

/**
 * One cell; on a phone the rows become cards and each cell shows its column name in front
 * (hidden from screen readers, which announce the column header).
 */
function Cell({ column, children, nowrap }: { column: (typeof COLUMNS)[number]; children: ReactNode; nowrap?: boolean }) {
  return (
    <td role="cell" className={nowrap ? 'data-table__nowrap' : undefined}>
      <span className="records__label" aria-hidden="true">
        {column}
      </span>
      <span className="records__value">{children}</span>
    </td>
  );
}

/**
 * 登录记录: the latest logins of this account (time in Beijing time, IP, browser, result).
 * A plain table (the server sends the latest 50) that becomes a list of cards on a phone;
 * the explicit roles keep it a table for screen readers when CSS changes its display.
 */
export default function LoginRecordsPage() {
  const records = useQuery({
    queryKey: ['uc', 'login-records'],
    queryFn: ({ signal }) => api.get<LoginRecords>('/api/uc/account/login-records', { signal }),
    staleTime: 0,
  });
  let content;
  if (records.isPending) content = <Loading />;
  else if (records.isError) content = <LoadError error={records.error} onRetry={() => void records.refetch()} />;
  else
    content = (
      <div className="data-table__scroll records" tabIndex={0} role="region" aria-labelledby="center-page-title">
        <table className="data-table records__table" role="table">
          <thead role="rowgroup">
            <tr role="row">
              {COLUMNS.map((column) => (
                <th key={column} scope="col" role="columnheader">
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody role="rowgroup">
            {records.data.records.length === 0 ? (
              <tr role="row">
                <td role="cell" colSpan={4} className="data-table__empty">
                  暂无登录记录
                </td>
              </tr>
            ) : (
              records.data.records.map((r, i) => (
                <tr key={`${r.at}-${i}`} role="row">
                  <Cell column="时间" nowrap>
                    {formatShanghaiDateTime(r.at)}
                  </Cell>
                  <Cell column="IP">{r.ip || '—'}</Cell>
                  <Cell column="浏览器">{r.browser}</Cell>
                  <Cell column="结果">
                    <StatusTag tone={RESULT_TONES[r.result] ?? 'info'}>{LOGIN_RESULT_LABELS[r.result] ?? r.result}</StatusTag>
                  </Cell>
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
