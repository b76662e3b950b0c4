import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App, Button, Descriptions, Form, Space, Tag } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api, errorMessage, isApiError } from '../../components/api';
import { FormAlert } from '../../components/form/SubmitForm';
import { LoadError, Loading } from '../../components/QueryState';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { formatShanghaiDateTime } from '../../../shared/datetime';
import catalogueSeed from '../../../shared/data/indicator-catalogue.json';
import {
  DRAFT_SAVED_MESSAGE,
  FINANCING_ROUTES,
  REGISTRATION_STATUS_LABELS,
  registrationPayloadSchema,
  SUBMITTED_MESSAGE,
  type DraftSaved,
  type FormState,
  type SubmitAnswer,
} from '../../../shared/schemas/registration';
import { PLATFORM_NAME } from '../me';
import { useLoginWhenUnauthenticated } from './FinancingEntryPage';
import { sameDraft, toDraft, toFormValues, toPayload, type FormValues } from './formValues';
import { clearLocalCopy, readLocalCopy, writeLocalCopy, type LocalCopy } from './localCopy';
import { FINANCING_PATHS, SCORE_PATH } from './links';
import { BasicSection, IndicatorSection, OptionalSection, type CatalogueEntry } from './RegistrationSections';
import { VersionHistory } from './VersionHistory';
import './financing.css';

/** Seconds of quiet typing before the draft is saved to the server. */
const AUTOSAVE_DELAY_MS = 2_000;
/** Refusals after which autosave stops until the page is reloaded (the person decides). */
const BLOCKING_CODES = new Set(['FILING_CLOSED', 'REVISION_CONFLICT', 'FINANCING_NOTICE_UNREAD']);
/** Refusals of the gate: back to 【去登记】, which shows its dialog. */
const GATE_CODES = new Set(['FINANCING_NATURAL', 'FINANCING_NOT_OPEN', 'FINANCING_PROFILE_INCOMPLETE']);

const formQueryKey = ['financing', 'form'] as const;
const catalogue: CatalogueEntry[] = catalogueSeed.indicators;

/** The form values as the shared schema reads them. */
const prepare = (values: Record<string, unknown>) => toPayload(values as FormValues) as Record<string, unknown>;

const time = (iso: string) => formatShanghaiDateTime(iso, 'second');

/** The registration form (form.md) of the current 数据年度, after the 提示事项. */
export default function RegistrationPage() {
  const navigate = useNavigate();
  const state = useQuery({
    queryKey: formQueryKey,
    queryFn: ({ signal }) => api.get<FormState>(FINANCING_ROUTES.form, { signal }),
    staleTime: 0,
    gcTime: 0,
  });
  const toLogin = useLoginWhenUnauthenticated(state.error, FINANCING_PATHS.entry);
  useDocumentTitle(PLATFORM_NAME, '创新积分信息登记');
  const gateRefused = isApiError(state.error) && (state.error.status === 403 || (state.error.status === 409 && GATE_CODES.has(state.error.code)));
  const noticeFirst = state.data !== undefined && state.data.editable && state.data.noticeReadyAt === null;
  useEffect(() => {
    if (gateRefused || noticeFirst) navigate(FINANCING_PATHS.entry, { replace: true });
  }, [gateRefused, noticeFirst, navigate]);

  let body;
  if (state.isPending || toLogin || gateRefused || noticeFirst) body = <Loading />;
  else if (state.error || !state.data) body = <LoadError error={state.error} onRetry={() => void state.refetch()} />;
  else body = <RegistrationForm key={`${state.data.revision}-${state.dataUpdatedAt}`} initial={state.data} />;
  return <div className="site-container financing-page">{body}</div>;
}

type SaveStatus = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: string } | { kind: 'dirty' } | { kind: 'refused'; message: string };

