import Form from 'antd/es/form';
import Input from 'antd/es/input';
import { PASSWORDS_DIFFER } from '../../../shared/schemas/idp';
import { checkPassword } from '../../../shared/validators/index';
import { checkRule } from './rules';

/** The password policy (validators.md) as help text under a new password. */
const PASSWORD_HELP = '8-32位，至少包含大写字母、小写字母、数字、符号中的三种；不能与登录名或手机号相同，不能使用常见弱密码';

/** What a new password must not be like (validators.md): the login name and the mobile. */
interface Personal {
  loginName?: string;
  mobile?: string;
}

export interface NewPasswordFieldsProps {
  /** 新密码 (the default) or 密码 (注册); the second field is 确认<label>. */
  label?: string;
  name?: string;
  /** Known values the password must differ from (the logged-in account's login name). */
  personal?: Personal;
  /** Fields of the form the password must differ from (checked again when they change). */
  personalFields?: { [K in keyof Personal]: string };
}

/**
 * 新密码 + 确认新密码: the shared password rules (with the reasons it is refused, "密码不符合
 * 要求：…") and "两次输入的密码不一致".
 */
export function NewPasswordFields({ label = '新密码', name = 'newPassword', personal = {}, personalFields = {} }: NewPasswordFieldsProps) {
  const read = (all: Record<string, unknown>, field: string | undefined) => {
    const value = field === undefined ? undefined : all[field];
    return typeof value === 'string' ? value.trim() : undefined;
  };
  return (
    <>
      <Form.Item
        label={label}
        name={name}
        required
        dependencies={Object.values(personalFields)}
        extra={`密码要求：${PASSWORD_HELP}`}
        rules={[
          checkRule((value, all) => {
            if (typeof value !== 'string' || value === '') return `请输入${label}`;
            const loginName = personal.loginName ?? read(all, personalFields.loginName);
            const mobile = personal.mobile ?? read(all, personalFields.mobile);
            return checkPassword(value, { loginName, mobile }).message || null;
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" maxLength={64} />
      </Form.Item>
      <Form.Item
        label={`确认${label}`}
        name="confirmPassword"
        required
        dependencies={[name]}
        rules={[checkRule((value, all) => (!value ? `请再次输入${label}` : value !== all[name] ? PASSWORDS_DIFFER : null))]}
      >
        <Input.Password autoComplete="new-password" maxLength={64} />
      </Form.Item>
    </>
  );
}
