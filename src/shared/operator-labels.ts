/**
 * Operators of the consoles (管理端, later 金融机构端): their roles in Chinese. No zod and no
 * Node APIs: the browser and the server import it.
 */
export const OPERATOR_ROLES = ['ministry', 'province', 'city'] as const;
export type OperatorRole = (typeof OPERATOR_ROLES)[number];

/** 部级 see every region, 省级 their province, 市级 their city. */
export const OPERATOR_ROLE_LABELS: Record<OperatorRole, string> = { ministry: '部级', province: '省级', city: '市级' };

export const OPERATOR_STATUSES = ['active', 'disabled'] as const;
export type OperatorStatus = (typeof OPERATOR_STATUSES)[number];
export const OPERATOR_STATUS_LABELS: Record<OperatorStatus, string> = { active: '正常', disabled: '已停用' };