function RegistrationForm({ initial }: { initial: FormState }) {
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm();
  const [current, setCurrent] = useState<FormState>(initial);
  const [alert, setAlert] = useState<string | null>(initial.window.open ? null : '当前不在填报时间内');
  const [saveStatus, setSaveStatus] = useState<SaveStatus>(initial.draftSavedAt ? { kind: 'saved', at: initial.draftSavedAt } : { kind: 'idle' });
  const [submitting, setSubmitting] = useState(false);
  const [submitted, setSubmitted] = useState<SubmitAnswer | null>(null);
  const [localCopy, setLocalCopy] = useState<LocalCopy | null>(null);
  const uscc = initial.enterprise.uscc;
  const dataYear = initial.dataYear;
  const editable = current.editable;

  // What the server holds and the revision to send with the next save.
  const revision = useRef(initial.revision);
  const stored = useRef<FormValues>(toFormValues(initial.values));
  const timer = useRef<number | undefined>(undefined);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const blocked = useRef<string | null>(null);
  const busy = useRef(false);
  const top = useRef<HTMLDivElement>(null);

  const initialValues = useMemo(() => toFormValues(initial.values), [initial.values]);

  // A copy of typing the server never accepted: restored when it starts from the stored
  // revision (a reload before the autosave ran), else offered.
  useEffect(() => {
    const copy = readLocalCopy(uscc, dataYear);
    if (!copy) return;
    if (sameDraft(copy.values, stored.current)) {
      clearLocalCopy(uscc, dataYear);
      return;
    }
    if (initial.editable && copy.revision === initial.revision) {
      form.setFieldsValue(toFormValues(copy.values));
      setSaveStatus({ kind: 'dirty' });
      scheduleSave();
    } else setLocalCopy(copy);
    // Once, for the loaded state.
  }, []);

  useEffect(() => () => window.clearTimeout(timer.current), []);

  const valuesNow = useCallback(() => form.getFieldsValue(true) as FormValues, [form]);

  const keepLocally = useCallback(() => {
    writeLocalCopy({ uscc, dataYear, revision: revision.current, savedAt: new Date().toISOString(), values: valuesNow() });
  }, [uscc, dataYear, valuesNow]);

  /** One save at a time, in order; resolves true when the server holds the values. */
  const save = useCallback(
    (route: string, manual: boolean): Promise<boolean> => {
      const run = async (): Promise<boolean> => {
        const values = valuesNow();
        if (!manual && (blocked.current || sameDraft(values, stored.current))) return blocked.current === null;
        setSaveStatus({ kind: 'saving' });
        try {
          const saved = await api.post<DraftSaved>(route, { revision: revision.current, ...toDraft(values) });
          revision.current = saved.revision;
          stored.current = values;
          blocked.current = null;
          if (sameDraft(valuesNow(), values)) {
            clearLocalCopy(uscc, dataYear);
            setSaveStatus({ kind: 'saved', at: saved.savedAt });
          } else setSaveStatus({ kind: 'dirty' });
          setCurrent((c) => ({ ...c, status: c.status === 'none' ? 'draft' : c.status, revision: saved.revision, draftSavedAt: saved.savedAt }));
          setAlert(null);
          if (manual) void message.success(saved.message || DRAFT_SAVED_MESSAGE);
          return true;
        } catch (error) {
          keepLocally();
          const text = errorMessage(error);
          if (isApiError(error) && BLOCKING_CODES.has(error.code)) blocked.current = error.code;
          setSaveStatus({ kind: 'refused', message: text });
          setAlert(`${text}。已填写的内容保留在本浏览器中，不会丢失。`);
          return false;
        }
      };
      const next = queue.current.then(run, run);
      queue.current = next;
      return next;
    },
    [dataYear, keepLocally, message, uscc, valuesNow],
  );

  function scheduleSave() {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void save(FINANCING_ROUTES.autosave, false), AUTOSAVE_DELAY_MS);
  }

  function onValuesChange() {
    if (!editable) return;
    keepLocally();
    if (saveStatus.kind !== 'refused') setSaveStatus({ kind: 'dirty' });
    scheduleSave();
  }

  async function saveDraft() {
    if (busy.current) return;
    busy.current = true;
    window.clearTimeout(timer.current);
    await save(FINANCING_ROUTES.draft, true);
    busy.current = false;
  }

  async function submit() {
    if (busy.current) return;
    busy.current = true;
    setSubmitting(true);
    window.clearTimeout(timer.current);
    try {
      try {
        await form.validateFields({ recursive: true });
      } catch {
        setAlert('请按提示修改标红的填写项后再提交');
        form.scrollToField(form.getFieldsError().find((f) => f.errors.length > 0)?.name ?? ['basic'], { block: 'center', focus: true });
        return;
      }
      await queue.current.catch(() => undefined);
      const values = valuesNow();
      try {
        const answer = await api.post<SubmitAnswer>(FINANCING_ROUTES.submit, { revision: revision.current, ...toPayload(values) });
        revision.current = answer.revision;
        stored.current = values;
        clearLocalCopy(uscc, dataYear);
        setAlert(null);
        setSubmitted(answer);
        // The news is at the top of the form; 【提交】 was at its bottom.
        window.setTimeout(() => top.current?.focus(), 0);
        setCurrent((c) => ({ ...c, status: 'submitted', editable: false, canModify: c.window.open, latestVersion: answer.version, revision: answer.revision }));
        await queryClient.invalidateQueries({ queryKey: ['financing', 'versions'] });
      } catch (error) {
        keepLocally();
        if (isApiError(error) && Object.keys(error.fieldErrors).length > 0) {
          const fields = Object.entries(error.fieldErrors).map(([name, msg]) => ({ name: name.split('.'), errors: [msg] }));
          form.setFields(fields);
          form.scrollToField(fields[0]!.name, { block: 'center', focus: true });
        }
        setAlert(`${errorMessage(error)}${isApiError(error) && BLOCKING_CODES.has(error.code) ? '。已填写的内容保留在本浏览器中，不会丢失。' : ''}`);
      }
    } finally {
      busy.current = false;
      setSubmitting(false);
    }
  }

  async function modify() {
    if (busy.current) return;
    busy.current = true;
    try {
      const next = await api.post<FormState>(FINANCING_ROUTES.modify, { revision: revision.current });
      revision.current = next.revision;
      stored.current = toFormValues(next.values);
      form.setFieldsValue(stored.current);
      setSubmitted(null);
      setCurrent(next);
      setAlert(null);
      setSaveStatus({ kind: 'idle' });
    } catch (error) {
      setAlert(errorMessage(error));
    } finally {
      busy.current = false;
    }
  }

  function restoreLocal() {
    if (!localCopy) return;
    form.setFieldsValue(toFormValues(localCopy.values));
    setLocalCopy(null);
    if (editable) {
      setSaveStatus({ kind: 'dirty' });
      scheduleSave();
    }
  }

  function discardLocal() {
    modal.confirm({
      title: '放弃本浏览器中保留的内容？',
      content: '放弃后将无法找回这些未保存的填写内容。',
      okText: '放弃',
      cancelText: '取消',
      onOk: () => {
        clearLocalCopy(uscc, dataYear);
        setLocalCopy(null);
      },
    });
  }

  const latest = submitted?.version ?? current.latestVersion;

  return (
    <div className="registration">
      <h1 className="registration__title">创新积分信息登记</h1>
      <RegistrationHeader state={current} />
      <div ref={top} tabIndex={-1} className="registration-news">
        {submitted ? (
          <Alert
            className="form-alert"
            type="success"
            showIcon
            role="status"
            message={submitted.message || SUBMITTED_MESSAGE}
            description={
              <>
                <p>
                  受理编号：<strong>{submitted.version.acceptanceNo}</strong>（第{submitted.version.version}版，提交时间 {time(submitted.version.submittedAt)}）
                </p>
                {submitted.score ? (
                  <p>
                    创新积分（自评）：<strong>{Math.round(submitted.score.total)}</strong>（{submitted.score.stage}），各项指标得分见【查看创新积分】。
                  </p>
                ) : null}
              </>
            }
          />
        ) : null}
        {localCopy ? (
          <Alert
            className="form-alert"
            type="warning"
            showIcon
            message={`本浏览器中保留有 ${time(localCopy.savedAt)} 未能保存到服务器的填写内容`}
            description={
              <Space wrap>
                <Button onClick={restoreLocal}>{editable ? '恢复这些内容' : '显示这些内容'}</Button>
                <Button onClick={discardLocal}>放弃</Button>
              </Space>
            }
          />
        ) : null}
        <FormAlert message={alert} />
      </div>
      {current.status === 'submitted' && latest ? (
        <div className="registration-submitted no-print">
          <p>
            本年度登记已提交（第{latest.version}版，受理编号 {latest.acceptanceNo}）。
            {current.canModify ? '填报期内可点击【修改】更新登记信息，修改后需重新提交。' : ''}
          </p>
          <Space wrap>
            <Button type="primary" onClick={() => navigate(FINANCING_PATHS.receipt(latest.id))}>
              打印回执
            </Button>
            <Button onClick={() => navigate(SCORE_PATH)}>查看创新积分</Button>
            {current.canModify ? <Button onClick={() => void modify()}>修改</Button> : null}
          </Space>
        </div>
      ) : null}
      <Form
        form={form}
        layout="vertical"
        size="large"
        validateTrigger="onBlur"
        initialValues={initialValues}
        onValuesChange={onValuesChange}
        scrollToFirstError={{ block: 'center', focus: true }}
        className={editable ? 'registration-form' : 'registration-form registration-form--readonly'}
        aria-label="创新积分信息登记表"
      >
        <BasicSection schema={registrationPayloadSchema} prepare={prepare} readOnly={!editable} />
        <IndicatorSection schema={registrationPayloadSchema} prepare={prepare} readOnly={!editable} catalogue={catalogue} />
        <OptionalSection schema={registrationPayloadSchema} prepare={prepare} readOnly={!editable} attachments={initial.attachmentFiles} />
      </Form>
      {editable ? (
        <div className="registration-actions no-print">
          <SaveStatusText status={saveStatus} />
          <Space wrap>
            <Button size="large" onClick={() => void saveDraft()} disabled={submitting}>
              保存草稿
            </Button>
            <Button type="primary" size="large" onClick={() => void submit()} disabled={submitting} aria-busy={submitting || undefined}>
              提交
            </Button>
          </Space>
        </div>
      ) : null}
      <VersionHistory />
    </div>
  );
}

