import { z } from 'zod';
import { hasNoControlChars } from './common.js';

/**
 * 管理端 【账号管理】 → 金融机构账号 (issue 17): partner institutions with the regions they serve
 * and their first 金融机构端 user. 部级: any region; 省级: regions inside its province.
 *
 *   GET  /api/admin/institutions  → institutionListResponse
 *   POST /api/admin/institutions  institutionCreateSchema → institutionCreatedResponse (initial password once)
 */
export const ADMIN_INSTITUTION_ROUTES = { list: '/api/admin/institutions' } as const;

export const institutionCreateSchema = z.object({
  name: z.string({ error: '请输入机构名称' }).trim().min(2, '机构名称为2-60个字').max(60, '机构名称为2-60个字').refine(hasNoControlChars, '机构名称包含不允许的字符'),
  /** Provinces (2 digits) or cities (4 digits) served. */
  regions: z.array(z.string().trim().regex(/^(\d{2}|\d{4})$/, '请选择服务地区'), { error: '请选择服务地区' }).min(1, '请选择服务地区').max(40, '服务地区过多'),
  username: z.string({ error: '请输入账号' }).trim().min(1, '请输入账号').regex(/^[a-z][a-z0-9_]{2,31}$/, '账号格式不正确：小写字母开头，3-32位小写字母、数字或下划线'),
  displayName: z.string({ error: '请输入名称' }).trim().min(2, '名称为2-30个字').max(30, '名称为2-30个字').refine(hasNoControlChars, '名称包含不允许的字符'),
});
export type InstitutionCreateInput = z.input<typeof institutionCreateSchema>;

export const institutionListResponse = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      status: z.enum(['active', 'disabled']),
      regions: z.array(z.string()),
      users: z.array(z.object({ id: z.string(), username: z.string(), displayName: z.string(), status: z.enum(['active', 'disabled']), totpEnrolled: z.boolean() })),
      createdAt: z.string(),
    }),
  ),
});
export type InstitutionList = z.infer<typeof institutionListResponse>;

export const institutionCreatedResponse = z.object({ id: z.string(), username: z.string(), initialPassword: z.string() });
export type InstitutionCreated = z.infer<typeof institutionCreatedResponse>;
