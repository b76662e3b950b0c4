import { lazy, Suspense, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, InputNumber, Modal, Radio, Table, Tag, Timeline } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { api, errorMessage, isApiError } from '../../components/api';
import { LoadError, Loading } from '../../components/QueryState';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { formatShanghaiDateTime } from '../../../shared/datetime';
import { INSTITUTION_NAME, PATHS } from '../me';
import { financingSummary, regionLabel } from '../format';
import { INSTITUTION_ROUTES, OUTCOME_LABELS, type DetailResponse, type Outcome, type TimelineResponse } from '../../../shared/schemas/institution';
import { QUALIFICATION_TYPE_LABELS, type QualificationType } from '../../../shared/qualification-labels';
import { FINANCING_METHOD_LABELS, type FinancingMethod } from '../../../shared/schemas/registration';
import type { ScoreResultView, ScoredIndicator } from '../../../shared/schemas/score';
import '../../platform/score/score.css';

const GroupRadar = lazy(() => import('../../platform/score/ScoreCharts').then((m) => ({ default: m.GroupRadar })));

/** Solid tags (white text) that keep 4.5:1 contrast. */
export const OUTCOME_COLORS: Record<Outcome, string> = { contacted: '#0958d9', granted: '#237804', rejected: '#cf1322' };

/** One 对接 entry as a sentence. */
export function entryText(e: TimelineResponse['entries'][number]): string {
  if (e.outcome === 'granted') return `已授信 ${e.amount} 万元，年利率 ${e.rate}%，期限 ${e.termMonths} 个月${e.note ? `（${e.note}）` : ''}`;
  if (e.outcome === 'rejected') return `未通过：${e.reason ?? ''}`;
  return `已联系${e.note ? `：${e.note}` : ''}`;
}

/** Detail of a consenting enterprise: submitted data (personal data masked), score breakdown, 融资需求, 【查看联系方式】, 【登记对接】 and this institution's timeline. */
export default function EnterpriseDetailPage() {
  useDocumentTitle(INSTITUTION_NAME, '企业详情');
  const uscc = (useLocation().state as { uscc?: string } | null)?.uscc;
  const navigate = useNavigate();
  const query = useQuery({ queryKey: ['institution', 'detail', uscc], queryFn: () => api.post<DetailResponse>(INSTITUTION_ROUTES.detail, { uscc }), enabled: Boolean(uscc), retry: false, gcTime: 0 });
  if (!uscc) return <Navigate to={PATHS.enterprises} replace />;
  let body;
  if (query.isPending) body = <Loading />;
  else if (query.error) {
    body = isApiError(query.error) && query.error.status === 404 ? (
      <Alert type="warning" showIcon message="该企业不在您的服务范围内，或已撤回授权。" description="撤回授权后，本机构只保留自己的对接记录（见【对接记录】）。" />
    ) : (
      <LoadError error={query.error} onRetry={() => void query.refetch()} />
    );
  } else body = <DetailView detail={query.data} />;
  return (
    <section className="admin-page institution-detail" aria-labelledby="detail-title">
      <div className="admin-page__heading">
        <h1 id="detail-title" className="admin-page__title">
          {query.data?.name ?? '企业详情'}
        </h1>
        <Button onClick={() => navigate(PATHS.enterprises)}>返回企业名单</Button>
      </div>
      {body}
    </section>
  );
}

