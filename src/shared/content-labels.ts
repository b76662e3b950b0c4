/** The platform's published content (首页 政策文件 and 通知公告). No zod and no Node APIs. */
export const CONTENT_KINDS = ['policy', 'notice'] as const;
export type ContentKind = (typeof CONTENT_KINDS)[number];

export const CONTENT_KIND_LABELS: Record<ContentKind, string> = { policy: '政策文件', notice: '通知公告' };
