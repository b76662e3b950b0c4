import { useRef, useState } from 'react';
import { Button, Form, Input, Modal } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { zodRule, revalidateOnChange, showApiError } from '../../components/formRules';
import { rejectSchema } from '../../../shared/schemas/admin';
import { FormAlert } from '../../components/forms';

export interface RejectModalProps {
  open: boolean;
  acceptanceNo: string;
  onCancel: () => void;
  /** Sends the reason; throws the ApiError when the server refused it. */
  onSubmit: (reason: string) => Promise<void>;
}

/** 【驳回】: a required 驳回原因 (sent to the applicant by SMS), confirmed with 【确定】. */
export function RejectModal({ open, acceptanceNo, onCancel, onSubmit }: RejectModalProps) {
  const [form] = Form.useForm<{ reason: string }>();
  const [alert, setAlert] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const textArea = useRef<TextAreaRef>(null);

  async function submit({ reason }: { reason: string }) {
    setAlert(null);
    setSubmitting(true);
    try {
      await onSubmit(reason.trim());
    } catch (error) {
      setAlert(showApiError(form, error));
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <Modal
      open={open}
      title="驳回申请"
      onCancel={onCancel}
      maskClosable={false}
      afterOpenChange={(visible) => {
        if (visible) textArea.current?.focus();
        else {
          form.resetFields();
          setAlert(null);
        }
      }}
      footer={[
        <Button key="cancel" onClick={onCancel} disabled={submitting}>
          取消
        </Button>,
        <Button key="ok" type="primary" danger loading={submitting} onClick={() => form.submit()}>
          确定
        </Button>,
      ]}
    >
      <p className="reject-modal__intro">受理编号：{acceptanceNo}。驳回原因将以短信形式发送给申请人。</p>
      <Form form={form} name="reject" layout="vertical" validateTrigger="onBlur" onFinish={(values) => void submit(values)} onValuesChange={revalidateOnChange(form)}>
        <FormAlert message={alert} />
        <Form.Item label="驳回原因" name="reason" required rules={[zodRule(rejectSchema, 'reason', '请填写驳回原因')]}>
          <Input.TextArea ref={textArea} rows={4} maxLength={200} showCount placeholder="例如：营业执照照片不清晰，请重新提交" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
