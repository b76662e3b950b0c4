import { useEffect, useState } from 'react';
import { Alert, DatePicker, Form, Input, Modal, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useQuery } from '@tanstack/react-query';
import { LoadError, Loading } from '../../components/QueryState';
import { revalidateOnChange, showApiError, zodRule } from '../../components/form/rules';
import { adminApi, isUnauthenticated } from '../adminApi';
import { CONTENT_KIND_LABELS, CONTENT_KINDS, type ContentKind } from '../../../shared/content-labels';
import { CONTENT_BODY_MAX, CONTENT_SUMMARY_MAX, CONTENT_TITLE_MAX, contentInputSchema, type AdminContentDetail } from '../../../shared/schemas/admin-content';
import { formatShanghaiDateTime } from '../../../shared/datetime';

interface Values {
  kind: ContentKind;
  title: string;
  summary?: string;
  body: string;
  publishedOn: Dayjs;
}

const todayInShanghai = () => formatShanghaiDateTime(new Date(), 'date');
const toBody = (values: Partial<Values>) => ({ ...values, summary: values.summary ?? '', publishedOn: values.publishedOn ? values.publishedOn.format('YYYY-MM-DD') : undefined });
const rule = (field: 'title' | 'summary' | 'body', required?: string) => zodRule({ safeParse: (v) => contentInputSchema.safeParse(toBody(v as Partial<Values>)) }, field, required);

// Fixed rows, not autoSize: rc-textarea measures with a hidden textarea that stays focusable (axe: aria-hidden-focus).

/** 发布 or 编辑 one 政策文件 / 通知公告 (plain text; a blank line starts a new paragraph). */
export function ContentEditor({ id, kind, onClose, onSaved }: { id: string | null; kind: ContentKind; onClose: () => void; onSaved: (what: 'created' | 'updated') => void }) {
  const [form] = Form.useForm<Values>();
  const [alert, setAlert] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const detail = useQuery({
    queryKey: ['admin', 'content', 'detail', id],
    queryFn: ({ signal }) => adminApi.get<AdminContentDetail>(`/api/admin/content/${encodeURIComponent(id!)}`, { signal }),
    enabled: id !== null,
    staleTime: 0,
    gcTime: 0,
  });

  useEffect(() => {
    if (detail.data) form.setFieldsValue({ kind: detail.data.kind, title: detail.data.title, summary: detail.data.summary, body: detail.data.body, publishedOn: dayjs(detail.data.publishedOn) });
  }, [detail.data, form]);

  async function submit() {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setAlert(null);
    try {
      const body = toBody(values);
      if (id === null) await adminApi.post('/api/admin/content', body);
      else await adminApi.post(`/api/admin/content/${encodeURIComponent(id)}`, body);
      onSaved(id === null ? 'created' : 'updated');
    } catch (error) {
      if (!isUnauthenticated(error)) setAlert(showApiError(form, error));
    } finally {
      setSaving(false);
    }
  }

  const loading = id !== null && detail.isPending;
  return (
    <Modal
      open
      width={720}
      title={id === null ? `发布${CONTENT_KIND_LABELS[kind]}` : '编辑内容'}
      okText={id === null ? '发布' : '保存'}
      cancelText="取消"
      onOk={() => void submit()}
      okButtonProps={{ disabled: loading || detail.isError }}
      confirmLoading={saving}
      onCancel={onClose}
      maskClosable={false}
      destroyOnHidden
    >
      {alert ? <Alert className="admin-page__notice" type="error" showIcon message={alert} role="alert" /> : null}
      {loading ? <Loading /> : null}
      {detail.isError ? <LoadError error={detail.error} onRetry={() => void detail.refetch()} /> : null}
      <Form<Values>
        form={form}
        layout="vertical"
        validateTrigger="onBlur"
        onValuesChange={revalidateOnChange(form)}
        hidden={loading || detail.isError}
        initialValues={{ kind, summary: '', publishedOn: dayjs(todayInShanghai()) }}
      >
        <Form.Item label="栏目" name="kind" rules={[{ required: true, message: '请选择栏目' }]}>
          <Radio.Group options={CONTENT_KINDS.map((k) => ({ value: k, label: CONTENT_KIND_LABELS[k] }))} optionType="button" />
        </Form.Item>
        <Form.Item label="标题" name="title" rules={[rule('title', '请输入标题')]} required>
          <Input maxLength={CONTENT_TITLE_MAX} showCount />
        </Form.Item>
        <Form.Item label="摘要" name="summary" extra="显示在平台首页标题下方；不填时取正文开头" rules={[rule('summary')]}>
          <Input.TextArea rows={2} maxLength={CONTENT_SUMMARY_MAX} showCount />
        </Form.Item>
        <Form.Item label="正文" name="body" extra="纯文本，空一行为新段落" rules={[rule('body', '请输入正文')]} required>
          <Input.TextArea rows={10} maxLength={CONTENT_BODY_MAX} />
        </Form.Item>
        <Form.Item label="发布日期" name="publishedOn" rules={[{ required: true, message: '请选择发布日期' }]}>
          <DatePicker disabledDate={(d) => d.format('YYYY-MM-DD') > todayInShanghai()} allowClear={false} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
