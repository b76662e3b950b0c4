import { useRef } from 'react';
import { Button, Form, Input, Modal } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { Field } from '../../components/form/Field';
import { revalidateOnChange } from '../../components/form/rules';
import { FormAlert, useSubmitState } from '../../components/form/SubmitForm';
import { rejectSchema } from '../../../shared/schemas/admin';

export interface RejectModalProps {
  open: boolean;
  acceptanceNo: string;
  onCancel: () => void;
  /** Sends the reason; throws the ApiError when the server refused it. */
  onSubmit: (reason: string) => Promise<void>;
}

/** 【驳回】: a required 驳回原因 (sent to the applicant by SMS), confirmed with 【确定】. */
export function RejectModal({ open, acceptanceNo, onCancel, onSubmit }: RejectModalProps) {
  const { form, alert, setAlert, busy, run } = useSubmitState<{ reason: string }>();
  const textArea = useRef<TextAreaRef>(null);

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
        <Button key="cancel" onClick={onCancel} disabled={busy}>
          取消
        </Button>,
        <Button key="ok" type="primary" danger loading={busy} onClick={() => form.submit()}>
          确定
        </Button>,
      ]}
    >
      <p className="reject-modal__intro">受理编号：{acceptanceNo}。驳回原因将以短信形式发送给申请人。</p>
      <Form form={form} name="reject" layout="vertical" validateTrigger="onBlur" onFinish={({ reason }) => void run(() => onSubmit(reason.trim()))} onValuesChange={revalidateOnChange(form)}>
        <FormAlert message={alert} />
        <Field label="驳回原因" name="reason" schema={rejectSchema} emptyMessage="请填写驳回原因">
          <Input.TextArea ref={textArea} rows={4} maxLength={200} showCount placeholder="例如：营业执照照片不清晰，请重新提交" />
        </Field>
      </Form>
    </Modal>
  );
}
