import { Suspense, useEffect } from 'react';
import { Menu } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { IdleWarning } from '../../components/IdleWarning';
import { LoadError, Loading } from '../../components/QueryState';
import { onUnauthenticated } from '../adminApi';
import { loginPath, ROUTES, type LoginNotice } from '../links';
import { adminMeQuery, useAdminMe } from '../me';
import { errorMessages } from '../../../shared/errors';
import type { Operator } from '../../../shared/schemas/admin';

interface MenuItem {
  key: string;
  label: string;
  /** Whether this operator gets the menu (the server checks again on every request). */
  visible?: (me: Operator) => boolean;
}

/**
 * The menus of the features that exist (flows.md: menus appear as their features are built;
 * none is a placeholder).
 */
const MENU: readonly MenuItem[] = [
  { key: ROUTES.dashboard, label: '工作台' },
  { key: ROUTES.qualifications, label: '资质管理' },
  { key: ROUTES.registrations, label: '登记查询' },
  { key: ROUTES.reviews, label: '人工核验' },
  // 部级: every account; 省级: the 市级 accounts of its province; 市级: none.
  { key: ROUTES.operators, label: '账号管理', visible: (me) => me.role !== 'city' },
  { key: ROUTES.audit, label: '审计日志', visible: (me) => me.role === 'ministry' && me.isAuditor },
  { key: ROUTES.content, label: '内容管理', visible: (me) => me.role === 'ministry' },
  { key: ROUTES.settings, label: '系统设置', visible: (me) => me.role === 'ministry' },
];

/**
 * Frame of the logged-in console: the menu on the left (above the page on a phone), the page,
 * the idle-logout warning. Not logged in, or logged out meanwhile → 登录, coming back here.
 */
export default function ConsoleLayout() {
  const me = useAdminMe();
  const location = useLocation();
  const here = `${location.pathname}${location.search}`;
  if (me.isPending) return <Loading />;
  if (me.isError) return <LoadError error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data.loggedIn) return <Navigate to={loginPath(here)} replace />;
  return <ConsoleFrame me={me.data} />;
}

function ConsoleFrame({ me }: { me: Operator }) {
  const { pathname, search } = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  // A 401 from any console request: the session ended (idle timeout, 退出 in another tab).
  useEffect(
    () =>
      onUnauthenticated(() => {
        const from = `${window.location.pathname.replace(/^\/admin(?=\/|$)/, '') || '/'}${window.location.search}`;
        queryClient.removeQueries({ queryKey: ['admin'] });
        queryClient.setQueryData(adminMeQuery.queryKey, { loggedIn: false });
        const state: LoginNotice = { notice: errorMessages.SESSION_EXPIRED };
        navigate(loginPath(from), { replace: true, state });
      }),
    [navigate, queryClient],
  );

  const menu = MENU.filter((item) => !item.visible || item.visible(me));
  const selected = menu.find((item) => pathname === item.key || pathname.startsWith(`${item.key}/`))?.key;

  return (
    <div className="site-container admin-console">
      <nav className="admin-console__nav" aria-label="管理菜单">
        <Menu
          mode="inline"
          selectedKeys={selected ? [selected] : []}
          items={menu.map((item) => ({ key: item.key, label: <Link to={item.key}>{item.label}</Link> }))}
        />
      </nav>
      <div className="admin-console__content">
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </div>
      <IdleWarning realm="admin" loginUrl={() => `/admin${loginPath(`${pathname}${search}`)}`} />
    </div>
  );
}
