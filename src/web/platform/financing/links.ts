/** Platform paths of 融资服务专区 and the pages it sends people to. */
export const FINANCING_PATHS = {
  entry: '/financing',
  form: '/financing/form',
  /** `id`: a version's opaque id. */
  receipt: (id: string) => `/financing/receipt/${encodeURIComponent(id)}`,
} as const;

/** 企业信息管理 pages (issue 13). */
export const ENTERPRISE_PATHS = {
  edit: '/enterprise/edit',
  qualifications: '/enterprise/qualifications',
} as const;

/** The 积分结果 page (issue 15). */
export const SCORE_PATH = '/score';
