/**
 * How account states read in Chinese, for the 用户中心 pages and the 个人信息下载 file.
 * No zod and no Node APIs: the browser and the server import it.
 */

export type UserType = 'legal' | 'natural';
export type RealnameStatus = 'unverified' | 'pending' | 'verified';
export type LoginResult = 'success' | 'failure' | 'locked';

export const USER_TYPE_LABELS: Record<UserType, string> = { legal: '法人', natural: '自然人' };

/** The 实名状态 tag texts (flows.md "Exact labels"). */
export const REALNAME_STATUS_LABELS: Record<RealnameStatus, string> = {
  unverified: '未实名认证',
  pending: '审核中',
  verified: '已实名认证',
};

/** 登录记录 结果. */
export const LOGIN_RESULT_LABELS: Record<LoginResult, string> = { success: '成功', failure: '失败', locked: '锁定' };
