import { useRef, useState } from 'react';
import { App, Button, Tag } from 'antd';
import { ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { useNavigate } from 'react-router';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { errorMessage } from '../../components/api';
import { isUnauthenticated } from '../adminApi';
import { regionLabel } from '../format';
import { ROUTES } from '../links';
import { ADMIN_NAME, useAdminMe } from '../me';
import { QUALIFICATION_TYPES, QUALIFICATION_TYPE_LABELS, type QualificationType } from '../../../shared/qualification-labels';
import { mayImport, QUALIFICATION_STATE_LABELS, type QualificationStateKey } from '../../../shared/qualification-import';
import { provinceOptions } from '../../../shared/operator-regions';
import type { QualificationItem } from '../../../shared/schemas/qualifications';
import { qualificationsApi } from './api';
import { RevokeModal } from './RevokeModal';
import './qualifications.css';

const STATE_COLORS: Record<QualificationStateKey, string> = { valid: '#237804', expired: '#595959', revoked: '#cf1322' };

interface Filters {
  keyword?: string;
  type?: QualificationType;
  state?: QualificationStateKey;
  region?: string;
}

/**
 * 【资质管理】: the qualifications of the operator's region (the server scopes the list), filters
 * sent in the request body, server-side paging; 【导入】 and 【撤销】 where the role allows.
 */
export default function QualificationsPage() {
  useDocumentTitle(ADMIN_NAME, '资质管理');
  const me = useAdminMe();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const action = useRef<ActionType>(undefined);
  const [revoking, setRevoking] = useState<QualificationItem | null>(null);
  const operator = me.data?.loggedIn ? me.data : null;
  const canImport = operator ? QUALIFICATION_TYPES.some((t) => mayImport(operator.role, t)) : false;

  const columns: ProColumns<QualificationItem>[] = [
    { title: '关键词', dataIndex: 'keyword', hideInTable: true, fieldProps: { placeholder: '统一社会信用代码或企业名称', maxLength: 60 } },
    { title: '企业名称', dataIndex: 'enterpriseName', search: false, ellipsis: true, width: 200, render: (_, row) => row.enterpriseName ?? '—' },
    { title: '统一社会信用代码', dataIndex: 'uscc', search: false, width: 180, render: (_, row) => <span className="admin-nowrap">{row.uscc}</span> },
    {
      title: '资质类型',
      dataIndex: 'type',
      width: 170,
      valueType: 'select',
      valueEnum: Object.fromEntries(QUALIFICATION_TYPES.map((t) => [t, { text: QUALIFICATION_TYPE_LABELS[t] }])),
      render: (_, row) => row.typeLabel,
    },
    {
      title: '状态',
      dataIndex: 'state',
      width: 150,
      valueType: 'select',
      valueEnum: Object.fromEntries(Object.entries(QUALIFICATION_STATE_LABELS).map(([k, v]) => [k, { text: v }])),
      render: (_, row) => (
        <>
          <Tag color={STATE_COLORS[row.state]}>{row.stateLabel}</Tag>
          {row.state === 'revoked' && row.revokedReason ? (
            <div className="qualification-reason" title={row.revokedReason}>
              原因：{row.revokedReason}
            </div>
          ) : null}
        </>
      ),
    },
    { title: '认定编号', dataIndex: 'certNo', search: false, width: 150 },
    { title: '认定年度', dataIndex: 'batch', search: false, width: 130 },
    { title: '认定日期', dataIndex: 'recognizedOn', search: false, width: 110 },
    { title: '有效期至', dataIndex: 'validUntil', search: false, width: 110 },
    { title: '认定单位', dataIndex: 'authority', search: false, ellipsis: true, width: 180 },
    {
      title: '地区',
      dataIndex: 'region',
      width: 150,
      valueType: 'select',
      // 省级 and 市级 operators see their own region only: no region filter for them.
      hideInSearch: operator?.role !== 'ministry',
      fieldProps: { showSearch: true, optionFilterProp: 'label' },
      valueEnum: Object.fromEntries(provinceOptions.map((p) => [p.code, { text: p.name }])),
      render: (_, row) => regionLabel(row.regionCode),
    },
    {
      title: '操作',
      key: 'actions',
      search: false,
      width: 80,
      fixed: 'right',
      render: (_, row) =>
        row.canRevoke ? (
          <Button type="link" size="small" danger aria-label={`撤销：${row.enterpriseName ?? row.uscc} ${row.certNo}`} onClick={() => setRevoking(row)}>
            撤销
          </Button>
        ) : (
          <span className="admin-muted">—</span>
        ),
    },
  ];

  return (
    <section className="admin-page" aria-labelledby="qualifications-title">
      <div className="admin-page__heading">
        <h1 id="qualifications-title" className="admin-page__title">
          资质管理
        </h1>
        {canImport ? (
          <Button type="primary" onClick={() => navigate(`${ROUTES.qualifications}/import`)}>
            导入
          </Button>
        ) : null}
      </div>
      <p className="admin-page__intro">
        {operator?.role === 'ministry' ? '全国' : regionLabel(operator?.regionCode)}的创新型中小企业、专精特新中小企业、专精特新“小巨人”企业和科技型中小企业认定（入库）信息。撤销后企业的该项资质立即失效。
      </p>
      <ProTable<QualificationItem, Filters>
        rowKey="id"
        size="middle"
        actionRef={action}
        columns={columns}
        options={false}
        scroll={{ x: 1560 }}
        search={{ labelWidth: 'auto', searchText: '查询', resetText: '重置', collapseRender: false, defaultCollapsed: false, span: { xs: 24, sm: 24, md: 12, lg: 8, xl: 6, xxl: 6 } }}
        form={{ syncToUrl: false }}
        pagination={{ defaultPageSize: 20, showSizeChanger: false, showTotal: (total) => `共 ${total} 条` }}
        locale={{ emptyText: <p className="admin-empty">暂无符合条件的资质</p> }}
        request={async (params) => {
          try {
            const answer = await qualificationsApi.search({
              page: params.current ?? 1,
              pageSize: params.pageSize ?? 20,
              keyword: params.keyword?.trim() || undefined,
              type: params.type,
              state: params.state,
              region: params.region,
            });
            return { data: answer.items, total: answer.total, success: true };
          } catch (error) {
            if (!isUnauthenticated(error)) void message.error({ content: errorMessage(error), duration: 6 });
            return { data: [], total: 0, success: false };
          }
        }}
      />
      {revoking ? (
        <RevokeModal
          row={revoking}
          onClose={() => setRevoking(null)}
          onDone={() => {
            setRevoking(null);
            void message.success('资质已撤销');
            void action.current?.reload();
          }}
        />
      ) : null}
    </section>
  );
}
