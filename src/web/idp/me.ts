import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../components/api';

export const IDP_NAME = '工业和信息化部统一登录系统';

export type UserType = 'legal' | 'natural';
export type RealnameStatus = 'unverified' | 'pending' | 'verified';

export interface UcAccount {
  loggedIn: true;
  loginName: string;
  userType: UserType | null;
  realnameStatus: RealnameStatus;
  enterpriseName: string | null;
  uscc: string | null;
  legalRepName: string | null;
  personName: string | null;
  idNumberMasked: string | null;
  mobileMasked: string;
  emailMasked: string | null;
}

/** `GET /api/uc/me`. */
export type UcMe = { loggedIn: false } | UcAccount;

export const ucMeQuery = queryOptions({
  queryKey: ['uc', 'me'],
  queryFn: ({ signal }) => api.get<UcMe>('/api/uc/me', { signal }),
  staleTime: 0,
});

export function useUcMe() {
  return useQuery(ucMeQuery);
}

export const USER_TYPE_LABELS: Record<UserType, string> = { legal: '法人', natural: '自然人' };

/** The 实名状态 tag texts (flows.md "Exact labels"). */
export const REALNAME_STATUS_LABELS: Record<RealnameStatus, string> = {
  unverified: '未实名认证',
  pending: '审核中',
  verified: '已实名认证',
};

/** The support line of the seed (登录 page, help texts). */
export const SUPPORT_LINE = '账号系统支持单位：12381-转9（其他业务）转6（公共服务）-人工服务';
