/**
 * 【审计日志】: what the recorded actions and actors are called in the console. No zod and no
 * Node APIs: the browser and the server import it. An action without a label is shown as
 * its code.
 */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  // 统一登录系统
  'account.register': '注册账号',
  'account.export': '个人信息下载',
  'account.close': '注销账号',
  'login.success': '登录成功',
  'login.failure': '登录失败',
  'login.locked': '登录被锁定时尝试',
  'login.lockout': '登录失败次数过多被锁定',
  'login.address_throttled': '网络地址登录受限',
  'realname.attempt': '实名认证',
  'password.change': '修改密码',
  'password.change_failed': '修改密码失败',
  'password.reset_code': '忘记密码：获取验证码',
  'password.reset': '忘记密码：重置密码',
  'mobile.change': '修改手机号',
  'mobile_change.manual_filed': '提交手机号修改人工核验申请',
  'email.bind': '绑定邮箱',
  // 管理端: 登录, 人工核验
  'operator.login': '管理端登录',
  'operator.login_failure': '管理端登录失败',
  'operator.totp_enrolled': '绑定动态口令',
  'review.view': '查看人工核验申请',
  'review.reveal': '查看完整证件号码或手机号',
  'review.file_view': '查看上传材料',
  'review.approve': '人工核验通过',
  'review.reject': '人工核验驳回',
  // 管理端: 账号管理
  'operator.create': '新建管理端账号',
  'operator.disable': '停用管理端账号',
  'operator.enable': '启用管理端账号',
  'operator.reset_totp': '重置动态口令',
  'operator.set_auditor': '设置审计员',
  // 管理端: 审计日志
  'audit.search': '查询审计日志',
  'audit.export': '导出审计日志',
  'audit.verify': '校验审计日志',
  // 运维命令 (docs/operations.md)
  'keys.rotate': '个人信息密钥轮换',
  'backup.restore': '从备份恢复数据库',
  // 管理端: 内容管理
  'content.create': '新建内容',
  'content.update': '修改内容',
  'content.delete': '删除内容',
  // 管理端: 登记查询, 系统设置
  'registration.view': '查看登记详情',
  'registration.export': '导出登记数据',
  'registration.export_unmasked': '导出登记数据（含完整个人信息）',
  'settings.window': '设置填报时间',
  'settings.notice': '发布新版提示事项',
  'settings.catalogue': '发布新版指标体系',
  'settings.recompute': '重新计算积分',
  // 金融机构端 and 融资对接 (issue 17)
  'institution.create': '新建金融机构账号',
  'institution.enterprise_view': '金融机构查看企业详情',
  'institution.contact_reveal': '金融机构查看联系方式',
  'institution.matchmaking_record': '登记对接',
  'financing.consent_withdrawn': '撤回授权（融资对接）',
};

export const auditActionLabel = (action: string): string => AUDIT_ACTION_LABELS[action] ?? action;

export const AUDIT_ACTOR_TYPE_LABELS: Record<string, string> = {
  anonymous: '未登录用户',
  account: '用户账号',
  operator: '管理端用户',
  institution: '金融机构用户',
  system: '系统',
};

/** What kind of object a record is about. */
export const AUDIT_TARGET_TYPE_LABELS: Record<string, string> = {
  account: '用户账号',
  operator: '管理端账号',
  review_request: '人工核验申请',
  content: '政策文件或通知公告',
  audit_log: '审计日志',
  qualification: '资质',
  enterprise: '企业',
  institution: '金融机构',
};

/** Why a chain check failed, as the console says it. */
export const AUDIT_VERIFY_FAILURE_LABELS: Record<string, string> = {
  'hash-mismatch': '记录内容与其哈希值不一致（记录被修改）',
  'broken-link': '记录与前一条记录的哈希链接断开',
  gap: '记录序号不连续（记录被删除或插入）',
  'head-mismatch': '链尾与最新记录不一致（最新记录被删除）',
};
