/**
 * How account states read in Chinese, for the 用户中心 pages, the 管理端 and the
 * 个人信息下载 file. No zod and no Node APIs: the browser and the server import it.
 */

export const USER_TYPES = ['legal', 'natural'] as const;
export type UserType = (typeof USER_TYPES)[number];
export const REALNAME_STATUSES = ['unverified', 'pending', 'verified'] as const;
export type RealnameStatus = (typeof REALNAME_STATUSES)[number];
export const LOGIN_RESULTS = ['success', 'failure', 'locked'] as const;
export type LoginResult = (typeof LOGIN_RESULTS)[number];
export const ACCOUNT_STATUSES = ['active', 'disabled'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

export const USER_TYPE_LABELS: Record<UserType, string> = { legal: '法人', natural: '自然人' };

/** The 实名状态 tag texts (flows.md "Exact labels"). */
export const REALNAME_STATUS_LABELS: Record<RealnameStatus, string> = {
  unverified: '未实名认证',
  pending: '审核中',
  verified: '已实名认证',
};

/** 登录记录 结果. */
export const LOGIN_RESULT_LABELS: Record<LoginResult, string> = { success: '成功', failure: '失败', locked: '锁定' };

export const ACCOUNT_STATUS_LABELS: Record<AccountStatus, string> = { active: '正常', disabled: '已注销' };

/** 实名认证 证件类型: 居民身份证 is checked against the registry, the others go to 人工核验. */
export const ID_TYPES = ['resident_id', 'hk_macao', 'taiwan', 'passport'] as const;
export type IdType = (typeof ID_TYPES)[number];
export const ID_TYPE_LABELS: Record<IdType, string> = {
  resident_id: '居民身份证',
  hk_macao: '港澳居民来往内地通行证',
  taiwan: '台湾居民来往大陆通行证',
  passport: '外国人护照',
};
