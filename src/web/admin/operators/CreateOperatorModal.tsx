import { useState } from 'react';
import { Alert, Form, Input, Modal, Select, Switch, type SelectProps } from 'antd';
import { adminApi, isUnauthenticated } from '../adminApi';
import { revalidateOnChange, showApiError, zodRule } from '../../components/form/rules';
import { OPERATOR_ROLE_LABELS, type OperatorRole } from '../../../shared/operator-labels';
import { citiesOf, operatorRegionLabel, provinceOptions } from '../../../shared/operator-regions';
import { OPERATOR_USERNAME_HELP, operatorCreateSchema, type OperatorCreated, type OperatorList } from '../../../shared/schemas/admin-operators';

interface Values {
  username: string;
  displayName: string;
  role: OperatorRole;
  province?: string;
  city?: string;
  isAuditor?: boolean;
}

/**
 * Form.Item hands `aria-required` / `aria-invalid` to its control; antd's Select puts them on
 * its outer <div>, where they are not allowed (axe: aria-allowed-attr), as in RealnamePage.
 */
function FormSelect({ 'aria-required': _required, 'aria-invalid': _invalid, ...props }: SelectProps & { 'aria-required'?: unknown; 'aria-invalid'?: unknown }) {
  return <Select {...props} />;
}

/** The region the form's choices stand for: '' (部级), the province, or the city. */
function regionOf(values: Partial<Values>): string {
  if (values.role === 'province') return values.province ?? '';
  if (values.role === 'city') return values.city ?? '';
  return '';
}

/** 【新建账号】: 账号, 名称, 角色 and 地区 (a 省级 operator creates 市级 accounts of its province). */
export function CreateOperatorModal({ list, onClose, onCreated }: { list: OperatorList; onClose: () => void; onCreated: (created: OperatorCreated) => void }) {
  const [form] = Form.useForm<Values>();
  const [alert, setAlert] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const ownProvince = list.regionCode ? list.regionCode.slice(0, 2) : undefined;
  const role = Form.useWatch('role', form);
  const province = Form.useWatch('province', form) ?? ownProvince;

  async function submit() {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const body = { username: values.username, displayName: values.displayName, role: values.role, regionCode: regionOf(values), isAuditor: values.role === 'ministry' && Boolean(values.isAuditor) };
    setSaving(true);
    setAlert(null);
    try {
      onCreated(await adminApi.post<OperatorCreated>('/api/admin/operators', body));
    } catch (error) {
      if (isUnauthenticated(error)) return;
      // 地区 errors belong to the select that is showing.
      const shown = showApiError(form, error);
      setAlert(shown);
    } finally {
      setSaving(false);
    }
  }

  const required = (message: string) => [{ required: true, message }];
  const asBody = (values: Partial<Values>) => ({ ...values, regionCode: regionOf(values), isAuditor: values.role === 'ministry' && Boolean(values.isAuditor) });
  const schemaRule = (field: 'username' | 'displayName', message: string) => zodRule({ safeParse: (v) => operatorCreateSchema.safeParse(asBody(v as Partial<Values>)) }, field, message);

  return (
    <Modal open title="新建账号" okText="创建" cancelText="取消" onOk={() => void submit()} confirmLoading={saving} onCancel={onClose} maskClosable={false} destroyOnHidden>
      {alert ? <Alert className="admin-page__notice" type="error" showIcon message={alert} role="alert" /> : null}
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark
        validateTrigger="onBlur"
        onValuesChange={revalidateOnChange(form)}
        initialValues={{ role: list.creatableRoles[list.creatableRoles.length - 1], province: ownProvince, isAuditor: false }}
      >
        <Form.Item label="账号" name="username" extra={OPERATOR_USERNAME_HELP} rules={[schemaRule('username', '请输入账号')]} required>
          <Input autoComplete="off" maxLength={32} />
        </Form.Item>
        <Form.Item label="名称" name="displayName" extra="单位或岗位名称，显示在页头" rules={[schemaRule('displayName', '请输入名称')]} required>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item label="角色" name="role" rules={required('请选择角色')}>
          <FormSelect options={list.creatableRoles.map((r) => ({ value: r, label: OPERATOR_ROLE_LABELS[r] }))} onChange={() => form.setFieldsValue({ city: undefined })} />
        </Form.Item>
        {(role === 'province' || role === 'city') && ownProvince ? (
          // A 省级 operator's accounts are in its own province: shown, not chosen.
          <Form.Item label="省份">
            <span className="operator-fixed">{operatorRegionLabel(ownProvince)}</span>
          </Form.Item>
        ) : null}
        {(role === 'province' || role === 'city') && !ownProvince ? (
          <Form.Item label="省份" name="province" rules={required('请选择省份')}>
            <FormSelect showSearch optionFilterProp="label" options={provinceOptions.map((p) => ({ value: p.code, label: p.name }))} onChange={() => form.setFieldsValue({ city: undefined })} />
          </Form.Item>
        ) : null}
        {role === 'city' ? (
          <Form.Item label="城市" name="city" rules={required('请选择城市')}>
            <FormSelect showSearch optionFilterProp="label" options={province ? citiesOf(province).map((c) => ({ value: c.code, label: operatorRegionLabel(c.code) })) : []} />
          </Form.Item>
        ) : null}
        {role === 'ministry' && list.canSetAuditor ? (
          <Form.Item label="审计员" name="isAuditor" valuePropName="checked" extra="审计员可以查询和导出审计日志">
            <Switch checkedChildren="是" unCheckedChildren="否" />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
