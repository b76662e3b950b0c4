import { lazy, Suspense } from 'react';
import { Alert, Button, Card, Descriptions, Table, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api } from '../../components/api';
import { LoadError, Loading } from '../../components/QueryState';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { formatShanghaiDateTime } from '../../../shared/datetime';
import { NO_SCORE_MESSAGE, SCORE_LABELS, SCORE_ROUTES, SCORE_TITLE, type ScoreResultAnswer, type ScoreResultView, type ScoredIndicator } from '../../../shared/schemas/score';
import { PLATFORM_NAME } from '../me';
import { useLoginWhenUnauthenticated } from '../financing/FinancingEntryPage';
import { FINANCING_PATHS, SCORE_PATH } from '../financing/links';
import './score.css';

const GroupRadar = lazy(() => import('./ScoreCharts').then((m) => ({ default: m.GroupRadar })));
const PercentileBars = lazy(() => import('./ScoreCharts').then((m) => ({ default: m.PercentileBars })));

const fixed2 = (n: number) => n.toFixed(2);

/** 创新积分（自评）: the enterprise's own latest score, every point explained (flows.md 积分结果). */
export default function ScorePage() {
  const navigate = useNavigate();
  const query = useQuery({ queryKey: ['score', 'mine'], queryFn: ({ signal }) => api.get<ScoreResultAnswer>(SCORE_ROUTES.mine, { signal }) });
  const toLogin = useLoginWhenUnauthenticated(query.error, SCORE_PATH);
  useDocumentTitle(PLATFORM_NAME, SCORE_TITLE);

  let body;
  if (query.isPending || toLogin) body = <Loading />;
  else if (query.error || !query.data) body = <LoadError error={query.error} onRetry={() => void query.refetch()} />;
  else if (!query.data.score)
    body = (
      <Alert
        type="info"
        showIcon
        message={NO_SCORE_MESSAGE}
        action={
          <Button type="primary" onClick={() => navigate(FINANCING_PATHS.entry)}>
            去登记
          </Button>
        }
      />
    );
  else body = <ScoreView score={query.data.score} />;
  return (
    <div className="site-container score-page">
      <h1 className="score-title">{SCORE_TITLE}</h1>
      {body}
    </div>
  );
}

