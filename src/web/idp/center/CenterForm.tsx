import { useQueryClient } from '@tanstack/react-query';
import { SubmitButton, SubmitForm, type SubmitFormProps } from '../../components/form/SubmitForm';
import { ucMeQuery } from '../me';

/**
 * A settings form of the 用户中心 (修改密码, 绑定邮箱, 修改手机号): it stays on its page, says
 * `successMessage` and empties itself after success, then reloads the account (what the
 * overview and the intro show) when `accountChanged`; 【确定】 submits it.
 */
export function CenterForm<Values>({ accountChanged, children, ...props }: Omit<SubmitFormProps<Values>, 'className' | 'onSuccess'> & { accountChanged?: boolean }) {
  const queryClient = useQueryClient();
  return (
    <SubmitForm className="center-form" onSuccess={accountChanged ? () => queryClient.invalidateQueries({ queryKey: ucMeQuery.queryKey }) : undefined} {...props}>
      {children}
      <SubmitButton block={false}>确定</SubmitButton>
    </SubmitForm>
  );
}
