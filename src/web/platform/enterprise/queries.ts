import { queryOptions } from '@tanstack/react-query';
import { api } from '../../components/api';
import type { EnterpriseProfileAnswer, QualificationsAnswer } from '../../../shared/schemas/enterprise';

export const PROFILE_API = '/api/platform/enterprise/profile';
export const QUALIFICATIONS_API = '/api/platform/enterprise/qualifications';

export const profileQuery = queryOptions({
  queryKey: ['platform', 'enterprise', 'profile'],
  queryFn: ({ signal }) => api.get<EnterpriseProfileAnswer>(PROFILE_API, { signal }),
  staleTime: 0,
});

export const qualificationsQuery = queryOptions({
  queryKey: ['platform', 'enterprise', 'qualifications'],
  queryFn: ({ signal }) => api.get<QualificationsAnswer>(QUALIFICATIONS_API, { signal }),
  staleTime: 0,
});
