import type { ReactNode } from 'react';
import Form from 'antd/es/form';
import type { FormItemProps } from 'antd/es/form';
import Input from 'antd/es/input';
import type { InputProps, PasswordProps } from 'antd/es/input';
import { zodRule, type ParseableSchema } from './rules';

export interface FieldProps extends Omit<FormItemProps, 'name' | 'label' | 'rules' | 'required' | 'children'> {
  /** The label people and tests look for (flows.md "Exact labels"): it belongs to the control. */
  label: string;
  name: string;
  /**
   * The shared zod schema that checks this field (the same messages as the server); without
   * one the field only has to be filled in (pages that keep zod out of their first chunk).
   */
  schema?: ParseableSchema;
  /** No asterisk and no "请输入…". */
  optional?: boolean;
  /** The message for an empty field when it is not "请输入<label>" (e.g. 请填写驳回原因). */
  emptyMessage?: string;
  children: ReactNode;
}

/** One labelled field: "请输入<label>" when empty, then the schema's own messages. */
export function Field({ label, name, schema, optional, emptyMessage, children, ...item }: FieldProps) {
  const required = optional ? undefined : (emptyMessage ?? `请输入${label}`);
  const rules = schema ? [zodRule(schema, name, required)] : required ? [{ required: true, whitespace: true, message: required }] : [];
  return (
    <Form.Item label={label} name={name} required={!optional} rules={rules} {...item}>
      {children}
    </Form.Item>
  );
}

/** A mobile number (手机号, 新手机号, 绑定手机号). */
export function MobileInput(props: InputProps) {
  return <Input type="tel" inputMode="tel" autoComplete="tel" maxLength={20} {...props} />;
}

/** A login name, or the 登录名或统一社会信用代码 that stands for an account. */
export function AccountInput(props: InputProps) {
  return <Input autoComplete="username" autoCapitalize="off" spellCheck={false} maxLength={64} {...props} />;
}

/** The password the person has now (登录, 原密码, 当前密码, 注销). */
export function CurrentPasswordInput(props: PasswordProps) {
  return <Input.Password autoComplete="current-password" maxLength={128} {...props} />;
}

/** A code typed from a document: 统一社会信用代码 (upper case), 证件号码. */
export function DocumentCodeInput({ upperCase, ...props }: InputProps & { upperCase?: boolean }) {
  return <Input maxLength={24} autoCapitalize={upperCase ? 'characters' : undefined} spellCheck={false} autoComplete="off" {...props} />;
}
