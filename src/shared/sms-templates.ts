/**
 * Every text sent by SMS or e-mail, in one place. No zod and no Node APIs. Times come in
 * already formatted (Beijing time).
 */

const SMS_SIGNATURE = '【梯度培育平台】';

/** The ways a 手机号 gets changed, as the notices name them. */
export type MobileChangeWay = '账号设置' | '邮箱核验' | '人工核验';

/** What happened to the account, in the credential-change notice to the previous mobile. */
export const credentialChangeTexts = {
  password: '修改了登录密码',
  passwordReset: '通过【忘记密码】重置了登录密码',
  email: '绑定了新的邮箱',
  mobile: (way: MobileChangeWay) => `通过${way}修改了绑定手机号`,
};

export const smsTemplates = {
  verificationCode: (code: string) => `${SMS_SIGNATURE}您的验证码为${code}，5分钟内有效。如非本人操作，请忽略本短信。`,
  credentialChanged: (loginName: string, at: string, what: string) =>
    `${SMS_SIGNATURE}您的账号${loginName}于${at}${what}。如非本人操作，请立即通过【忘记密码】重置密码或致电12381。`,
  mobileBound: (loginName: string) => `${SMS_SIGNATURE}您的账号${loginName}已成功绑定本手机号。`,
  mobileChangeApproved: (loginName: string) =>
    `${SMS_SIGNATURE}您的手机号修改申请已通过，账号${loginName}已绑定本手机号。如需重新设置密码，请在登录页点击【忘记密码】。`,
  mobileChangeRejected: (acceptanceNo: string, reason: string) => `${SMS_SIGNATURE}您的手机号修改申请（受理编号${acceptanceNo}）未通过审核，原因：${reason}`,
  realnameApproved: (acceptanceNo: string) => `${SMS_SIGNATURE}您的实名认证申请（受理编号${acceptanceNo}）已通过审核。`,
  realnameRejected: (acceptanceNo: string, reason: string) => `${SMS_SIGNATURE}您的实名认证申请（受理编号${acceptanceNo}）未通过审核，原因：${reason}`,
};

export const emailTemplates = {
  verificationCode: (code: string) => ({
    subject: '梯度培育平台邮箱验证码',
    text: `您的邮箱验证码为${code}，5分钟内有效。如非本人操作，请忽略本邮件。`,
  }),
};
