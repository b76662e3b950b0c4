import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../components/api';
import type { OperatorMe } from '../../shared/schemas/admin';
import { INSTITUTION_ROUTES, type ProfileResponse } from '../../shared/schemas/institution';

export const INSTITUTION_NAME = '金融机构服务端';

/** Router paths (basename /institution). */
export const PATHS = { login: '/login', enterprises: '/enterprises', enterprise: '/enterprises/detail', records: '/records' } as const;

/** `GET /api/institution/me` (the shared operator login answer). */
export const institutionMeQuery = queryOptions({
  queryKey: ['institution', 'me'],
  queryFn: ({ signal }) => api.get<OperatorMe>('/api/institution/me', { signal }),
  staleTime: 0,
});

export const useInstitutionMe = () => useQuery(institutionMeQuery);

/** The institution and the regions it serves. */
export const useProfile = (enabled: boolean) =>
  useQuery({ queryKey: ['institution', 'profile'], queryFn: ({ signal }) => api.get<ProfileResponse>(INSTITUTION_ROUTES.profile, { signal }), enabled });
