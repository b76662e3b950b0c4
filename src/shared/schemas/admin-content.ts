import { z } from 'zod';
import { CONTENT_KINDS } from '../content-labels.js';

/** 管理端 【内容管理】: 政策文件 and 通知公告 of the platform home (plain text, paragraphs by blank lines). */

/** Control characters other than line breaks and tabs are refused (the body keeps its paragraphs). */
const noControlExceptBreaks = (value: string) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(value);
const noControl = (value: string) => !/[\u0000-\u001f\u007f]/.test(value);

export const CONTENT_TITLE_MAX = 100;
export const CONTENT_SUMMARY_MAX = 200;
export const CONTENT_BODY_MAX = 20_000;

export const contentInputSchema = z.object({
  kind: z.enum(CONTENT_KINDS, { error: '请选择栏目' }),
  title: z
    .string({ error: '请输入标题' })
    .trim()
    .min(1, '请输入标题')
    .max(CONTENT_TITLE_MAX, `标题不能超过${CONTENT_TITLE_MAX}个字`)
    .refine(noControl, '标题包含不允许的字符'),
  summary: z
    .string()
    .trim()
    .max(CONTENT_SUMMARY_MAX, `摘要不能超过${CONTENT_SUMMARY_MAX}个字`)
    .refine(noControl, '摘要包含不允许的字符')
    .default(''),
  body: z
    .string({ error: '请输入正文' })
    .trim()
    .min(1, '请输入正文')
    .max(CONTENT_BODY_MAX, `正文不能超过${CONTENT_BODY_MAX}个字`)
    .refine(noControlExceptBreaks, '正文包含不允许的字符'),
  publishedOn: z.string({ error: '请选择发布日期' }).regex(/^\d{4}-\d{2}-\d{2}$/, '请选择发布日期'),
});
export type ContentInput = z.input<typeof contentInputSchema>;

export const contentListQuerySchema = z.object({
  kind: z.enum(CONTENT_KINDS).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

const contentItem = z.object({
  id: z.string(),
  kind: z.enum(CONTENT_KINDS),
  title: z.string(),
  summary: z.string(),
  publishedOn: z.string(),
  updatedAt: z.string(),
});
export type AdminContentItem = z.infer<typeof contentItem>;

export const contentListResponse = z.object({ total: z.number(), items: z.array(contentItem) });
export type AdminContentList = z.infer<typeof contentListResponse>;

export const contentDetailAdminResponse = contentItem.extend({ body: z.string() });
export type AdminContentDetail = z.infer<typeof contentDetailAdminResponse>;

export const contentSavedResponse = z.object({ id: z.string() });
