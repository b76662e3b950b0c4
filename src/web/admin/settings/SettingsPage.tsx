import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, InputNumber, Progress, Radio, Table } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Navigate } from 'react-router';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { LoadError, Loading } from '../../components/QueryState';
import { errorMessage, isApiError } from '../../components/api';
import { adminApi } from '../adminApi';
import { ROUTES } from '../links';
import { ADMIN_NAME, useAdminMe } from '../me';
import type { SettingsData } from '../../../shared/schemas/admin-registrations';
import './settings.css';

const settingsKey = ['admin', 'settings'] as const;
const RADIOGROUP_ROLE = { role: 'radiogroup' } as Record<string, string>;
const shanghaiTime = (iso: string | null) => (iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '—');

/** Field errors of a 400 onto the form; other errors as one message. */
function useSubmit<T>(form: ReturnType<typeof Form.useForm<T>>[0], path: string, done: string) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (values: unknown) => {
    setBusy(true);
    setError(null);
    try {
      await adminApi.post(path, values);
      void message.success(done);
      await queryClient.invalidateQueries({ queryKey: settingsKey });
    } catch (e) {
      const fields = isApiError(e) ? e.fieldErrors : undefined;
      if (fields && Object.keys(fields).length > 0) form.setFields(Object.entries(fields).map(([name, errors]) => ({ name: name as never, errors: [errors] })));
      else setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return { submit, busy, error };
}

/** 【系统设置】 (部级 only): 填报时间, 提示事项, 指标体系, 【重新计算积分】. */
export default function SettingsPage() {
  useDocumentTitle(ADMIN_NAME, '系统设置');
  const me = useAdminMe();
  const ministry = me.data?.loggedIn && me.data.role === 'ministry';
  const settings = useQuery({
    queryKey: settingsKey,
    queryFn: () => adminApi.get<SettingsData>('/api/admin/settings'),
    enabled: ministry === true,
    // While a recomputation runs, its progress is polled.
    refetchInterval: (query) => (query.state.data?.runs.some((r) => r.status === 'running') ? 1500 : false),
  });
  if (me.data?.loggedIn && !ministry) return <Navigate to={ROUTES.dashboard} replace />;
  if (settings.isPending) return <Loading />;
  if (settings.isError) return <LoadError error={settings.error} onRetry={() => void settings.refetch()} />;
  const data = settings.data;
  return (
    <section className="admin-page settings" aria-labelledby="settings-title">
      <div className="admin-page__heading">
        <h1 id="settings-title" className="admin-page__title">
          系统设置
        </h1>
      </div>
      <WindowCard data={data} />
      <NoticeCard data={data} />
      <CatalogueCard data={data} />
      <RecomputeCard data={data} />
    </section>
  );
}

function WindowCard({ data }: { data: SettingsData }) {
  const [form] = Form.useForm<{ dataYear: number; opensOn: string; closesOn: string }>();
  const { submit, busy, error } = useSubmit(form, '/api/admin/settings/window', '填报时间已保存');
  useEffect(() => form.setFieldsValue({ dataYear: data.window.dataYear, opensOn: data.window.opensOn, closesOn: data.window.closesOn }), [data.window, form]);
  return (
    <Card title={<h2 className="settings-card__title">填报时间</h2>} size="small">
      {!data.window.configured ? <p className="admin-muted">尚未设置，当前按默认：全年开放，填报上一年度数据。</p> : null}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} className="settings-form settings-form--row">
        <Form.Item label="数据年度" name="dataYear" rules={[{ required: true, message: '请输入数据年度' }]}>
          <InputNumber min={2000} max={2100} precision={0} />
        </Form.Item>
        <Form.Item label="开始日期" name="opensOn" rules={[{ required: true, message: '请输入开始日期' }, { pattern: /^\d{4}-\d{2}-\d{2}$/, message: '日期格式为 YYYY-MM-DD' }]}>
          <Input placeholder="YYYY-MM-DD" maxLength={10} />
        </Form.Item>
        <Form.Item label="截止日期" name="closesOn" rules={[{ required: true, message: '请输入截止日期' }, { pattern: /^\d{4}-\d{2}-\d{2}$/, message: '日期格式为 YYYY-MM-DD' }]}>
          <Input placeholder="YYYY-MM-DD" maxLength={10} />
        </Form.Item>
        <Form.Item label=" ">
          <Button type="primary" htmlType="submit" loading={busy}>
            保存
          </Button>
        </Form.Item>
      </Form>
      {error ? <Alert type="error" showIcon message={error} /> : null}
    </Card>
  );
}

