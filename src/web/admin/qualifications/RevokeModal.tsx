import { useState } from 'react';
import { Alert, Form, Input, Modal } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { errorMessage, isApiError } from '../../components/api';
import { isUnauthenticated } from '../adminApi';
import type { QualificationItem } from '../../../shared/schemas/qualifications';
import { revokeQualificationSchema } from '../../../shared/schemas/qualifications';
import { qualificationsApi } from './api';

/** 【撤销】: a reason is required; 【确定】 revokes at once (the enterprise loses 【去登记】 eligibility). */
export function RevokeModal({ row, onClose, onDone }: { row: QualificationItem; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const [fieldError, setFieldError] = useState<string | null>(null);
  const revoke = useMutation({
    mutationFn: (reason: string) => qualificationsApi.revoke(row.id, reason),
    onSuccess: onDone,
    onError: (error) => setFieldError(isApiError(error) ? (error.fieldErrors.reason ?? null) : null),
  });

  async function submit() {
    const { reason } = await form.validateFields();
    setFieldError(null);
    revoke.mutate(reason);
  }

  return (
    <Modal
      open
      title="撤销资质"
      okText="确定"
      cancelText="取消"
      okButtonProps={{ danger: true, loading: revoke.isPending }}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      maskClosable={false}
      destroyOnHidden
    >
      <p>
        确定撤销 <strong>{row.enterpriseName ?? row.uscc}</strong> 的 {row.typeLabel}（{row.certNo}）吗？撤销后该资质立即失效，不能通过导入恢复。
      </p>
      {revoke.isError && !fieldError && !isUnauthenticated(revoke.error) ? <Alert type="error" showIcon message={errorMessage(revoke.error)} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" requiredMark>
        <Form.Item
          name="reason"
          label="撤销原因"
          required
          validateStatus={fieldError ? 'error' : undefined}
          help={fieldError ?? undefined}
          rules={[
            {
              validator: async (_, value: unknown) => {
                const parsed = revokeQualificationSchema.shape.reason.safeParse(value ?? '');
                if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? '请填写撤销原因');
              },
            },
          ]}
        >
          <Input.TextArea rows={3} maxLength={200} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
