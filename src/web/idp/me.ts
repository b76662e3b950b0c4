import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../components/api';
import type { RealnameStatus, UserType } from '../../shared/account-labels';
import type { UcAccount, UcMe } from '../../shared/schemas/idp';

export const IDP_NAME = '工业和信息化部统一登录系统';

export type { RealnameStatus, UcAccount, UserType };
export { REALNAME_STATUS_LABELS, USER_TYPE_LABELS } from '../../shared/account-labels';

/** `GET /api/uc/me`. */
export const ucMeQuery = queryOptions({
  queryKey: ['uc', 'me'],
  queryFn: ({ signal }) => api.get<UcMe>('/api/uc/me', { signal }),
  staleTime: 0,
});

export function useUcMe() {
  return useQuery(ucMeQuery);
}

/** The support line of the seed (登录 page, help texts). */
export const SUPPORT_LINE = '账号系统支持单位：12381-转9（其他业务）转6（公共服务）-人工服务';
