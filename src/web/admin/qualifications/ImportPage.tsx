import { useState } from 'react';
import { Alert, App, Button, Form, Progress, Radio, Result, Steps, Table, Tag, Upload, type TableColumnsType } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { LoadError, Loading } from '../../components/QueryState';
import { errorMessage } from '../../components/api';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { isUnauthenticated } from '../adminApi';
import { ROUTES } from '../links';
import { ADMIN_NAME, useAdminMe } from '../me';
import type { QualificationType } from '../../../shared/qualification-labels';
import { IMPORT_MAX_BYTES, importTemplateTitle, mayImport } from '../../../shared/qualification-import';
import type { ImportJobView } from '../../../shared/schemas/qualifications';
import { errorReportUrl, qualificationsApi, templateUrl } from './api';
import './qualifications.css';

/** The tiers in order (创新型 → 专精特新 → 小巨人), then 科技型中小企业 入库. */
const IMPORT_ORDER: readonly QualificationType[] = ['cxx', 'zjtx', 'xjr', 'kjx'];

const importPath = (id: string) => `${ROUTES.qualifications}/import/${encodeURIComponent(id)}`;

/** 【导入】: choose the type, download its template, upload CSV or XLSX; then the job page below. */
export default function ImportPage() {
  const { id } = useParams();
  useDocumentTitle(ADMIN_NAME, '导入资质');
  return (
    <section className="admin-page" aria-labelledby="import-title">
      <div className="admin-page__heading">
        <h1 id="import-title" className="admin-page__title">
          导入资质
        </h1>
        <Link to={ROUTES.qualifications}>返回资质管理</Link>
      </div>
      {id ? <ImportJob id={id} /> : <UploadStep />}
    </section>
  );
}

function UploadStep() {
  const me = useAdminMe();
  const navigate = useNavigate();
  const operator = me.data?.loggedIn ? me.data : null;
  const types = IMPORT_ORDER.filter((t) => operator && mayImport(operator.role, t));
  const [type, setType] = useState<QualificationType | undefined>(types[0]);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const upload = useMutation({
    mutationFn: () => qualificationsApi.upload(type!, file!),
    onSuccess: ({ id }) => navigate(importPath(id)),
  });

  if (!operator) return <Loading />;
  if (types.length === 0) return <Alert type="info" showIcon message="您的账号没有导入资质的权限" />;

  return (
    <div className="import-panel">
      <Steps size="small" current={0} items={[{ title: '上传文件' }, { title: '校验预览' }, { title: '确认导入' }, { title: '完成' }]} />
      <Form layout="vertical" requiredMark>
        <Form.Item label="资质类型" required>
          <Radio.Group value={type} onChange={(e) => setType(e.target.value)} optionType="button" options={types.map((t) => ({ value: t, label: importTemplateTitle(t) }))} />
        </Form.Item>
        {type ? (
          <Form.Item label="导入模板">
            <div className="import-panel__templates">
              <span>{importTemplateTitle(type)}导入模板：</span>
              <a href={templateUrl(type, 'xlsx')} download>
                下载XLSX模板
              </a>
              <a href={templateUrl(type, 'csv')} download>
                下载CSV模板
              </a>
            </div>
          </Form.Item>
        ) : null}
        <Form.Item label="导入文件" required validateStatus={fileError ? 'error' : undefined} help={fileError ?? '支持CSV（UTF-8或GBK编码）和XLSX文件，不超过300MB；仅读取第一个工作表'}>
          <Upload.Dragger
            accept=".csv,.xlsx"
            maxCount={1}
            beforeUpload={(f) => {
              const okName = /\.(csv|xlsx)$/i.test(f.name);
              setFileError(!okName ? '文件格式不支持，请上传CSV或XLSX文件' : f.size > IMPORT_MAX_BYTES ? '文件大小不能超过300MB' : null);
              setFile(okName && f.size <= IMPORT_MAX_BYTES ? f : null);
              return false;
            }}
            onRemove={() => setFile(null)}
            fileList={file ? [{ uid: 'file', name: file.name, status: 'done' }] : []}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">点击或将文件拖到此处选择文件</p>
          </Upload.Dragger>
        </Form.Item>
      </Form>
      {upload.isError && !isUnauthenticated(upload.error) ? <Alert type="error" showIcon message={errorMessage(upload.error)} /> : null}
      <div className="import-panel__actions">
        <Button type="primary" disabled={!type || !file} loading={upload.isPending} onClick={() => upload.mutate()}>
          上传并校验
        </Button>
      </div>
    </div>
  );
}

const running = (job: ImportJobView | undefined) => !job || job.status === 'queued' || job.status === 'running';

