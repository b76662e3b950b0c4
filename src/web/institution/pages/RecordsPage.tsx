import { Button, Table, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api } from '../../components/api';
import { LoadError, Loading } from '../../components/QueryState';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { formatShanghaiDateTime } from '../../../shared/datetime';
import { INSTITUTION_NAME, PATHS } from '../me';
import { entryText } from './EnterpriseDetailPage';
import { INSTITUTION_ROUTES, OUTCOME_LABELS, type RecordsResponse } from '../../../shared/schemas/institution';

type Entry = RecordsResponse['entries'][number];

/** 【对接记录】: this institution's own entries, newest first (kept after an enterprise withdraws). */
export default function RecordsPage() {
  useDocumentTitle(INSTITUTION_NAME, '对接记录');
  const navigate = useNavigate();
  const query = useQuery({ queryKey: ['institution', 'records'], queryFn: ({ signal }) => api.get<RecordsResponse>(INSTITUTION_ROUTES.records, { signal }) });
  return (
    <section className="admin-page" aria-labelledby="records-title">
      <div className="admin-page__heading">
        <h1 id="records-title" className="admin-page__title">
          对接记录
        </h1>
      </div>
      <p className="admin-page__intro">本机构登记的对接记录。企业撤回授权后，本机构仍保留自己的对接记录，但不能再查看企业信息。</p>
      {query.isPending ? (
        <Loading />
      ) : query.error ? (
        <LoadError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Table<Entry>
          rowKey="id"
          size="middle"
          scroll={{ x: 760 }}
          dataSource={query.data.entries}
          pagination={{ pageSize: 20, showSizeChanger: false, showTotal: (total) => `共 ${total} 条` }}
          locale={{ emptyText: <p className="admin-empty">暂无对接记录</p> }}
          columns={[
            { title: '时间', dataIndex: 'at', width: 160, render: (at: string) => formatShanghaiDateTime(at, 'minute') },
            {
              title: '企业名称',
              dataIndex: 'name',
              width: 220,
              render: (name: string, e) => (
                <Button type="link" className="institution-name-link" onClick={() => navigate(PATHS.enterprise, { state: { uscc: e.uscc } })}>
                  {name}
                </Button>
              ),
            },
            { title: '结果', dataIndex: 'outcome', width: 90, render: (o: Entry['outcome']) => <Tag>{OUTCOME_LABELS[o]}</Tag> },
            { title: '详情', key: 'text', render: (_: unknown, e) => entryText(e) },
          ]}
        />
      )}
    </section>
  );
}
