import { LOGIN_RESULT_LABELS, REALNAME_STATUS_LABELS, USER_TYPE_LABELS, type LoginResult, type RealnameStatus, type UserType } from '../../../shared/account-labels.js';
import { formatShanghaiDateTime } from '../../../shared/datetime.js';
import { maskEmail, maskIdNumber, maskMobile } from '../../../shared/mask.js';

/** The account's data in clear, as the service reads it. */
export interface PersonalData {
  loginName: string;
  mobile: string;
  email: string | null;
  userType: UserType | null;
  realnameStatus: RealnameStatus;
  enterpriseName: string | null;
  uscc: string | null;
  legalRepName: string | null;
  personName: string | null;
  idNumber: string | null;
  createdAt: string;
  verifiedAt: string | null;
}

export interface PersonalLoginRecord {
  at: string;
  ip: string | null;
  browser: string;
  userAgent: string | null;
  result: LoginResult;
}

const PERSONAL_DATA_NOTE =
  '本文件为您在工业和信息化部统一登录系统的个人信息副本。时间均为北京时间；手机号、邮箱和证件号码与用户中心一样部分隐藏显示。';

/**
 * 个人信息下载 as a person reads it: Chinese field names, 法人/自然人 and the 实名状态 in words,
 * times in Beijing time, and mobile, e-mail and ID number masked as the 用户中心 shows them.
 * Fields that do not apply to the account (企业名称 of a 自然人…) are left out.
 */
export function personalDataFile(account: PersonalData, loginRecords: PersonalLoginRecord[], exportedAt: string) {
  const realname: Record<string, string> = { 实名状态: REALNAME_STATUS_LABELS[account.realnameStatus] };
  if (account.realnameStatus === 'verified' && account.userType) {
    realname.用户类型 = USER_TYPE_LABELS[account.userType];
    if (account.userType === 'legal') {
      if (account.enterpriseName) realname.企业名称 = account.enterpriseName;
      if (account.uscc) realname.统一社会信用代码 = account.uscc;
      if (account.legalRepName) realname.法定代表人 = account.legalRepName;
    } else if (account.personName) {
      realname.姓名 = account.personName;
    }
    if (account.idNumber) realname.证件号码 = maskIdNumber(account.idNumber);
    if (account.verifiedAt) realname.认证时间 = formatShanghaiDateTime(account.verifiedAt);
  }
  return {
    说明: PERSONAL_DATA_NOTE,
    导出时间: formatShanghaiDateTime(exportedAt),
    账号信息: {
      登录名: account.loginName,
      手机号: maskMobile(account.mobile),
      邮箱: account.email ? maskEmail(account.email) : '未绑定',
      注册时间: formatShanghaiDateTime(account.createdAt),
    },
    实名认证信息: realname,
    登录记录: loginRecords.map((r) => ({
      时间: formatShanghaiDateTime(r.at),
      IP地址: r.ip || '—',
      浏览器: r.browser,
      浏览器详细信息: r.userAgent ?? '—',
      结果: LOGIN_RESULT_LABELS[r.result] ?? r.result,
    })),
  };
}
