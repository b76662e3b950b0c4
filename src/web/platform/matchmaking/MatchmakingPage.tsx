import { useState } from 'react';
import { Alert, App, Button, Card, Modal, Table, Tag } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, errorMessage } from '../../components/api';
import { LoadError, Loading } from '../../components/QueryState';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { formatShanghaiDateTime } from '../../../shared/datetime';
import { INSTITUTION_ROUTES, OUTCOME_LABELS, type ActivityResponse } from '../../../shared/schemas/institution';
import { PLATFORM_NAME } from '../me';
import { useLoginWhenUnauthenticated } from '../financing/FinancingEntryPage';
import { MATCHMAKING_PATH } from './links';
import './matchmaking.css';

type RecordRow = ActivityResponse['records'][number];
type ViewRow = ActivityResponse['views'][number];

const outcomeText = (r: RecordRow) =>
  r.outcome === 'granted' ? `授信 ${r.amount} 万元，年利率 ${r.rate}%，期限 ${r.termMonths} 个月` : r.outcome === 'rejected' ? `未通过：${r.reason ?? ''}` : '已与企业联系';

/** 【融资对接】: which partner institutions viewed or contacted the enterprise, the outcomes, and 【撤回授权】. */
export default function MatchmakingPage() {
  useDocumentTitle(PLATFORM_NAME, '融资对接');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: ['platform', 'matchmaking'], queryFn: ({ signal }) => api.get<ActivityResponse>(INSTITUTION_ROUTES.mine, { signal }) });
  const toLogin = useLoginWhenUnauthenticated(query.error, MATCHMAKING_PATH);
  const [confirming, setConfirming] = useState(false);
  const withdraw = useMutation({
    mutationFn: () => api.post<ActivityResponse>(INSTITUTION_ROUTES.withdraw),
    onSuccess: (data) => {
      queryClient.setQueryData(['platform', 'matchmaking'], data);
      setConfirming(false);
      void message.success('已撤回授权，合作金融机构已无法查看本企业信息');
    },
  });

  let body;
  if (query.isPending || toLogin) body = <Loading />;
  else if (query.error) body = <LoadError error={query.error} onRetry={() => void query.refetch()} />;
  else {
    const data = query.data;
    body = (
      <>
        <Card size="small" className="matchmaking-card" title="授权状态">
          {data.consented ? (
            <div className="matchmaking-consent">
              <p>
                <Tag color="#237804">已授权</Tag>本企业已同意将登记信息推送至合作金融机构（服务本地区的金融机构可查看企业登记信息和创新积分，查看联系人和联系人手机时会记录在下方）。
              </p>
              <Button danger onClick={() => setConfirming(true)}>
                撤回授权
              </Button>
            </div>
          ) : (
            <p>
              <Tag>未授权</Tag>本企业未授权向合作金融机构推送登记信息，金融机构无法查看本企业信息。如需授权，请在【融资服务专区】的提示事项中勾选同意。
            </p>
          )}
        </Card>
        <Card size="small" className="matchmaking-card" title="对接结果">
          <Table<RecordRow>
            rowKey="id"
            size="small"
            pagination={false}
            scroll={{ x: 560 }}
            dataSource={data.records}
            locale={{ emptyText: '暂无金融机构登记对接' }}
            columns={[
              { title: '时间', dataIndex: 'at', width: 150, render: (at: string) => formatShanghaiDateTime(at, 'minute') },
              { title: '金融机构', dataIndex: 'institution', width: 200 },
              { title: '结果', dataIndex: 'outcome', width: 90, render: (o: RecordRow['outcome']) => <Tag color={o === 'granted' ? '#237804' : o === 'rejected' ? '#cf1322' : '#0958d9'}>{OUTCOME_LABELS[o]}</Tag> },
              { title: '详情', key: 'text', render: (_: unknown, r) => outcomeText(r) },
            ]}
          />
        </Card>
        <Card size="small" className="matchmaking-card" title="查看记录">
          <Table<ViewRow>
            rowKey="id"
            size="small"
            pagination={{ pageSize: 10, showSizeChanger: false, hideOnSinglePage: true }}
            scroll={{ x: 480 }}
            dataSource={data.views}
            locale={{ emptyText: '暂无金融机构查看本企业信息' }}
            columns={[
              { title: '时间', dataIndex: 'at', width: 150, render: (at: string) => formatShanghaiDateTime(at, 'minute') },
              { title: '金融机构', dataIndex: 'institution', width: 200 },
              { title: '操作', dataIndex: 'kind', render: (k: ViewRow['kind']) => (k === 'contact' ? '查看联系方式' : '查看企业详情') },
            ]}
          />
        </Card>
      </>
    );
  }
  return (
    <div className="site-container matchmaking-page">
      <h1 className="matchmaking-title">融资对接</h1>
      {body}
      <Modal
        title="撤回授权"
        open={confirming}
        okText="确定撤回"
        cancelText="取消"
        okButtonProps={{ danger: true }}
        confirmLoading={withdraw.isPending}
        onOk={() => withdraw.mutate()}
        onCancel={() => setConfirming(false)}
      >
        <p>撤回后，合作金融机构将立即无法查看本企业的登记信息、创新积分和联系方式；已有的查看和对接记录仍会保留。</p>
        {withdraw.error ? <Alert type="error" showIcon message={errorMessage(withdraw.error)} /> : null}
      </Modal>
    </div>
  );
}
