import type { ReactNode } from 'react';
import Button from 'antd/es/button';
import Form from 'antd/es/form';
import Upload from 'antd/es/upload';
import type { UploadFile } from 'antd/es/upload';
import { UploadOutlined } from '@ant-design/icons';
import { UPLOAD_HINT, uploadFileList, uploadProblem } from './uploadCheck';
import { checkRule, isEmpty } from './rules';

/** The file chosen in an UploadField (its form value), to append to a FormData. */
export function chosenFile(list: UploadFile[] | undefined): File | undefined {
  return list?.[0]?.originFileObj;
}

export interface UploadFieldProps {
  label: string;
  name: string;
  /** true: "请上传<label>" when none is chosen; a string: that message. */
  required?: boolean | string;
  /** Help under the field; the accepted files by default. */
  extra?: ReactNode;
  /** The button; 选择<label>文件 by default. */
  buttonText?: string;
}

/**
 * One file (JPG, PNG or PDF up to 5 MB), sent with the form. A file that is not one of those
 * (by its first bytes, not its name) or too large is refused when chosen: the field shows why
 * and the file chosen before is dropped too.
 */
export function UploadField({ label, name, required, extra = UPLOAD_HINT, buttonText = `选择${label}文件` }: UploadFieldProps) {
  const form = Form.useFormInstance();
  const requiredMessage = required === true ? `请上传${label}` : required || null;

  async function beforeUpload(file: File) {
    const problem = await uploadProblem(file);
    if (problem) {
      form.setFields([{ name, value: [], errors: [problem] }]);
      return Upload.LIST_IGNORE;
    }
    return false; // sent with the form
  }

  return (
    <Form.Item
      label={label}
      name={name}
      required={requiredMessage !== null}
      valuePropName="fileList"
      getValueFromEvent={uploadFileList<UploadFile>}
      validateTrigger="onChange"
      rules={requiredMessage ? [checkRule((value) => (isEmpty(value) ? requiredMessage : null))] : []}
      extra={extra}
    >
      <Upload beforeUpload={beforeUpload} maxCount={1} accept=".jpg,.jpeg,.png,.pdf">
        <Button icon={<UploadOutlined />}>{buttonText}</Button>
      </Upload>
    </Form.Item>
  );
}
