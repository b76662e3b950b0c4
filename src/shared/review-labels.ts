/**
 * 【人工核验】 labels, shared by the server and the 管理端 console. No zod here: the console's
 * queue page loads this without the schema modules.
 */
export const reviewKinds = ['realname', 'mobile_change'] as const;
export type ReviewKind = (typeof reviewKinds)[number];
export const reviewStatuses = ['pending', 'approved', 'rejected'] as const;
export type ReviewStatus = (typeof reviewStatuses)[number];

export const reviewKindLabels: Record<ReviewKind, string> = { realname: '实名认证', mobile_change: '手机号修改' };
export const reviewStatusLabels: Record<ReviewStatus, string> = { pending: '待审核', approved: '已通过', rejected: '已驳回' };

/** Region of a request that only 部级 operators decide (a 手机号修改 of an unknown or unverified account). */
export const NATIONAL_ONLY_REGION_LABEL = '仅部级';

/** The fields a request detail shows, by key (the server sends keys, the console shows these). */
export const reviewFieldLabels = {
  newMobile: '新手机号',
  description: '说明',
  accountType: '账号类型',
  enterpriseName: '企业名称',
  uscc: '统一社会信用代码',
  legalRepName: '法定代表人姓名',
  legalRepIdNumber: '法定代表人身份证号码',
  personName: '姓名',
  personIdNumber: '身份证号码',
  idType: '证件类型',
  idNumber: '证件号码',
} as const;
export type ReviewField = keyof typeof reviewFieldLabels;

/** A 手机号修改's applicant data against the target account's verified record. */
export const comparisonResults = ['same', 'different', 'missing'] as const;
export type ComparisonResult = (typeof comparisonResults)[number];
export const comparisonResultLabels: Record<ComparisonResult, string> = { same: '一致', different: '不一致', missing: '无实名信息' };

/** Which side of the comparison a revealed value comes from. */
export const revealSides = ['applicant', 'account'] as const;
export type RevealSide = (typeof revealSides)[number];

/** Uploaded papers by their role in the form (实名认证 人工核验, 手机号修改 人工核验). */
export const reviewFileLabels = {
  businessLicense: '营业执照',
  idDocument: '证件',
  legalRepIdFront: '法定代表人身份证正面',
  legalRepIdBack: '法定代表人身份证反面',
  authorization: '授权委托书',
} as const;
