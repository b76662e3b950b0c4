/**
 * 企业信息 (flows.md "Exact labels"; form.md 企业信息) in Chinese: field labels, units, value
 * sets. No zod and no Node APIs, so any page can use them. Qualifiers are part of the label in
 * full-width brackets; units are the input's suffix, not part of the label.
 */

export const COMPANY_TYPES = ['llc', 'joint_stock', 'sole_proprietorship', 'partnership', 'other'] as const;
export type CompanyType = (typeof COMPANY_TYPES)[number];
export const COMPANY_TYPE_LABELS: Record<CompanyType, string> = {
  llc: '有限责任公司',
  joint_stock: '股份有限公司',
  sole_proprietorship: '个人独资企业',
  partnership: '合伙企业',
  other: '其他',
};

export const LISTING_BOARDS = ['main', 'chinext', 'star', 'bse', 'neeq', 'overseas'] as const;
export type ListingBoard = (typeof LISTING_BOARDS)[number];
export const LISTING_BOARD_LABELS: Record<ListingBoard, string> = {
  main: '主板',
  chinext: '创业板',
  star: '科创板',
  bse: '北交所',
  neeq: '新三板',
  overseas: '境外上市',
};

/** Read-only, from the real-name record. */
export const RECORD_FIELD_LABELS = {
  enterpriseName: '企业名称',
  uscc: '统一社会信用代码',
  legalRepName: '法定代表人',
} as const;

/** Required for a complete 企业信息 (form.md), in the order of the form. */
export const REQUIRED_PROFILE_FIELDS = [
  'districtCode',
  'addressDetail',
  'establishedOn',
  'registeredCapitalWan',
  'companyType',
  'industryCode',
  'mainBusiness',
  'employees',
  'revenueWan',
  'assetsWan',
  'contactName',
  'contactMobile',
  'contactEmail',
] as const;
export type RequiredProfileField = (typeof REQUIRED_PROFILE_FIELDS)[number];

export const OPTIONAL_PROFILE_FIELDS = ['businessAddress', 'website', 'listed', 'listingBoard', 'stockCode', 'intro'] as const;
export type OptionalProfileField = (typeof OPTIONAL_PROFILE_FIELDS)[number];
export type ProfileField = RequiredProfileField | OptionalProfileField;

export const PROFILE_FIELD_LABELS: Record<ProfileField, string> = {
  districtCode: '注册地址',
  addressDetail: '详细地址',
  establishedOn: '成立日期',
  registeredCapitalWan: '注册资本',
  companyType: '企业类型',
  industryCode: '所属行业',
  mainBusiness: '主营业务',
  employees: '从业人员（上年末）',
  revenueWan: '上年度营业收入',
  assetsWan: '上年度资产总额',
  contactName: '联系人',
  contactMobile: '联系人手机',
  contactEmail: '联系人邮箱',
  businessAddress: '经营地址',
  website: '企业网站',
  listed: '是否上市',
  listingBoard: '上市板块',
  stockCode: '股票代码',
  intro: '企业简介',
};

/** The input's suffix. */
export const PROFILE_FIELD_UNITS: Partial<Record<ProfileField, string>> = {
  registeredCapitalWan: '万元',
  employees: '人',
  revenueWan: '万元',
  assetsWan: '万元',
};

export const ENTERPRISE_SIZE_LABEL = '企业规模';
export const MAIN_BUSINESS_MAX = 200;
export const INTRO_MAX = 1000;

/** 认定情况 table columns (flows.md). */
export const QUALIFICATION_COLUMN_LABELS = {
  type: '资质类型',
  certNo: '认定编号',
  batch: '认定年度',
  recognizedOn: '认定日期',
  validUntil: '有效期至',
  state: '状态',
  authority: '认定单位',
} as const;

export const QUALIFICATION_STATES = ['valid', 'expired', 'revoked'] as const;
export type QualificationState = (typeof QUALIFICATION_STATES)[number];
export const QUALIFICATION_STATE_LABELS: Record<QualificationState, string> = {
  valid: '有效',
  expired: '已过期',
  revoked: '已撤销',
};

/**
 * 状态 of a qualification on `today` ('YYYY-MM-DD', Asia/Shanghai): 已撤销 when revoked; 已过期
 * after its 有效期至 (the last valid day) or when its 认定日期 is more than 3 years back (README
 * "Valid"); else 有效.
 */
export function qualificationState(q: { status: 'active' | 'revoked'; recognizedOn: string; validUntil: string }, today: string): QualificationState {
  if (q.status === 'revoked') return 'revoked';
  const threeYearsBack = `${Number(today.slice(0, 4)) - 3}${today.slice(4)}`;
  if (q.validUntil < today || q.recognizedOn < threeYearsBack) return 'expired';
  return 'valid';
}
