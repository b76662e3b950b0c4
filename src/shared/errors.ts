/**
 * The one catalogue of error codes and their Chinese messages. Server errors travel as
 * { code, message, fieldErrors, requestId }; pages show `message` and `fieldErrors`.
 */
export const errorMessages = {
  // generic
  NOT_FOUND: '您访问的页面或接口不存在',
  VALIDATION_FAILED: '提交的信息有误，请检查后重试',
  BAD_REQUEST_BODY: '请求数据格式错误，请刷新页面后重试',
  BODY_TOO_LARGE: '提交的数据过大',
  UNSUPPORTED_MEDIA_TYPE: '不支持的数据格式',
  METHOD_NOT_ALLOWED: '不支持的请求方式',
  INTERNAL: '系统繁忙，请稍后再试',
  SERVICE_UNAVAILABLE: '系统繁忙，请稍后再试',
  TOO_MANY_REQUESTS: '请求过于频繁，请稍后再试',
  UNAUTHENTICATED: '请先登录',
  SESSION_EXPIRED: '登录已超时，请重新登录',
  FORBIDDEN: '您无权进行此操作',
  CSRF_INVALID: '页面已过期，请刷新后重试',
  // captcha and codes
  CAPTCHA_INVALID: '图形验证码错误',
  SMS_TOO_FREQUENT: '发送过于频繁，请稍后再试',
  SMS_CODE_INVALID: '短信验证码错误或已过期',
  EMAIL_CODE_INVALID: '邮箱验证码错误或已过期',
  // accounts (统一登录系统)
  LOGIN_FAILED: '账号或密码错误',
  LOGIN_LOCKED: '登录失败次数过多，请30分钟后再试或通过【忘记密码】重置密码',
  LOGIN_THROTTLED: '您所在网络的登录失败次数过多，请稍后再试',
  LOGIN_NAME_TAKEN: '登录名已存在',
  MOBILE_ACCOUNT_LIMIT: '该手机号绑定账号已达上限',
  PASSWORD_POLICY: '密码不符合要求',
  OLD_PASSWORD_WRONG: '原密码错误',
  PASSWORD_WRONG: '密码错误',
  SAME_MOBILE: '新手机号与当前绑定手机号相同',
  ACCOUNT_CLOSE_REFUSED: '注销失败',
  // 实名认证
  USCC_EXISTS: '统一社会信用代码已存在',
  REALNAME_MISMATCH: '认证信息与登记机关信息不一致，请核对后重试',
  REALNAME_DAILY_LIMIT: '今日实名认证次数已达上限，请明日再试',
  REALNAME_NATURAL_LOCKED: '当前账号已实名认证为自然人，如需办理企业业务，请重新注册账号并完成法人实名认证',
  REALNAME_ALREADY: '当前账号已完成实名认证',
  REALNAME_PENDING: '实名认证申请正在审核中，请耐心等待审核结果',
  // recovery
  FLOW_EXPIRED: '操作已超时，请重新开始',
  REVIEW_ALREADY_DECIDED: '该申请已由其他审核人员处理',
  REVIEW_NO_ACCOUNT: '该申请未匹配到账号，请驳回并说明原因',
  // 管理端
  TOTP_REQUIRED: '请输入动态口令',
  TOTP_INVALID: '动态口令错误',
  TOTP_ENROLLMENT_REQUIRED: '首次登录请绑定动态口令',
  REGION_FORBIDDEN: '该数据不在您的管辖范围内',
  // uploads
  UPLOAD_TYPE: '文件格式不支持，请上传JPG、PNG或PDF文件',
  UPLOAD_TOO_LARGE: '文件大小不能超过5MB',
  UPLOAD_REQUIRED: '请上传文件',
} as const;

export type ErrorCode = keyof typeof errorMessages;

export interface ErrorBody {
  code: ErrorCode | string;
  message: string;
  fieldErrors: Record<string, string>;
  requestId: string;
}

/** Chinese message for a field-level zod issue that carries no message of ours. */
export const requiredFieldMessage = '此项为必填项';
