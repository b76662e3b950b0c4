/** 【资质管理】 → 【导入】: the four templates and the import's Chinese states. No zod, no Node APIs. */
import { QUALIFICATION_TYPE_LABELS, type QualificationType } from './qualification-labels.js';

/** 科技型中小企业 are 入库 (registered), the others 认定 (recognised). */
export const isRegistration = (type: QualificationType) => type === 'kjx';

/** "创新型中小企业", …, "科技型中小企业入库". */
export const importTemplateTitle = (type: QualificationType) => `${QUALIFICATION_TYPE_LABELS[type]}${isRegistration(type) ? '入库' : ''}`;

export const IMPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export const JOB_STATUS_LABELS = {
  queued: '排队中',
  running: '处理中',
  waiting: '待确认',
  succeeded: '已完成',
  failed: '失败',
  cancelled: '已取消',
} as const;

export const QUALIFICATION_STATE_LABELS = { valid: '有效', expired: '已过期', revoked: '已撤销' } as const;
export type QualificationStateKey = keyof typeof QUALIFICATION_STATE_LABELS;

/** The largest import file (a 1,000,000-row CSV is about 120 MB). */
export const IMPORT_MAX_BYTES = 300 * 1024 * 1024;

type Role = 'ministry' | 'province' | 'city';

/** 导入: 专精特新“小巨人”企业 only 部级; the other types 部级 (any region) and 省级 (rows of its province); 市级 none. */
export const mayImport = (role: Role, type: QualificationType) => role === 'ministry' || (role === 'province' && type !== 'xjr');

/** 【撤销】: as 导入 (a 省级 operator, in its province, cannot undo a recognition only the ministry makes). */
export const mayRevoke = mayImport;
