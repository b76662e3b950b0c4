import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../components/api';
import type { OperatorMe } from '../../shared/schemas/admin';

export const ADMIN_NAME = '优质中小企业梯度培育平台管理端';

/** `GET /api/admin/me`. */
export const adminMeQuery = queryOptions({
  queryKey: ['admin', 'me'],
  queryFn: ({ signal }) => api.get<OperatorMe>('/api/admin/me', { signal }),
  staleTime: 0,
});

export function useAdminMe() {
  return useQuery(adminMeQuery);
}