function DetailView({ detail }: { detail: DetailResponse }) {
  const [recording, setRecording] = useState(false);
  const queryClient = useQueryClient();
  const score = detail.score as ScoreResultView | null;
  const f = detail.financing;
  return (
    <>
      <Card size="small" title="企业概况" className="institution-card">
        <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }}>
          <Descriptions.Item label="统一社会信用代码">{detail.uscc}</Descriptions.Item>
          <Descriptions.Item label="地区">{regionLabel(detail.regionCode)}</Descriptions.Item>
          <Descriptions.Item label="所属行业">{detail.industryName}</Descriptions.Item>
          <Descriptions.Item label="资质">{detail.qualifications.map((q) => QUALIFICATION_TYPE_LABELS[q.type as QualificationType] ?? q.type).join('、') || '—'}</Descriptions.Item>
          <Descriptions.Item label="数据年度">{detail.dataYear}</Descriptions.Item>
          <Descriptions.Item label="提交时间">{formatShanghaiDateTime(detail.submittedAt)}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title="联系方式" className="institution-card">
        <ContactBlock detail={detail} />
      </Card>
      <Card size="small" title="融资需求" className="institution-card">
        <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
          <Descriptions.Item label="融资需求">{f.need === 'yes' ? '有' : '无'}</Descriptions.Item>
          <Descriptions.Item label="融资金额">{f.amount ? `${f.amount} 万元` : '—'}</Descriptions.Item>
          <Descriptions.Item label="融资期限">{f.termMonths ? `${f.termMonths} 个月` : '—'}</Descriptions.Item>
          <Descriptions.Item label="意向融资方式">{f.methods.map((m) => FINANCING_METHOD_LABELS[m as FinancingMethod] ?? m).join('、') || '—'}</Descriptions.Item>
          <Descriptions.Item label="资金用途">{f.purpose ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="意向金融机构">{f.institutions ?? '—'}</Descriptions.Item>
        </Descriptions>
      </Card>
      {score ? <ScoreBlock score={score} /> : <Alert type="info" showIcon message="积分尚在计算中" />}
      <Card
        size="small"
        title="对接记录"
        className="institution-card"
        extra={
          <Button type="primary" onClick={() => setRecording(true)}>
            登记对接
          </Button>
        }
      >
        {detail.entries.length === 0 ? (
          <p className="admin-muted">本机构尚未登记对接。摘要：{financingSummary(f)}</p>
        ) : (
          <Timeline items={detail.entries.map((e) => ({ key: e.id, color: OUTCOME_COLORS[e.outcome], children: <><Tag color={OUTCOME_COLORS[e.outcome]}>{OUTCOME_LABELS[e.outcome]}</Tag>{formatShanghaiDateTime(e.at, 'minute')} {entryText(e)}</> }))} />
        )}
      </Card>
      <RecordModal
        open={recording}
        uscc={detail.uscc}
        onClose={() => setRecording(false)}
        onDone={(timeline) => {
          setRecording(false);
          queryClient.setQueryData<DetailResponse>(['institution', 'detail', detail.uscc], (old) => (old ? { ...old, entries: timeline.entries } : old));
        }}
      />
    </>
  );
}

function ContactBlock({ detail }: { detail: DetailResponse }) {
  const reveal = useMutation({ mutationFn: () => api.post<{ contactName: string; contactMobile: string }>(INSTITUTION_ROUTES.contact, { uscc: detail.uscc }) });
  const contact = reveal.data;
  return (
    <div className="institution-contact">
      <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
        <Descriptions.Item label="联系人">{contact?.contactName ?? detail.contactName}</Descriptions.Item>
        <Descriptions.Item label="联系人手机">{contact?.contactMobile ?? detail.contactMobile}</Descriptions.Item>
      </Descriptions>
      {contact ? null : (
        <Button onClick={() => reveal.mutate()} loading={reveal.isPending}>
          查看联系方式
        </Button>
      )}
      {reveal.error ? <Alert type="error" showIcon message={errorMessage(reveal.error)} /> : null}
      <p className="admin-muted">查看联系方式将记入审计日志，企业可在平台【融资对接】中看到。</p>
    </div>
  );
}

const fixed2 = (n: number) => n.toFixed(2);

