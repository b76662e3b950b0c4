/** Platform paths of 企业信息管理 (financing/links.ts ENTERPRISE_PATHS points at the same pages). */
export const ENTERPRISE_PAGES = {
  view: '/enterprise',
  edit: '/enterprise/edit',
  qualifications: '/enterprise/qualifications',
} as const;

export const ENTERPRISE_MENU_LABEL = '企业信息管理';
