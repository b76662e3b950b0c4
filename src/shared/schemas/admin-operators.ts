import { z } from 'zod';
import { hasNoControlChars } from './common.js';
import { OPERATOR_ROLES, OPERATOR_STATUSES } from '../operator-labels.js';

/** 管理端 【账号管理】: the browser's forms and the server validate with these. */

export const OPERATOR_USERNAME_HELP = '3-32位，以小写字母开头，可包含小写字母、数字和下划线';

/** A region as the role needs it: '' for 部级, 2 digits (省) for 省级, 4 digits (市) for 市级. */
export const REGION_SHAPE = { ministry: /^$/, province: /^\d{2}$/, city: /^\d{4}$/ } as const;

export const operatorCreateSchema = z
  .object({
    username: z
      .string({ error: '请输入账号' })
      .trim()
      .min(1, '请输入账号')
      .regex(/^[a-z][a-z0-9_]{2,31}$/, `账号格式不正确：${OPERATOR_USERNAME_HELP}`),
    displayName: z
      .string({ error: '请输入名称' })
      .trim()
      .min(2, '名称为2-30个字')
      .max(30, '名称为2-30个字')
      .refine(hasNoControlChars, '名称包含不允许的字符'),
    role: z.enum(OPERATOR_ROLES, { error: '请选择角色' }),
    regionCode: z.string({ error: '请选择地区' }).trim().max(4, '请选择地区').default(''),
    /** 审计员 (may open 【审计日志】): 部级 accounts only. */
    isAuditor: z.boolean().default(false),
  })
  .superRefine((value, ctx) => {
    if (!REGION_SHAPE[value.role].test(value.regionCode)) {
      ctx.addIssue({ code: 'custom', path: ['regionCode'], message: value.role === 'province' ? '请选择省份' : value.role === 'city' ? '请选择城市' : '部级账号不设地区' });
    }
    if (value.isAuditor && value.role !== 'ministry') ctx.addIssue({ code: 'custom', path: ['isAuditor'], message: '只有部级账号可以设为审计员' });
  });
export type OperatorCreateInput = z.input<typeof operatorCreateSchema>;

export const operatorListQuerySchema = z.object({
  role: z.enum(OPERATOR_ROLES).optional(),
  status: z.enum(OPERATOR_STATUSES).optional(),
  /** Part of the 账号 (not personal data). */
  keyword: z.string().trim().toLowerCase().regex(/^[a-z0-9_]{0,32}$/, '请输入账号的一部分（小写字母、数字或下划线）').optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const operatorAuditorSchema = z.object({ isAuditor: z.boolean({ error: '请选择是否为审计员' }) });

const operatorItem = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(OPERATOR_ROLES),
  regionCode: z.string(),
  status: z.enum(OPERATOR_STATUSES),
  totpEnrolled: z.boolean(),
  isAuditor: z.boolean(),
  createdAt: z.string(),
  /** What the caller may do with this account (the server checks again on every action). */
  manageable: z.boolean(),
  self: z.boolean(),
});
export type OperatorItem = z.infer<typeof operatorItem>;

/** `GET /api/admin/operators`, with what the caller may create. */
export const operatorListResponse = z.object({
  total: z.number(),
  items: z.array(operatorItem),
  /** Roles the caller may create: 部级 all three, 省级 市级 only. */
  creatableRoles: z.array(z.enum(OPERATOR_ROLES)),
  /** The caller's own region ('' for 部级): a 省级 creates 市级 accounts inside it. */
  regionCode: z.string(),
  canSetAuditor: z.boolean(),
});
export type OperatorList = z.infer<typeof operatorListResponse>;

/** `POST /api/admin/operators`: the initial password, shown this once and never stored in clear. */
export const operatorCreatedResponse = z.object({ id: z.string(), username: z.string(), initialPassword: z.string() });
export type OperatorCreated = z.infer<typeof operatorCreatedResponse>;