function SaveStatusText({ status }: { status: SaveStatus }) {
  let text = '';
  if (status.kind === 'saving') text = '正在保存草稿…';
  else if (status.kind === 'saved') text = `草稿已自动保存（${time(status.at)}）`;
  else if (status.kind === 'dirty') text = '有尚未保存的修改，将自动保存';
  else if (status.kind === 'refused') text = `未能保存：${status.message}`;
  return (
    <p className="registration-actions__status" role="status">
      {text}
    </p>
  );
}

/** 企业名称, 统一社会信用代码, 数据年度, status and qualification tags, the filing window. */
function RegistrationHeader({ state }: { state: FormState }) {
  const statusColor = state.status === 'submitted' ? 'success' : state.status === 'draft' ? 'processing' : 'default';
  return (
    <Descriptions
      className="registration-header"
      bordered
      size="middle"
      column={{ xs: 1, sm: 1, md: 2 }}
      items={[
        { key: 'name', label: '企业名称', children: state.enterprise.name },
        { key: 'uscc', label: '统一社会信用代码', children: state.enterprise.uscc },
        { key: 'year', label: '数据年度', children: `${state.dataYear}年` },
        { key: 'status', label: '登记状态', children: <Tag color={statusColor}>{REGISTRATION_STATUS_LABELS[state.status]}</Tag> },
        {
          key: 'qualifications',
          label: '企业资质',
          children: state.qualifications.length ? state.qualifications.map((q) => <Tag key={`${q.type}-${q.certNo}`} color="blue">{q.label}</Tag>) : '—',
        },
        { key: 'window', label: '填报时间', children: `${state.window.opensOn} 至 ${state.window.closesOn}${state.window.open ? '' : '（当前不在填报时间内）'}` },
      ]}
    />
  );
}

