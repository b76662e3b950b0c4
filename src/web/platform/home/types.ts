/** `GET /api/platform/home` list item. */
export interface ContentItem {
  id: string;
  title: string;
  /** YYYY-MM-DD */
  publishedAt: string;
  summary: string;
}

/** `GET /api/platform/home`. */
export interface HomeData {
  policies: ContentItem[];
  notices: ContentItem[];
}

/** `GET /api/platform/content/:id`. body: plain text, paragraphs separated by blank lines. */
export interface ContentDetail {
  id: string;
  kind: 'policy' | 'notice';
  title: string;
  publishedAt: string;
  body: string;
}

export const CONTENT_KIND_LABEL: Record<ContentDetail['kind'], string> = {
  policy: '政策文件',
  notice: '通知公告',
};
