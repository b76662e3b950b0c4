import { useState } from 'react';
import { App, Button, Modal, Tag, Typography } from 'antd';
import { ProTable, type ProColumns } from '@ant-design/pro-components';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { LoadError } from '../../components/QueryState';
import { errorMessage } from '../../components/api';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { adminApi, isUnauthenticated } from '../adminApi';
import { ADMIN_NAME } from '../me';
import { formatShanghaiDateTime } from '../../../shared/datetime';
import { OPERATOR_ROLE_LABELS, OPERATOR_STATUS_LABELS } from '../../../shared/operator-labels';
import { operatorRegionLabel } from '../../../shared/operator-regions';
import type { OperatorCreated, OperatorItem, OperatorList } from '../../../shared/schemas/admin-operators';
import { CreateOperatorModal } from './CreateOperatorModal';
import { InstitutionAccounts } from './InstitutionAccounts';
import './operators.css';

const PAGE_SIZE = 20;

/** A change to one account: what the button says, what the dialog asks, what the server does. */
interface AccountAction {
  label: string;
  confirm: (row: OperatorItem) => { title: string; content: string };
  path: string;
  body?: unknown;
  done: string;
  danger?: boolean;
}

const disable: AccountAction = {
  label: '停用',
  confirm: (row) => ({ title: `确定停用账号“${row.username}”吗？`, content: '停用后该账号立即退出登录，且不能再登录，直到重新启用。' }),
  path: 'disable',
  done: '账号已停用',
  danger: true,
};
const enable: AccountAction = {
  label: '启用',
  confirm: (row) => ({ title: `确定启用账号“${row.username}”吗？`, content: '启用后该账号可以重新登录。' }),
  path: 'enable',
  done: '账号已启用',
};
const resetTotp: AccountAction = {
  label: '重置动态口令',
  confirm: (row) => ({ title: `确定重置账号“${row.username}”的动态口令吗？`, content: '重置后该账号立即退出登录，下次登录时需重新绑定动态口令。' }),
  path: 'reset-totp',
  done: '动态口令已重置',
};
const auditorOn: AccountAction = {
  label: '设为审计员',
  confirm: (row) => ({ title: `确定将账号“${row.username}”设为审计员吗？`, content: '审计员可以查询和导出审计日志。' }),
  path: 'auditor',
  body: { isAuditor: true },
  done: '已设为审计员',
};
const auditorOff: AccountAction = {
  label: '取消审计员',
  confirm: (row) => ({ title: `确定取消账号“${row.username}”的审计员身份吗？`, content: '取消后该账号不能再查看审计日志。' }),
  path: 'auditor',
  body: { isAuditor: false },
  done: '已取消审计员',
};

/**
 * 【账号管理】: operator accounts the operator may manage (部级 all, 省级 the 市级 of its
 * province); below them the 金融机构账号 (InstitutionAccounts).
 */
