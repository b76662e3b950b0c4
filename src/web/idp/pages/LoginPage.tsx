import { useEffect } from 'react';
import { Alert } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useLocation, useSearchParams } from 'react-router';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { LoginForm } from '../LoginForm';
import { registerPath, ROUTES, safeReturnPath } from '../links';
import { IDP_NAME, SUPPORT_LINE, ucMeQuery } from '../me';

/** After a successful login without (a valid) return_to. */
const DEFAULT_AFTER_LOGIN = '/uc/center';

/** Router state other pages pass to the login page (退出登录, 注销账号). */
export interface LoginNotice {
  notice?: string;
}

/** 登录 (flows.md): `?return_to=<relative path>` is where a successful login goes. */
export function LoginPage() {
  useDocumentTitle(IDP_NAME, '登录');
  const [params] = useSearchParams();
  const location = useLocation();
  const notice = (location.state as LoginNotice | null)?.notice;
  const returnTo = safeReturnPath(params.get('return_to'));
  const from = returnTo ? `${window.location.origin}${returnTo}` : null;
  const queryClient = useQueryClient();
  // Arriving here from the 用户中心 (退出登录, 注销账号): forget the account shown there. A
  // successful login loads a new page anyway.
  useEffect(() => {
    queryClient.removeQueries({ queryKey: ucMeQuery.queryKey });
  }, [queryClient]);

  return (
    <div className="site-container auth-page">
      <section className="auth-card" aria-labelledby="login-title">
        <h1 id="login-title" className="auth-card__title">
          用户登录
        </h1>
        {notice ? <Alert className="form-alert" type="success" showIcon message={notice} /> : null}
        <LoginForm onSuccess={() => window.location.assign(returnTo ?? DEFAULT_AFTER_LOGIN)} />
        <nav className="auth-links" aria-label="账号服务">
          <Link to={registerPath(from)}>注册</Link>
          <Link to={ROUTES.forgotPassword}>忘记密码</Link>
          <Link to={ROUTES.mobileChange}>手机号修改</Link>
        </nav>
        <p className="auth-support">{SUPPORT_LINE}</p>
      </section>
    </div>
  );
}
