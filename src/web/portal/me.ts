import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../components/api';
import type { PortalMe } from '../../shared/schemas/idp';

export const PORTAL_NAME = '工业和信息化部政务服务门户';

/** `GET /api/portal/me` → `{ loggedIn: false }` | `{ loggedIn: true, displayName }`. */
export const portalMeQuery = queryOptions({
  queryKey: ['portal', 'me'],
  queryFn: ({ signal }) => api.get<PortalMe>('/api/portal/me', { signal }),
});

export function usePortalMe() {
  return useQuery(portalMeQuery);
}
