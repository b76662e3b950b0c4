import { z } from 'zod';
import { CONTENT_KINDS } from '../content-labels.js';
import { USER_TYPES } from '../account-labels.js';

const contentItem = z.object({ id: z.string(), title: z.string(), summary: z.string(), publishedAt: z.string().describe('YYYY-MM-DD') });
export type ContentItem = z.infer<typeof contentItem>;

/** `GET /api/platform/home`: 政策文件 and 通知公告 blocks. */
export const homeResponse = z.object({ policies: z.array(contentItem), notices: z.array(contentItem) });
export type HomeData = z.infer<typeof homeResponse>;

/** `GET /api/platform/content/:id`. body: plain text, paragraphs separated by blank lines. */
export const contentDetailResponse = z.object({ id: z.string(), kind: z.enum(CONTENT_KINDS), title: z.string(), publishedAt: z.string(), body: z.string() });
export type ContentDetail = z.infer<typeof contentDetailResponse>;

/** `GET /api/platform/me`: the header's name, and the user type (【企业信息管理】 is for 法人). */
export const platformMeResponse = z.discriminatedUnion('loggedIn', [
  z.object({ loggedIn: z.literal(false) }),
  z.object({ loggedIn: z.literal(true), displayName: z.string(), userType: z.enum(USER_TYPES) }),
]);
export type PlatformMe = z.infer<typeof platformMeResponse>;