function ScoreBlock({ score }: { score: ScoreResultView }) {
  return (
    <Card size="small" title={`创新积分 ${Math.round(score.total)} / 1000（${score.stage}，对比组：${score.peerGroup}）`} className="institution-card">
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
      <Table<ScoredIndicator>
        rowKey="code"
        size="small"
        pagination={false}
        scroll={{ x: 640 }}
        dataSource={score.indicators}
        columns={[
          { title: '指标', dataIndex: 'name' },
          { title: '填报值', key: 'value', render: (_: unknown, i) => (i.value === null ? '不适用' : `${i.value}${i.unit && i.unit !== '%' ? ` ${i.unit}` : (i.unit ?? '')}`) },
          { title: '百分位', key: 'percentile', render: (_: unknown, i) => (i.percentile === null ? '—' : fixed2(i.percentile)) },
          { title: '得分', key: 'score', render: (_: unknown, i) => fixed2(i.score) },
          { title: '积分', key: 'points', render: (_: unknown, i) => fixed2(i.points) },
        ]}
      />
    </Card>
  );
}

interface RecordInput {
  outcome: Outcome;
  amount?: string;
  rate?: string;
  termMonths?: number;
  reason?: string;
  note?: string;
}

/** 【登记对接】: 已联系 / 已授信 (金额 万元, 年利率 %, 期限 月) / 未通过 (原因). */
function RecordModal({ open, uscc, onClose, onDone }: { open: boolean; uscc: string; onClose: () => void; onDone: (t: TimelineResponse) => void }) {
  const [form] = Form.useForm<RecordInput>();
  const { message } = App.useApp();
  const outcome = Form.useWatch('outcome', form);
  const save = useMutation({
    mutationFn: (input: RecordInput) => api.post<TimelineResponse>(INSTITUTION_ROUTES.record, { uscc, ...input }),
    onSuccess: (timeline) => {
      void message.success('已登记');
      form.resetFields();
      onDone(timeline);
    },
    onError: (error) => {
      if (isApiError(error) && Object.keys(error.fieldErrors).length > 0) form.setFields(Object.entries(error.fieldErrors).map(([name, msg]) => ({ name: name as keyof RecordInput, errors: [msg] })));
    },
  });
  return (
    <Modal title="登记对接" open={open} onCancel={onClose} okText="确定" cancelText="取消" confirmLoading={save.isPending} onOk={() => form.submit()} destroyOnHidden>
      <Form form={form} layout="vertical" name="matchmaking-record" initialValues={{ outcome: 'contacted' }} onFinish={(values) => save.mutate(values)}>
        <Form.Item label="对接结果" name="outcome" rules={[{ required: true, message: '请选择对接结果' }]}>
          <Radio.Group optionType="button" options={(['contacted', 'granted', 'rejected'] as const).map((o) => ({ value: o, label: OUTCOME_LABELS[o] }))} />
        </Form.Item>
        {outcome === 'granted' ? (
          <>
            <Form.Item label="授信金额" name="amount" rules={[{ required: true, message: '请输入授信金额' }, { pattern: /^\d+(\.\d{1,2})?$/, message: '请输入正确的金额（最多两位小数）' }]}>
              <Input suffix="万元" inputMode="decimal" />
            </Form.Item>
            <Form.Item label="年利率" name="rate" rules={[{ required: true, message: '请输入年利率' }, { pattern: /^\d{1,2}(\.\d{1,2})?$/, message: '请输入正确的利率（%）' }]}>
              <Input suffix="%" inputMode="decimal" />
            </Form.Item>
            <Form.Item label="期限" name="termMonths" rules={[{ required: true, message: '请输入期限（月）' }]}>
              <InputNumber min={1} max={600} precision={0} addonAfter="月" style={{ width: '100%' }} />
            </Form.Item>
          </>
        ) : null}
        {outcome === 'rejected' ? (
          <Form.Item label="未通过原因" name="reason" rules={[{ required: true, whitespace: true, message: '请填写未通过原因' }]}>
            <Input.TextArea maxLength={200} showCount rows={3} />
          </Form.Item>
        ) : (
          <Form.Item label="备注" name="note">
            <Input.TextArea maxLength={200} rows={2} />
          </Form.Item>
        )}
        {save.error && !(isApiError(save.error) && Object.keys(save.error.fieldErrors).length > 0) ? <Alert type="error" showIcon message={errorMessage(save.error)} /> : null}
      </Form>
    </Modal>
  );
}