export default function OperatorsPage() {
  useDocumentTitle(ADMIN_NAME, '账号管理');
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<OperatorCreated | null>(null);

  const list = useQuery({
    queryKey: ['admin', 'operators', page],
    queryFn: ({ signal }) => adminApi.get<OperatorList>(`/api/admin/operators?page=${page}&pageSize=${PAGE_SIZE}`, { signal }),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });

  const act = useMutation({
    mutationFn: ({ row, action }: { row: OperatorItem; action: AccountAction }) => adminApi.post(`/api/admin/operators/${encodeURIComponent(row.id)}/${action.path}`, action.body ?? {}),
    onSuccess: (_data, { action }) => {
      void message.success(action.done);
      void queryClient.invalidateQueries({ queryKey: ['admin', 'operators'] });
    },
    onError: (error) => {
      if (!isUnauthenticated(error)) void message.error({ content: errorMessage(error), duration: 6 });
    },
  });

  function confirm(row: OperatorItem, action: AccountAction) {
    const { title, content } = action.confirm(row);
    modal.confirm({
      title,
      content,
      okText: '确定',
      cancelText: '取消',
      okButtonProps: { danger: action.danger },
      onOk: () => act.mutateAsync({ row, action }).catch(() => undefined),
    });
  }

  const data = list.data;
  const actionsOf = (row: OperatorItem): AccountAction[] => {
    if (!row.manageable) return [];
    const actions = [row.status === 'active' ? disable : enable];
    if (row.totpEnrolled) actions.push(resetTotp);
    if (data?.canSetAuditor && row.role === 'ministry') actions.push(row.isAuditor ? auditorOff : auditorOn);
    return actions;
  };

  const columns: ProColumns<OperatorItem>[] = [
    { title: '账号', dataIndex: 'username', width: 120, render: (_, row) => <span className="admin-nowrap">{row.username}</span> },
    { title: '名称', dataIndex: 'displayName', width: 160 },
    { title: '角色', dataIndex: 'role', width: 70, render: (_, row) => OPERATOR_ROLE_LABELS[row.role] },
    { title: '地区', dataIndex: 'regionCode', width: 150, render: (_, row) => operatorRegionLabel(row.regionCode) },
    {
      title: '状态',
      dataIndex: 'status',
      width: 80,
      render: (_, row) => <Tag color={row.status === 'active' ? '#237804' : '#595959'}>{OPERATOR_STATUS_LABELS[row.status]}</Tag>,
    },
    { title: '动态口令', dataIndex: 'totpEnrolled', width: 90, render: (_, row) => (row.totpEnrolled ? '已绑定' : '未绑定') },
    { title: '审计员', dataIndex: 'isAuditor', width: 70, render: (_, row) => (row.isAuditor ? '是' : '否') },
    { title: '创建时间', dataIndex: 'createdAt', width: 142, render: (_, row) => <span className="admin-nowrap">{formatShanghaiDateTime(row.createdAt, 'minute')}</span> },
    {
      title: '操作',
      key: 'actions',
      width: 210,
      render: (_, row) => {
        if (row.self) return <span className="admin-muted">当前账号</span>;
        const actions = actionsOf(row);
        if (actions.length === 0) return <span className="admin-muted">—</span>;
        return (
          <span className="operator-actions">
            {actions.map((action) => (
              <Button key={action.label} type="link" size="small" danger={action.danger} aria-label={`${action.label}：${row.username}`} onClick={() => confirm(row, action)}>
                {action.label}
              </Button>
            ))}
          </span>
        );
      },
    },
  ];

  return (
    <section className="admin-page" aria-labelledby="operators-title">
      <div className="admin-page__heading">
        <h1 id="operators-title" className="admin-page__title">
          账号管理
        </h1>
        {data && data.creatableRoles.length > 0 ? (
          <Button type="primary" onClick={() => setCreating(true)}>
            新建账号
          </Button>
        ) : null}
      </div>
      <p className="admin-page__intro">
        {data?.regionCode ? `管理${operatorRegionLabel(data.regionCode)}的市级管理端账号。` : '管理部级、省级和市级管理端账号。'}
        停用账号或重置动态口令后，该账号立即退出登录。
      </p>
      {list.isError && !data ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <ProTable<OperatorItem>
          rowKey="id"
          size="middle"
          search={false}
          options={false}
          cardProps={{ bodyStyle: { padding: 0 } }}
          columns={columns}
          dataSource={data?.items ?? []}
          loading={list.isFetching && (!data || list.isPlaceholderData)}
          scroll={{ x: 1080 }}
          locale={{ emptyText: <p className="admin-empty">暂无可管理的账号</p> }}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, showSizeChanger: false, showTotal: (total) => `共 ${total} 条`, onChange: setPage }}
        />
      )}
      {data && creating ? (
        <CreateOperatorModal
          list={data}
          onClose={() => setCreating(false)}
          onCreated={(answer) => {
            setCreating(false);
            setCreated(answer);
            void queryClient.invalidateQueries({ queryKey: ['admin', 'operators'] });
          }}
        />
      ) : null}
      {created ? <InitialPasswordModal created={created} onClose={() => setCreated(null)} /> : null}
      <InstitutionAccounts />
    </section>
  );
}

/** The initial password, shown this once (the server keeps only its hash). */
function InitialPasswordModal({ created, onClose }: { created: OperatorCreated; onClose: () => void }) {
  return (
    <Modal
      open
      title="账号已创建"
      onCancel={onClose}
      maskClosable={false}
      footer={
        <Button type="primary" onClick={onClose}>
          我已记录
        </Button>
      }
    >
      <p>
        账号：<strong>{created.username}</strong>
      </p>
      <p>
        初始密码：
        <Typography.Text className="operator-password" code copyable={{ text: created.initialPassword, tooltips: ['复制', '已复制'] }}>
          {created.initialPassword}
        </Typography.Text>
      </p>
      <p className="admin-muted">初始密码只显示这一次，请通过安全渠道告知账号使用人。生产环境首次登录时需绑定动态口令。</p>
    </Modal>
  );
}
