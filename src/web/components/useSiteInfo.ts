import { useQuery } from '@tanstack/react-query';
import { api } from './api';
import type { SiteInfo } from '../../shared/schemas/site';

/** `GET /api/site`: footer configuration; it does not change while a page is open. */
export function useSiteInfo() {
  return useQuery({
    queryKey: ['site'],
    queryFn: ({ signal }) => api.get<SiteInfo>('/api/site', { signal }),
    staleTime: Infinity,
  });
}