function ScoreView({ score }: { score: ScoreResultView }) {
  const numeric = score.indicators.filter((i) => i.unit !== null);
  return (
    <>
      <section className="score-summary" aria-label="积分概况">
        <div className="score-total">
          <span className="score-total-label">{SCORE_LABELS.total}</span>
          <span className="score-total-value">{Math.round(score.total)}</span>
          <span className="score-total-unit">/ 1000</span>
        </div>
        <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }} className="score-facts">
          <Descriptions.Item label="数据年度">{score.dataYear}</Descriptions.Item>
          <Descriptions.Item label={SCORE_LABELS.stage}>{score.stage}</Descriptions.Item>
          <Descriptions.Item label={SCORE_LABELS.peerGroup}>{score.peerGroup}</Descriptions.Item>
          <Descriptions.Item label={SCORE_LABELS.peerSize}>{score.peerSize} 家</Descriptions.Item>
          <Descriptions.Item label="计算时间">
            {formatShanghaiDateTime(score.computedAt)} {score.recomputed ? <Tag color="blue">全量重算</Tag> : <Tag>提交时即时计算</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label="指标目录版本">{score.catalogueVersion}</Descriptions.Item>
        </Descriptions>
        {score.recomputed ? null : <p className="score-hint">提交时的即时积分按当时已提交的企业计算；平台定期对全部企业重新计算，积分可能随对比组变化。</p>}
      </section>

      <Card title="提升建议" size="small" className="score-card">
        {score.suggestions.length === 0 ? (
          <p>各项指标均已得满分。</p>
        ) : (
          <ol className="score-suggestions">
            {score.suggestions.map((s) => (
              <li key={s.code}>
                <strong>{s.name}</strong>（尚有约 {fixed2(s.pointsLeft)} 分可提升）：{s.advice}
              </li>
            ))}
          </ol>
        )}
      </Card>

      <div className="score-charts">
        <Card title="三类指标得分" size="small" className="score-card">
          <div className="score-chart-pair">
            <Suspense fallback={<div className="score-chart" />}>
              <GroupRadar groups={score.groups} />
            </Suspense>
            <table className="score-text-table">
              <caption>三类指标得分（文字表）</caption>
              <thead>
                <tr>
                  <th scope="col">指标组</th>
                  <th scope="col">积分</th>
                  <th scope="col">满分</th>
                </tr>
              </thead>
              <tbody>
                {score.groups.map((g) => (
                  <tr key={g.name}>
                    <th scope="row">{g.name}</th>
                    <td>{fixed2(g.points)}</td>
                    <td>{fixed2(g.max)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
        <Card title="各项指标在对比组中的百分位（虚线为50）" size="small" className="score-card">
          <div className="score-chart-pair">
            <Suspense fallback={<div className="score-chart score-chart-bars" />}>
              <PercentileBars indicators={score.indicators} />
            </Suspense>
            <table className="score-text-table">
              <caption>各项指标百分位（文字表）</caption>
              <thead>
                <tr>
                  <th scope="col">指标</th>
                  <th scope="col">百分位</th>
                </tr>
              </thead>
              <tbody>
                {numeric.map((i) => (
                  <tr key={i.code}>
                    <th scope="row">{i.name}</th>
                    <td>{i.percentile === null ? `—（按${fixed2(i.score)}分计）` : fixed2(i.percentile)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
      </div>

      <Card title="各项指标得分" size="small" className="score-card">
        <IndicatorTable score={score} />
        {score.mediansShown ? null : <p className="score-hint">对比组少于30家企业，不显示对比组中位数（避免推知其他企业的数据）。</p>}
      </Card>

      <footer className="score-footnote">
        <p>注：{score.footnote}</p>
        <p>
          指标目录：{score.catalogueTitle}（版本 {score.catalogueVersion}）。总分按各项积分（保留两位小数）合计后取整显示，与各项积分之和可能因四舍五入略有差异。
        </p>
      </footer>
    </>
  );
}

function IndicatorTable({ score }: { score: ScoreResultView }) {
  const columns = [
    { title: '指标', dataIndex: 'name', key: 'name', render: (name: string, i: ScoredIndicator) => <span title={i.group}>{name}</span> },
    { title: '填报值', key: 'value', render: (_: unknown, i: ScoredIndicator) => (i.value === null ? '不适用' : `${i.value}${i.unit && i.unit !== '%' ? ` ${i.unit}` : i.unit ?? ''}`) },
    ...(score.mediansShown ? [{ title: '对比组中位数', key: 'median', render: (_: unknown, i: ScoredIndicator) => (i.median === null ? '—' : `${i.median}${i.unit && i.unit !== '%' ? ` ${i.unit}` : i.unit ?? ''}`) }] : []),
    { title: '百分位', key: 'percentile', render: (_: unknown, i: ScoredIndicator) => (i.percentile === null ? '—' : fixed2(i.percentile)) },
    { title: '得分', key: 'score', render: (_: unknown, i: ScoredIndicator) => fixed2(i.score) },
    { title: '权重', key: 'weight', render: (_: unknown, i: ScoredIndicator) => fixed2(i.weight) },
    { title: '积分', key: 'points', render: (_: unknown, i: ScoredIndicator) => fixed2(i.points) },
    { title: '说明', dataIndex: 'note', key: 'note', render: (note: string | null) => note ?? '' },
  ];
  return <Table<ScoredIndicator> rowKey="code" size="small" pagination={false} scroll={{ x: 720 }} columns={columns} dataSource={score.indicators} />;
}
