/** Texts of the OIDC flow's server-rendered pages (the page frame is http/html-page.ts). */

/** Chinese texts for the protocol errors a person can meet in a browser. */
export function oidcErrorMessage(error: string | undefined, description: string | undefined): string {
  switch (error) {
    case 'invalid_redirect_uri':
      return '应用的回调地址未登记，已拒绝跳转。请从应用的官方入口重新登录。';
    case 'invalid_client':
      return '应用未在统一登录系统登记，无法登录。';
    case 'invalid_request':
      if (description?.includes('code_challenge')) return '登录请求缺少安全校验参数（PKCE），请从应用入口重新登录。';
      return '登录请求无效，请从应用入口重新登录。';
    case 'access_denied':
      return '您已拒绝授权该应用。';
    case 'login_required':
    case 'interaction_required':
      return '请先登录统一登录系统。';
    case 'invalid_grant':
      return '登录凭证已失效或已被使用，请重新登录。';
    case 'unsupported_response_type':
      return '应用使用了不支持的登录方式。';
    case 'invalid_scope':
      return '应用请求了不支持的信息范围。';
    case 'session_not_found':
    case 'invalid_session':
      return '登录状态已失效，请重新登录。';
    default:
      return '登录过程出现问题，请从应用入口重新登录。';
  }
}

export const scopeDescriptions: Record<string, string> = {
  openid: '您在统一登录系统中的唯一标识',
  profile: '名称（企业名称或姓名）和登录名',
  enterprise: '用户类型、实名认证状态和统一社会信用代码',
};
