import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../components/api';

export const ADMIN_NAME = '优质中小企业梯度培育平台管理端';

export type OperatorRole = 'ministry' | 'province' | 'city';

export interface AdminOperator {
  loggedIn: true;
  name: string;
  role: OperatorRole;
  /** 部级 / 省级 / 市级. */
  roleLabel: string;
  /** Division-code prefix of the operator's region ('' for 部级: everywhere). */
  regionCode: string;
}

/** `GET /api/admin/me`. */
export type AdminMe = { loggedIn: false } | AdminOperator;

export const adminMeQuery = queryOptions({
  queryKey: ['admin', 'me'],
  queryFn: ({ signal }) => api.get<AdminMe>('/api/admin/me', { signal }),
  staleTime: 0,
});

export function useAdminMe() {
  return useQuery(adminMeQuery);
}
