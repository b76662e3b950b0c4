import { useRef } from 'react';
import { Button } from 'antd';
import { ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { useNavigate } from 'react-router';
import { api, errorMessage } from '../../components/api';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { INSTITUTION_NAME, PATHS, useProfile } from '../me';
import { financingSummary, regionLabel } from '../format';
import { INSTITUTION_ROUTES, STAGE_LABELS, type ListResponse } from '../../../shared/schemas/institution';
import { QUALIFICATION_TYPES, QUALIFICATION_TYPE_LABELS } from '../../../shared/qualification-labels';
import { FINANCING_METHODS, FINANCING_METHOD_LABELS } from '../../../shared/schemas/registration';
import { INDUSTRY_SECTIONS } from '../../../shared/scoring/values';

type Item = ListResponse['data'][number];

interface Filters {
  region?: string;
  industry?: string;
  qualification?: string;
  stage?: string;
  score?: [number | undefined, number | undefined];
  amount?: [number | undefined, number | undefined];
  term?: [number | undefined, number | undefined];
  method?: string;
}

const num = (v: unknown) => (v === undefined || v === null || v === '' ? undefined : Number(v));

/** 【企业名单】: consenting enterprises in the institution's regions, by score; filters in the POST body; no export. */
export default function EnterprisesPage() {
  useDocumentTitle(INSTITUTION_NAME, '企业名单');
  const profile = useProfile(true);
  const navigate = useNavigate();
  const action = useRef<ActionType>(undefined);
  const regions = profile.data?.regions ?? [];

  const columns: ProColumns<Item>[] = [
    { title: '企业名称', dataIndex: 'name', search: false, width: 220, render: (_, row) => <Button type="link" className="institution-name-link" onClick={() => navigate(PATHS.enterprise, { state: { uscc: row.uscc } })}>{row.name}</Button> },
    { title: '地区', dataIndex: 'region', width: 150, valueType: 'select', valueEnum: Object.fromEntries(regions.map((code) => [code, { text: regionLabel(code) }])), render: (_, row) => regionLabel(row.regionCode) },
    {
      title: '所属行业',
      dataIndex: 'industry',
      width: 180,
      valueType: 'select',
      fieldProps: { showSearch: true, optionFilterProp: 'label' },
      valueEnum: Object.fromEntries(INDUSTRY_SECTIONS.map((s) => [s.code, { text: `${s.code} ${s.name}` }])),
      render: (_, row) => row.industryName,
    },
    { title: '资质', dataIndex: 'qualification', hideInTable: true, valueType: 'select', valueEnum: Object.fromEntries(QUALIFICATION_TYPES.map((t) => [t, { text: QUALIFICATION_TYPE_LABELS[t] }])) },
    { title: '发展阶段', dataIndex: 'stage', width: 100, valueType: 'select', valueEnum: Object.fromEntries(Object.entries(STAGE_LABELS).map(([k, v]) => [k, { text: v }])), render: (_, row) => STAGE_LABELS[row.stage as keyof typeof STAGE_LABELS] ?? row.stage },
    { title: '创新积分', dataIndex: 'score', width: 110, search: false, sorter: true, defaultSortOrder: 'descend', render: (_, row) => Math.round(Number(row.score)) },
    { title: '积分区间', dataIndex: 'score', key: 'scoreBand', hideInTable: true, valueType: 'digitRange', fieldProps: { min: 0, max: 1000 } },
    { title: '融资需求', dataIndex: 'financing', search: false, width: 260, render: (_, row) => financingSummary(row.financing) },
    { title: '融资金额（万元）', dataIndex: 'amount', hideInTable: true, valueType: 'digitRange', fieldProps: { min: 0 } },
    { title: '融资期限（月）', dataIndex: 'term', hideInTable: true, valueType: 'digitRange', fieldProps: { min: 1, max: 600 } },
    { title: '意向融资方式', dataIndex: 'method', hideInTable: true, valueType: 'select', valueEnum: Object.fromEntries(FINANCING_METHODS.map((m) => [m, { text: FINANCING_METHOD_LABELS[m] }])) },
    {
      title: '操作',
      key: 'actions',
      search: false,
      width: 90,
      fixed: 'right',
      render: (_, row) => (
        <Button type="link" size="small" aria-label={`查看：${row.name}`} onClick={() => navigate(PATHS.enterprise, { state: { uscc: row.uscc } })}>
          查看
        </Button>
      ),
    },
  ];

  return (
    <section className="admin-page" aria-labelledby="enterprises-title">
      <div className="admin-page__heading">
        <h1 id="enterprises-title" className="admin-page__title">
          企业名单
        </h1>
      </div>
      <p className="admin-page__intro">
        {profile.data ? `${profile.data.institution}服务地区（${regions.map(regionLabel).join('、')}）内` : ''}已提交创新积分登记并同意向合作金融机构推送信息的企业。企业撤回授权后即不再显示。
      </p>
      <ProTable<Item, Filters & { score?: unknown }>
        rowKey="uscc"
        size="middle"
        actionRef={action}
        columns={columns}
        options={false}
        scroll={{ x: 1320 }}
        search={{ labelWidth: 'auto', searchText: '查询', resetText: '重置', collapseRender: false, defaultCollapsed: false, span: { xs: 24, sm: 24, md: 12, lg: 8, xl: 6, xxl: 6 } }}
        form={{ syncToUrl: false }}
        pagination={{ defaultPageSize: 20, showSizeChanger: false, showTotal: (total) => `共 ${total} 家` }}
        locale={{ emptyText: <p className="admin-empty">暂无符合条件的企业</p> }}
        request={async (params, sort) => {
          const p = params as Filters & { current?: number; pageSize?: number; score?: unknown; scoreBand?: [unknown, unknown] };
          const band = (Array.isArray(p.score) ? p.score : p.scoreBand) as [unknown, unknown] | undefined;
          try {
            return await api.post<ListResponse>(INSTITUTION_ROUTES.list, {
              current: p.current ?? 1,
              pageSize: p.pageSize ?? 20,
              sort: sort?.score === 'ascend' ? 'score_asc' : 'score_desc',
              region: p.region || undefined,
              industry: p.industry || undefined,
              qualification: p.qualification || undefined,
              stage: p.stage || undefined,
              scoreMin: num(band?.[0]),
              scoreMax: num(band?.[1]),
              amountMin: num(p.amount?.[0]),
              amountMax: num(p.amount?.[1]),
              termMin: num(p.term?.[0]),
              termMax: num(p.term?.[1]),
              method: p.method || undefined,
            });
          } catch (error) {
            return { data: [], total: 0, success: false, errorMessage: errorMessage(error) };
          }
        }}
      />
    </section>
  );
}
