/**
 * The one catalogue of error codes: each with its Chinese message and the HTTP status it is
 * answered with. Server errors travel as { code, message, fieldErrors, requestId }; pages
 * show `message` and `fieldErrors`.
 */
export const errorCatalogue = {
  // generic
  NOT_FOUND: { message: '您访问的页面或接口不存在', status: 404 },
  VALIDATION_FAILED: { message: '提交的信息有误，请检查后重试', status: 400 },
  BAD_REQUEST_BODY: { message: '请求数据格式错误，请刷新页面后重试', status: 400 },
  BODY_TOO_LARGE: { message: '提交的数据过大', status: 413 },
  UNSUPPORTED_MEDIA_TYPE: { message: '不支持的数据格式', status: 415 },
  INTERNAL: { message: '系统繁忙，请稍后再试', status: 500 },
  SERVICE_UNAVAILABLE: { message: '系统繁忙，请稍后再试', status: 503 },
  TOO_MANY_REQUESTS: { message: '请求过于频繁，请稍后再试', status: 429 },
  UNAUTHENTICATED: { message: '请先登录', status: 401 },
  SESSION_EXPIRED: { message: '登录已超时，请重新登录', status: 401 },
  FORBIDDEN: { message: '您无权进行此操作', status: 403 },
  CSRF_INVALID: { message: '页面已过期，请刷新后重试', status: 403 },
  // captcha and codes
  CAPTCHA_INVALID: { message: '图形验证码错误', status: 400 },
  SMS_TOO_FREQUENT: { message: '发送过于频繁，请稍后再试', status: 429 },
  SMS_CODE_INVALID: { message: '短信验证码错误或已过期', status: 400 },
  EMAIL_CODE_INVALID: { message: '邮箱验证码错误或已过期', status: 400 },
  // accounts (统一登录系统)
  LOGIN_FAILED: { message: '账号或密码错误', status: 401 },
  LOGIN_LOCKED: { message: '登录失败次数过多，请30分钟后再试或通过【忘记密码】重置密码', status: 429 },
  LOGIN_THROTTLED: { message: '您所在网络的登录失败次数过多，请稍后再试', status: 429 },
  LOGIN_NAME_TAKEN: { message: '登录名已存在', status: 409 },
  MOBILE_ACCOUNT_LIMIT: { message: '该手机号绑定账号已达上限', status: 409 },
  PASSWORD_POLICY: { message: '密码不符合要求', status: 400 },
  OLD_PASSWORD_WRONG: { message: '原密码错误', status: 400 },
  PASSWORD_WRONG: { message: '密码错误', status: 400 },
  SAME_MOBILE: { message: '新手机号与当前绑定手机号相同', status: 400 },
  ACCOUNT_CLOSE_REFUSED: { message: '注销失败', status: 409 },
  // 实名认证
  USCC_EXISTS: { message: '统一社会信用代码已存在', status: 409 },
  REALNAME_MISMATCH: { message: '认证信息与登记机关信息不一致，请核对后重试', status: 400 },
  REALNAME_DAILY_LIMIT: { message: '今日实名认证次数已达上限，请明日再试', status: 429 },
  REALNAME_NATURAL_LOCKED: { message: '当前账号已实名认证为自然人，如需办理企业业务，请重新注册账号并完成法人实名认证', status: 409 },
  REALNAME_ALREADY: { message: '当前账号已完成实名认证', status: 409 },
  REALNAME_PENDING: { message: '实名认证申请正在审核中，请耐心等待审核结果', status: 409 },
  // recovery
  FLOW_EXPIRED: { message: '操作已超时，请重新开始', status: 400 },
  REVIEW_ALREADY_DECIDED: { message: '该申请已由其他审核人员处理', status: 409 },
  REVIEW_NO_ACCOUNT: { message: '该申请未匹配到账号，请驳回并说明原因', status: 409 },
  // 管理端
  TOTP_REQUIRED: { message: '请输入动态口令', status: 400 },
  TOTP_INVALID: { message: '动态口令错误', status: 400 },
  OPERATOR_USERNAME_TAKEN: { message: '账号已存在', status: 409 },
  OPERATOR_SELF: { message: '不能对自己的账号进行此操作', status: 403 },
  AUDITOR_ONLY: { message: '仅审计员可以查看审计日志', status: 403 },
  // 融资服务专区 (registration)
  FINANCING_NATURAL: { message: '融资服务专区仅面向已完成实名认证的企业法人账户', status: 403 },
  FINANCING_NOT_OPEN: { message: '此项功能未对当前账号企业开放', status: 403 },
  FINANCING_PROFILE_INCOMPLETE: { message: '请先完善企业基本信息', status: 409 },
  FINANCING_NOTICE_UNREAD: { message: '请阅读提示事项后再填报', status: 409 },
  FINANCING_NOTICE_OUTDATED: { message: '提示事项已更新，请刷新后重新阅读', status: 409 },
  FILING_CLOSED: { message: '当前不在填报时间内', status: 409 },
  REVISION_CONFLICT: { message: '数据已被他人修改，请刷新后重试', status: 409 },
  // uploads
  UPLOAD_TYPE: { message: '文件格式不支持，请上传JPG、PNG或PDF文件', status: 400 },
  UPLOAD_TOO_LARGE: { message: '文件大小不能超过5MB', status: 400 },
  UPLOAD_REQUIRED: { message: '请上传文件', status: 400 },
  // 【资质管理】
  IMPORT_FILE_TYPE: { message: '文件格式不支持，请上传CSV或XLSX文件', status: 400 },
  IMPORT_TOO_LARGE: { message: '文件大小不能超过300MB', status: 400 },
  IMPORT_NOT_WAITING: { message: '该导入任务已确认或已取消，请刷新后查看', status: 409 },
  QUALIFICATION_ALREADY_REVOKED: { message: '该资质已撤销', status: 409 },
} as const satisfies Record<string, { message: string; status: number }>;

export type ErrorCode = keyof typeof errorCatalogue;

/** code → message, for field errors and pages that show a catalogue message themselves. */
export const errorMessages = Object.fromEntries(Object.entries(errorCatalogue).map(([code, entry]) => [code, entry.message])) as {
  [Code in ErrorCode]: (typeof errorCatalogue)[Code]['message'];
};

export interface ErrorBody {
  code: ErrorCode | string;
  message: string;
  fieldErrors: Record<string, string>;
  requestId: string;
}