function NoticeCard({ data }: { data: SettingsData }) {
  const [form] = Form.useForm<{ title: string; body: string; changesDataUse: boolean }>();
  const { submit, busy, error } = useSubmit(form, '/api/admin/settings/notice', '已发布新版提示事项');
  useEffect(() => form.setFieldsValue({ title: data.notice.title, body: data.notice.body }), [data.notice, form]);
  return (
    <Card title={<h2 className="settings-card__title">提示事项</h2>} size="small">
      <p className="admin-muted">
        当前第{data.notice.version}版，发布于 {shanghaiTime(data.notice.createdAt)}。发布后企业填报前须重新阅读；变更信息使用范围时，企业须重新选择是否同意。
      </p>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} className="settings-form">
        <Form.Item label="标题" name="title" rules={[{ required: true, message: '请输入标题' }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item label="提示事项内容" name="body" rules={[{ required: true, message: '请输入提示事项内容' }]} extra="纯文本，空一行为新段落">
          <Input.TextArea rows={8} maxLength={10000} />
        </Form.Item>
        <Form.Item label="是否变更信息使用范围" name="changesDataUse" rules={[{ required: true, message: '请选择是否变更信息使用范围' }]}>
          <Radio.Group
            // antd's Form.Item gives the group aria-required / aria-invalid: only allowed with this role (axe).
            {...RADIOGROUP_ROLE}
            aria-label="是否变更信息使用范围"
            options={[
              { value: false, label: '否' },
              { value: true, label: '是（企业须重新选择是否同意）' },
            ]}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          发布新版本
        </Button>
      </Form>
      {error ? <Alert type="error" showIcon message={error} /> : null}
    </Card>
  );
}

function CatalogueCard({ data }: { data: SettingsData }) {
  const [form] = Form.useForm<{ body: string }>();
  const { submit, busy, error } = useSubmit(form, '/api/admin/settings/catalogue', '已发布新版指标体系');
  useEffect(() => form.setFieldsValue({ body: data.catalogue.body }), [data.catalogue, form]);
  return (
    <Card title={<h2 className="settings-card__title">指标体系</h2>} size="small">
      <p className="admin-muted">当前版本 {data.catalogue.version}。修改后请填写新的版本号（version）；权重与阶段划分须在填报指引规定的范围内。发布后请【重新计算积分】。</p>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} className="settings-form">
        <Form.Item label="指标体系（JSON）" name="body" rules={[{ required: true, message: '请输入指标体系' }]}>
          <Input.TextArea rows={12} spellCheck={false} className="settings-code" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          发布新版本
        </Button>
      </Form>
      {error ? <Alert type="error" showIcon message={error} /> : null}
    </Card>
  );
}

function RecomputeCard({ data }: { data: SettingsData }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const running = data.runs.find((r) => r.status === 'running');
  const start = async () => {
    setBusy(true);
    try {
      await adminApi.post('/api/admin/settings/recompute', {});
      void message.success('已开始重新计算积分');
      // The run row appears a moment later.
      setTimeout(() => void queryClient.invalidateQueries({ queryKey: settingsKey }), 500);
    } catch (e) {
      void message.error({ content: isApiError(e) && e.fieldErrors?.dataYear ? e.fieldErrors.dataYear : errorMessage(e), duration: 6 });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={<h2 className="settings-card__title">重新计算积分</h2>} size="small">
      <p className="admin-muted">按当前指标体系重新计算数据年度 {data.window.dataYear} 全部已提交登记的创新积分。</p>
      <Button type="primary" onClick={() => void start()} loading={busy} disabled={running !== undefined}>
        重新计算积分
      </Button>
      {running ? (
        <div role="status" aria-live="polite" className="settings-progress">
          <Progress percent={running.totalRows > 0 ? Math.floor((running.processedRows / running.totalRows) * 100) : 0} status="active" />
          <span>
            已处理 {running.processedRows} / {running.totalRows}
          </span>
        </div>
      ) : null}
      <Table
        className="settings-runs"
        size="small"
        rowKey="id"
        pagination={false}
        scroll={{ x: 640 }}
        dataSource={data.runs}
        locale={{ emptyText: '暂无计算记录' }}
        columns={[
          { title: '开始时间', dataIndex: 'startedAt', render: (v: string) => shanghaiTime(v) },
          { title: '指标体系版本', dataIndex: 'catalogueVersion' },
          { title: '状态', dataIndex: 'statusLabel' },
          { title: '处理', render: (_: unknown, r: SettingsData['runs'][number]) => `${r.processedRows} / ${r.totalRows}` },
          { title: '变化', dataIndex: 'changedRows' },
          { title: '完成时间', dataIndex: 'finishedAt', render: (v: string | null) => shanghaiTime(v) },
        ]}
      />
    </Card>
  );
}
