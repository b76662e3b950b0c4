import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../components/api';
import type { PlatformMe } from '../../shared/schemas/platform';

export const PLATFORM_NAME = '优质中小企业梯度培育平台';

/** `GET /api/platform/me` → `{ loggedIn: false }` | `{ loggedIn: true, displayName, userType }`. */
export const platformMeQuery = queryOptions({
  queryKey: ['platform', 'me'],
  queryFn: ({ signal }) => api.get<PlatformMe>('/api/platform/me', { signal }),
});

export function usePlatformMe() {
  return useQuery(platformMeQuery);
}
