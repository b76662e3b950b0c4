/**
 * What the server and the pages tell people after an action succeeded, and other notices
 * that are not errors (errors: errors.ts). No zod and no Node APIs: the browser and the
 * server import it.
 */

export const successMessages = {
  // codes sent
  smsCodeSent: '短信验证码已发送，请注意查收',
  smsCodeSentToNewMobile: '短信验证码已发送至新手机号，请注意查收',
  smsCodeSentTo: (mobileMasked: string) => `短信验证码已发送至 ${mobileMasked}，请注意查收`,
  emailCodeSent: '邮箱验证码已发送，请登录邮箱查收',
  // 注册, 账号设置, 实名认证
  registered: '您已成功注册并登录',
  passwordChanged: '密码修改成功，其他设备上的登录已退出。',
  mobileChanged: '手机号修改成功，其他设备上的登录已退出。',
  emailBound: '邮箱绑定成功，其他设备上的登录已退出。',
  realnameVerified: '实名认证成功',
  realnameManualFiled: (acceptanceNo: string) => `已提交人工核验，受理编号：${acceptanceNo}`,
  accountClosed: '账号已注销。感谢您的使用。',
  loggedOut: '您已退出登录',
  // 忘记密码 and 手机号修改 (answered by the server: never telling whether the account exists)
  forgotCodeSent: '如账号与手机号匹配，验证码已发送至该手机',
  passwordReset: '密码重置成功，请重新登录',
  recoveryEmailCodeSent: '如该账号已绑定邮箱，验证码已发送至绑定邮箱',
  mobileChangedByEmail: '手机号修改成功。如需重新设置密码，请使用【忘记密码】。',
  mobileChangeFiled: (acceptanceNo: string) => `申请已提交，受理编号：${acceptanceNo}；审核结果将以短信形式发送至新手机号`,
  // 管理端 【人工核验】
  reviewApproved: (acceptanceNo: string) => `已通过申请 ${acceptanceNo}`,
  reviewRejected: (acceptanceNo: string) => `已驳回申请 ${acceptanceNo}`,
};

/** 核验进度查询 without a matching request (受理编号 and 新手机号 must both match). */
export const REVIEW_NOT_FOUND = '未查询到申请记录';
