import { useRef, useState } from 'react';
import { Alert, App, Button, Checkbox, Input, Modal, Progress } from 'antd';
import { ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { Link } from 'react-router';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { errorMessage, isApiError } from '../../components/api';
import { isUnauthenticated } from '../adminApi';
import { regionLabel } from '../format';
import { registrationPath } from '../links';
import { ADMIN_NAME, useAdminMe } from '../me';
import { QUALIFICATION_TYPES, QUALIFICATION_TYPE_LABELS } from '../../../shared/qualification-labels';
import { ENTERPRISE_SIZES } from '../../../shared/enterprise-size';
import { INDUSTRY_SECTIONS } from '../../../shared/scoring/values';
import { provinceOptions } from '../../../shared/operator-regions';
import { REGISTRATION_STATUS_FILTER_LABELS, STAGE_FILTER_LABELS, type RegistrationFilterInput, type RegistrationItem } from '../../../shared/schemas/admin-registrations';
import { exportRegistrations, registrationsApi } from './api';
import './registrations.css';

interface Params {
  keyword?: string;
  region?: string;
  section?: string;
  qualification?: RegistrationFilterInput['qualification'];
  size?: RegistrationFilterInput['size'];
  stage?: RegistrationFilterInput['stage'];
  status?: RegistrationFilterInput['status'];
  scoreRange?: [number | undefined, number | undefined];
  submittedRange?: [string, string];
}

const enumOf = (entries: [string, string][]) => Object.fromEntries(entries.map(([k, v]) => [k, { text: v }]));

function filterOf(p: Params): RegistrationFilterInput {
  const min = p.scoreRange?.[0];
  const max = p.scoreRange?.[1];
  return {
    keyword: p.keyword?.trim() || undefined,
    region: p.region,
    section: p.section,
    qualification: p.qualification,
    size: p.size,
    stage: p.stage,
    status: p.status,
    scoreMin: typeof min === 'number' ? min : undefined,
    scoreMax: typeof max === 'number' ? max : undefined,
    submittedFrom: p.submittedRange?.[0] || undefined,
    submittedTo: p.submittedRange?.[1] || undefined,
  };
}

/**
 * 【登记查询】: registrations of the operator's region (the server scopes every query), filters
 * in the request body, server-side paging, 【导出】 of the filtered set as XLSX with progress.
 */
export default function RegistrationsPage() {
  useDocumentTitle(ADMIN_NAME, '登记查询');
  const me = useAdminMe();
  const { message } = App.useApp();
  const action = useRef<ActionType>(undefined);
  const operator = me.data?.loggedIn ? me.data : null;
  const [filter, setFilter] = useState<RegistrationFilterInput>({});
  const [total, setTotal] = useState(0);
  const [exportOpen, setExportOpen] = useState(false);

  const columns: ProColumns<RegistrationItem, 'text'>[] = [
    { title: '关键词', dataIndex: 'keyword', hideInTable: true, fieldProps: { placeholder: '统一社会信用代码或企业名称', maxLength: 60 } },
    {
      title: '企业名称',
      dataIndex: 'enterpriseName',
      search: false,
      width: 220,
      render: (_, row) => <Link to={registrationPath(row.id)}>{row.enterpriseName ?? row.uscc}</Link>,
    },
    { title: '统一社会信用代码', dataIndex: 'uscc', search: false, width: 180, render: (_, row) => <span className="admin-nowrap">{row.uscc}</span> },
    {
      title: '地区',
      dataIndex: 'region',
      width: 150,
      valueType: 'select',
      hideInSearch: operator?.role !== 'ministry',
      fieldProps: { showSearch: true, optionFilterProp: 'label' },
      valueEnum: Object.fromEntries(provinceOptions.map((p) => [p.code, { text: p.name }])),
      render: (_, row) => row.regionLabel || regionLabel(row.regionCode),
    },
    {
      title: '所属行业',
      dataIndex: 'section',
      width: 200,
      valueType: 'select',
      ellipsis: true,
      valueEnum: enumOf(INDUSTRY_SECTIONS.map((s) => [s.code, `${s.code} ${s.name}`])),
      render: (_, row) => <span title={row.industryLabel}>{row.industryLabel.split(' / ').pop()}</span>,
    },
    { title: '资质', dataIndex: 'qualification', hideInTable: true, valueType: 'select', valueEnum: enumOf(QUALIFICATION_TYPES.map((t) => [t, QUALIFICATION_TYPE_LABELS[t]])) },
    { title: '企业规模', dataIndex: 'size', width: 90, valueType: 'select', valueEnum: enumOf(ENTERPRISE_SIZES.map((s) => [s, s])) },
    { title: '发展阶段', dataIndex: 'stage', width: 90, valueType: 'select', valueEnum: enumOf(Object.entries(STAGE_FILTER_LABELS)), render: (_, row) => row.stageLabel ?? '—' },
    {
      title: '创新积分',
      dataIndex: 'scoreRange',
      width: 100,
      valueType: 'digitRange',
      fieldProps: { min: 0, max: 1000, precision: 2 },
      render: (_, row) => (row.score === null ? '—' : row.score.toFixed(2)),
    },
    { title: '状态', dataIndex: 'status', width: 90, valueType: 'select', valueEnum: enumOf(Object.entries(REGISTRATION_STATUS_FILTER_LABELS)), render: (_, row) => row.statusLabel },
    {
      title: '提交日期',
      dataIndex: 'submittedRange',
      width: 120,
      valueType: 'dateRange',
      render: (_, row) => new Date(row.submittedAt).toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' }),
    },
    {
      title: '操作',
      key: 'actions',
      search: false,
      width: 80,
      fixed: 'right',
      render: (_, row) => (
        <Link to={registrationPath(row.id)} aria-label={`查看：${row.enterpriseName ?? row.uscc}`}>
          查看
        </Link>
      ),
    },
  ];

  return (
    <section className="admin-page" aria-labelledby="registrations-title">
      <div className="admin-page__heading">
        <h1 id="registrations-title" className="admin-page__title">
          登记查询
        </h1>
        <Button type="primary" disabled={total === 0} onClick={() => setExportOpen(true)}>
          导出
        </Button>
      </div>
      <p className="admin-page__intro">{operator?.role === 'ministry' ? '全国' : regionLabel(operator?.regionCode)}企业的创新积分登记信息。联系人信息脱敏显示。</p>
      <ProTable<RegistrationItem, Params>
        rowKey="id"
        size="middle"
        actionRef={action}
        columns={columns}
        options={false}
        scroll={{ x: 1400 }}
        search={{ labelWidth: 'auto', searchText: '查询', resetText: '重置', collapseRender: false, defaultCollapsed: false, span: { xs: 24, sm: 24, md: 12, lg: 8, xl: 6, xxl: 6 } }}
        form={{ syncToUrl: false }}
        pagination={{ defaultPageSize: 20, showSizeChanger: false, showTotal: (n) => `共 ${n} 条` }}
        locale={{ emptyText: <p className="admin-empty">暂无符合条件的登记</p> }}
        request={async (params) => {
          const next = filterOf(params as Params);
          try {
            const answer = await registrationsApi.search({ filter: next, page: params.current ?? 1, pageSize: params.pageSize ?? 20 });
            setFilter(next);
            setTotal(answer.total);
            return { data: answer.items, total: answer.total, success: true };
          } catch (error) {
            if (!isUnauthenticated(error)) void message.error({ content: errorMessage(error), duration: 6 });
            return { data: [], total: 0, success: false };
          }
        }}
      />
      {exportOpen ? <ExportModal filter={filter} total={total} mayUnmask={operator?.role === 'ministry'} onClose={() => setExportOpen(false)} /> : null}
    </section>
  );
}

/** 【导出】: the current filter's rows; 部级 may ask for full 联系人信息 with a reason (audited). */
function ExportModal({ filter, total, mayUnmask, onClose }: { filter: RegistrationFilterInput; total: number; mayUnmask: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const [unmasked, setUnmasked] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ received: number } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const start = async () => {
    setError(null);
    if (unmasked && reason.trim().length < 2) {
      setReasonError('请填写导出完整个人信息的原因');
      return;
    }
    setProgress({ received: 0 });
    try {
      await exportRegistrations({ filter, unmasked, reason: unmasked ? reason.trim() : undefined }, (received) => setProgress({ received }));
      void message.success(`已导出 ${total} 条登记`);
      onClose();
    } catch (e) {
      setProgress(null);
      if (isApiError(e) && e.fieldErrors?.reason) setReasonError(e.fieldErrors.reason);
      else setError(errorMessage(e));
    }
  };

  return (
    <Modal
      open
      title="导出登记数据"
      okText="导出"
      cancelText="取消"
      onOk={() => void start()}
      onCancel={onClose}
      okButtonProps={{ loading: progress !== null }}
      cancelButtonProps={{ disabled: progress !== null }}
      closable={progress === null}
      maskClosable={false}
    >
      <p>将导出当前查询条件下的 {total} 条登记（XLSX）。联系人、联系人手机脱敏导出。</p>
      {mayUnmask ? (
        <div className="registration-export__unmask">
          <Checkbox checked={unmasked} onChange={(e) => setUnmasked(e.target.checked)} disabled={progress !== null}>
            导出完整联系人信息（将记入审计日志）
          </Checkbox>
          {unmasked ? (
            <label className="registration-export__reason">
              <span>导出原因</span>
              <Input.TextArea
                value={reason}
                maxLength={200}
                rows={2}
                status={reasonError ? 'error' : undefined}
                aria-invalid={reasonError ? true : undefined}
                aria-describedby={reasonError ? 'export-reason-error' : undefined}
                onChange={(e) => {
                  setReason(e.target.value);
                  setReasonError(null);
                }}
              />
              {reasonError ? (
                <span id="export-reason-error" className="registration-export__error" role="alert">
                  {reasonError}
                </span>
              ) : null}
            </label>
          ) : null}
        </div>
      ) : null}
      {progress ? (
        <div className="registration-export__progress" role="status" aria-live="polite">
          {/* Estimated from the bytes (a compressed row is roughly 120 bytes); 100 % once saved. */}
          <Progress percent={Math.min(95, Math.round((progress.received / Math.max(1, total * 120)) * 100))} status="active" />
          <span>正在生成文件，已接收 {Math.ceil(progress.received / 1024)} KB…</span>
        </div>
      ) : null}
      {error ? <Alert type="error" showIcon message={error} /> : null}
    </Modal>
  );
}
