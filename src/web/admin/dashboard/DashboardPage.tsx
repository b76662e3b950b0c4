import { lazy, Suspense, type ReactNode } from 'react';
import { Card, Statistic } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { LoadError, Loading } from '../../components/QueryState';
import { adminApi } from '../adminApi';
import { ADMIN_NAME } from '../me';
import type { DashboardData } from '../../../shared/schemas/admin-registrations';
import type { ChartRow } from './DashboardCharts';
import './dashboard.css';

// echarts is its own chunk, fetched once the numbers are in.
const CountLine = lazy(() => import('./DashboardCharts').then((m) => ({ default: m.CountLine })));
const CountBars = lazy(() => import('./DashboardCharts').then((m) => ({ default: m.CountBars })));

/** A chart with its numbers as a table (for screen readers and for reading exact values). */
function ChartBlock({ id, title, rows, unit, chart, tableLimit }: { id: string; title: string; rows: ChartRow[]; unit: string; chart: ReactNode; tableLimit?: number }) {
  const shown = tableLimit ? rows.filter((r) => r.count > 0).slice(-tableLimit) : rows;
  return (
    <Card className="dashboard-block" title={<h2 id={id} className="dashboard-block__title">{title}</h2>} aria-labelledby={id} size="small">
      {rows.length === 0 ? (
        <p className="admin-empty">暂无数据</p>
      ) : (
        <>
          <Suspense fallback={<div className="dashboard-chart" />}>{chart}</Suspense>
          <details className="dashboard-table">
            <summary>数据表</summary>
            <table>
              <caption className="dashboard-sr-only">{title}</caption>
              <thead>
                <tr>
                  <th scope="col">项目</th>
                  <th scope="col">{unit}</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((r) => (
                  <tr key={r.label}>
                    <th scope="row">{r.label}</th>
                    <td>{r.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      )}
    </Card>
  );
}

/** 【工作台】: totals and charts of the operator's region (the server scopes every number). */
export default function DashboardPage() {
  useDocumentTitle(ADMIN_NAME, '工作台');
  const data = useQuery({ queryKey: ['admin', 'dashboard'], queryFn: () => adminApi.get<DashboardData>('/api/admin/dashboard') });
  if (data.isPending) return <Loading />;
  if (data.isError) return <LoadError error={data.error} onRetry={() => void data.refetch()} />;
  const d = data.data;
  return (
    <section className="admin-page dashboard" aria-labelledby="dashboard-title">
      <div className="admin-page__heading">
        <h1 id="dashboard-title" className="admin-page__title">
          工作台
        </h1>
      </div>
      <p className="admin-page__intro">
        {d.scopeLabel}，数据年度 {d.dataYear}。
      </p>
      <div className="dashboard-totals">
        {d.totals.accounts !== null ? (
          <Card size="small">
            <Statistic title="注册账号" value={d.totals.accounts} />
          </Card>
        ) : null}
        <Card size="small">
          <Statistic title="已认证企业法人" value={d.totals.verifiedLegal} />
        </Card>
        <Card size="small">
          <Statistic title="符合条件企业" value={d.totals.eligibleEnterprises} />
        </Card>
        <Card size="small">
          <Statistic title="已登记企业" value={d.totals.registrations} />
        </Card>
      </div>
      <div className="dashboard-grid">
        <ChartBlock id="chart-daily" title="每日登记（近60天）" unit="登记数" rows={d.daily} tableLimit={60} chart={<CountLine rows={d.daily} name="登记数" />} />
        <ChartBlock id="chart-region" title={d.scopeLabel === '全国' ? '各省登记' : '各地市登记'} unit="登记数" rows={d.byRegion} chart={<CountBars rows={d.byRegion} name="登记数" horizontal />} />
        <ChartBlock id="chart-industry" title="行业分布" unit="登记数" rows={d.byIndustry} chart={<CountBars rows={d.byIndustry} name="登记数" horizontal color="#08979c" />} />
        <ChartBlock id="chart-qualification" title="资质类型" unit="企业数" rows={d.byQualification} chart={<CountBars rows={d.byQualification} name="企业数" horizontal color="#d46b08" />} />
        <ChartBlock id="chart-score" title="创新积分分布" unit="企业数" rows={d.scoreHistogram} chart={<CountBars rows={d.scoreHistogram} name="企业数" color="#531dab" />} />
      </div>
      <Card className="dashboard-block dashboard-matchmaking" size="small" title={<h2 id="matchmaking-title" className="dashboard-block__title">融资对接</h2>} aria-labelledby="matchmaking-title">
        <div className="dashboard-totals">
          <Statistic title="已联系企业" value={d.matchmaking.contacted} />
          <Statistic title="已授信笔数" value={d.matchmaking.grantedCount} />
          <Statistic title="授信金额（万元）" value={d.matchmaking.grantedWan} />
        </div>
        {d.matchmaking.byInstitution.length > 0 ? (
          <table className="dashboard-matchmaking__table">
            <caption className="dashboard-sr-only">各金融机构对接情况</caption>
            <thead>
              <tr>
                <th scope="col">金融机构</th>
                <th scope="col">已联系企业</th>
                <th scope="col">已授信笔数</th>
                <th scope="col">授信金额（万元）</th>
              </tr>
            </thead>
            <tbody>
              {d.matchmaking.byInstitution.map((i) => (
                <tr key={i.name}>
                  <th scope="row">{i.name}</th>
                  <td>{i.contacted}</td>
                  <td>{i.grantedCount}</td>
                  <td>{i.grantedWan}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="admin-empty">暂无对接记录</p>
        )}
      </Card>
    </section>
  );
}