function ImportJob({ id }: { id: string }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const job = useQuery({
    queryKey: ['admin', 'qualification-import', id],
    queryFn: ({ signal }) => qualificationsApi.job(id, signal),
    refetchInterval: (query) => (running(query.state.data) ? 1000 : false),
    staleTime: 0,
  });
  const act = useMutation({
    mutationFn: (what: 'confirm' | 'cancel') => (what === 'confirm' ? qualificationsApi.confirm(id) : qualificationsApi.cancel(id)),
    onSuccess: (_d, what) => {
      if (what === 'cancel') void message.success('已取消导入');
      void queryClient.invalidateQueries({ queryKey: ['admin', 'qualification-import', id] });
    },
    onError: (error) => {
      if (!isUnauthenticated(error)) void message.error({ content: errorMessage(error), duration: 6 });
      void queryClient.invalidateQueries({ queryKey: ['admin', 'qualification-import', id] });
    },
  });

  if (job.isPending) return <Loading />;
  if (job.isError) return <LoadError error={job.error} onRetry={() => void job.refetch()} />;
  const view = job.data;
  const result = view.result;
  const step = view.phase === 'check' ? (view.status === 'waiting' ? 2 : 1) : view.status === 'succeeded' ? 3 : 2;
  const stepStatus = view.status === 'failed' ? 'error' : view.status === 'succeeded' ? 'finish' : 'process';

  return (
    <div className="import-panel">
      <Steps size="small" current={step} status={stepStatus} items={[{ title: '上传文件' }, { title: '校验预览' }, { title: '确认导入' }, { title: '完成' }]} />
      <p className="admin-page__intro">
        {view.typeLabel} · 文件：{view.fileName} · 状态：<Tag>{view.statusLabel}</Tag>
      </p>
      {running(view) ? (
        <div role="status" aria-live="polite">
          <p>{view.phase === 'check' ? '正在读取并校验文件…' : '正在导入…'}</p>
          <Progress percent={view.progress.percent} status="active" aria-label={view.phase === 'check' ? '校验进度' : '导入进度'} />
        </div>
      ) : null}
      {view.status === 'failed' ? (
        <Result status="error" title="导入失败" subTitle={view.error ?? '处理失败，请稍后重新导入'} extra={<Button onClick={() => navigate(`${ROUTES.qualifications}/import`)}>重新上传</Button>} />
      ) : null}
      {view.status === 'cancelled' ? <Alert type="info" showIcon message="本次导入已取消，未写入任何数据" /> : null}
      {view.status === 'succeeded' && result ? (
        <Result
          status="success"
          title="导入完成"
          subTitle={`新增 ${result.inserted} 条，更新 ${result.updated} 条，无变化 ${result.unchanged} 条；错误 ${result.invalid} 行未导入`}
          extra={
            <div className="import-panel__actions" style={{ justifyContent: 'center' }}>
              <Button type="primary" onClick={() => navigate(ROUTES.qualifications)}>
                返回资质管理
              </Button>
              <Button onClick={() => navigate(`${ROUTES.qualifications}/import`)}>继续导入</Button>
            </div>
          }
        />
      ) : null}
      {result && view.status !== 'failed' ? <Summary view={view} /> : null}
      {view.status === 'waiting' && result ? (
        <div className="import-panel__actions">
          <Button type="primary" disabled={result.valid === 0} loading={act.isPending && act.variables === 'confirm'} onClick={() => act.mutate('confirm')}>
            确认导入
          </Button>
          <Button disabled={act.isPending} onClick={() => act.mutate('cancel')}>
            取消
          </Button>
        </div>
      ) : null}
    </div>
  );
}

const errorColumns: TableColumnsType<{ row: number; column: string; reason: string }> = [
  { title: '行号', dataIndex: 'row', key: 'row', width: 70 },
  { title: '列', dataIndex: 'column', key: 'column', width: 160 },
  { title: '错误原因', dataIndex: 'reason', key: 'reason' },
];

/** Counts, the first rows of the file and the row errors (all of them in the CSV report). */
function Summary({ view }: { view: ImportJobView }) {
  const result = view.result!;
  const [uscc, name, certNo, batch, recognizedOn, validUntil, authority] = view.columns;
  const previewColumns: TableColumnsType<(typeof result.preview)[number]> = [
    { title: '行号', dataIndex: 'row', key: 'row', width: 60 },
    { title: uscc, key: 'uscc', width: 180, render: (_, r) => r.values.uscc },
    { title: name, key: 'name', width: 200, render: (_, r) => r.values.name },
    { title: certNo, key: 'certNo', width: 140, render: (_, r) => r.values.certNo },
    { title: batch, key: 'batch', width: 120, render: (_, r) => r.values.batch },
    { title: recognizedOn, key: 'recognizedOn', width: 110, render: (_, r) => r.values.recognizedOn || '—' },
    { title: validUntil, key: 'validUntil', width: 110, render: (_, r) => r.values.validUntil || '—' },
    { title: authority, key: 'authority', width: 160, render: (_, r) => r.values.authority },
    { title: '校验', key: 'ok', width: 70, fixed: 'right', render: (_, r) => (r.ok ? <Tag color="#237804">通过</Tag> : <Tag color="#cf1322">错误</Tag>) },
  ];
  return (
    <>
      <ul className="import-stats" aria-label="校验结果">
        <li>
          共 <strong>{result.total}</strong> 行
        </li>
        <li>
          可导入 <strong>{result.valid}</strong> 行（新增 {result.inserted}，更新 {result.updated}，无变化 {result.unchanged}）
        </li>
        <li>
          错误 <strong>{result.invalid}</strong> 行
        </li>
      </ul>
      {view.status === 'waiting' && result.invalid > 0 ? <Alert type="warning" showIcon message={`有 ${result.invalid} 行数据有错误，确认导入时将跳过这些行；可下载错误报告修改后重新导入。`} /> : null}
      <h2 className="import-section-title">数据预览（前 {result.preview.length} 行）</h2>
      <Table rowKey="row" size="small" columns={previewColumns} dataSource={result.preview} pagination={false} scroll={{ x: 1150 }} />
      {result.errorCount > 0 ? (
        <>
          <div className="admin-page__heading">
            <h2 className="import-section-title">错误明细{result.errorCount > result.errors.length ? `（前 ${result.errors.length} 条，共 ${result.errorCount} 条）` : ''}</h2>
            {result.hasErrorReport ? (
              <a href={errorReportUrl(view.id)} download>
                下载错误报告
              </a>
            ) : null}
          </div>
          <Table rowKey={(r) => `${r.row}-${r.column}`} size="small" columns={errorColumns} dataSource={result.errors} pagination={result.errors.length > 10 ? { pageSize: 10, showSizeChanger: false } : false} />
        </>
      ) : null}
    </>
  );
}
