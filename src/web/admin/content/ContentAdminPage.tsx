import { useState } from 'react';
import { App, Button, Tabs } from 'antd';
import { ProTable, type ProColumns } from '@ant-design/pro-components';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { LoadError } from '../../components/QueryState';
import { errorMessage } from '../../components/api';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { adminApi, isUnauthenticated } from '../adminApi';
import { ADMIN_NAME } from '../me';
import { formatShanghaiDateTime } from '../../../shared/datetime';
import { CONTENT_KIND_LABELS, CONTENT_KINDS, type ContentKind } from '../../../shared/content-labels';
import type { AdminContentItem, AdminContentList } from '../../../shared/schemas/admin-content';
import { ContentEditor } from './ContentEditor';
import './content.css';

const PAGE_SIZE = 20;

/** Where the platform shows an item (its own site, a new tab). */
const platformUrl = (id: string) => `/content/${encodeURIComponent(id)}`;

/** 【内容管理】 (部级): 政策文件 and 通知公告 of the platform home; what is saved shows there at once. */
export default function ContentAdminPage() {
  useDocumentTitle(ADMIN_NAME, '内容管理');
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<ContentKind>('policy');
  const [page, setPage] = useState(1);
  /** null: closed; 'new': 发布; else the id being edited. */
  const [editing, setEditing] = useState<string | null>(null);

  const list = useQuery({
    queryKey: ['admin', 'content', kind, page],
    queryFn: ({ signal }) => adminApi.get<AdminContentList>(`/api/admin/content?kind=${kind}&page=${page}&pageSize=${PAGE_SIZE}`, { signal }),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });

  const refresh = () => queryClient.invalidateQueries({ queryKey: ['admin', 'content'] });

  const remove = useMutation({
    mutationFn: (row: AdminContentItem) => adminApi.post(`/api/admin/content/${encodeURIComponent(row.id)}/delete`),
    onSuccess: () => {
      void message.success('已删除，平台首页不再显示');
      void refresh();
    },
    onError: (error) => {
      if (!isUnauthenticated(error)) void message.error({ content: errorMessage(error), duration: 6 });
    },
  });

  function confirmDelete(row: AdminContentItem) {
    modal.confirm({
      title: `确定删除“${row.title}”吗？`,
      content: '删除后平台首页立即不再显示该内容，且不能恢复。',
      okText: '确定',
      cancelText: '取消',
      okButtonProps: { danger: true },
      onOk: () => remove.mutateAsync(row).catch(() => undefined),
    });
  }

  const columns: ProColumns<AdminContentItem>[] = [
    {
      title: '标题',
      dataIndex: 'title',
      render: (_, row) => (
        <a href={platformUrl(row.id)} target="_blank" rel="noreferrer" className="content-admin__title">
          {row.title}
        </a>
      ),
    },
    { title: '发布日期', dataIndex: 'publishedOn', width: 110, render: (_, row) => <span className="admin-nowrap">{row.publishedOn}</span> },
    { title: '最后修改', dataIndex: 'updatedAt', width: 142, render: (_, row) => <span className="admin-nowrap">{formatShanghaiDateTime(row.updatedAt, 'minute')}</span> },
    {
      title: '操作',
      key: 'actions',
      width: 120,
      render: (_, row) => (
        <span className="admin-nowrap">
          <Button type="link" size="small" aria-label={`编辑：${row.title}`} onClick={() => setEditing(row.id)}>
            编辑
          </Button>
          <Button type="link" size="small" danger aria-label={`删除：${row.title}`} onClick={() => confirmDelete(row)}>
            删除
          </Button>
        </span>
      ),
    },
  ];

  return (
    <section className="admin-page" aria-labelledby="content-title">
      <div className="admin-page__heading">
        <h1 id="content-title" className="admin-page__title">
          内容管理
        </h1>
        <Button type="primary" onClick={() => setEditing('new')}>
          发布{CONTENT_KIND_LABELS[kind]}
        </Button>
      </div>
      <p className="admin-page__intro">平台首页的政策文件和通知公告，按发布日期从新到旧显示。保存后平台首页立即更新。</p>
      <Tabs
        activeKey={kind}
        onChange={(key) => {
          setKind(key as ContentKind);
          setPage(1);
        }}
        items={CONTENT_KINDS.map((k) => ({ key: k, label: CONTENT_KIND_LABELS[k] }))}
      />
      {list.isError && !list.data ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <ProTable<AdminContentItem>
          rowKey="id"
          size="middle"
          search={false}
          options={false}
          cardProps={{ bodyStyle: { padding: 0 } }}
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching && (!list.data || list.isPlaceholderData)}
          scroll={{ x: 640 }}
          locale={{ emptyText: <p className="admin-empty">暂无{CONTENT_KIND_LABELS[kind]}</p> }}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, showSizeChanger: false, showTotal: (total) => `共 ${total} 条`, onChange: setPage }}
        />
      )}
      {editing ? (
        <ContentEditor
          id={editing === 'new' ? null : editing}
          kind={kind}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            setEditing(null);
            void message.success(saved === 'created' ? '已发布，平台首页已更新' : '已保存，平台首页已更新');
            void refresh();
          }}
        />
      ) : null}
    </section>
  );
}
