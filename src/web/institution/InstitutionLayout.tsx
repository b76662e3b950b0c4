import { Suspense } from 'react';
import { Menu } from 'antd';
import { Link, Navigate, Outlet, useLocation } from 'react-router';
import { LoadError, Loading } from '../components/QueryState';
import { PATHS, useInstitutionMe } from './me';

const MENU = [
  { key: PATHS.enterprises, label: '企业名单' },
  { key: PATHS.records, label: '对接记录' },
];

/** The logged-in 金融机构端: menu and page; not logged in → 登录. */
export default function InstitutionLayout() {
  const me = useInstitutionMe();
  const { pathname } = useLocation();
  if (me.isPending) return <Loading />;
  if (me.isError) return <LoadError error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data.loggedIn) return <Navigate to={PATHS.login} replace />;
  const selected = pathname.startsWith(PATHS.records) ? PATHS.records : PATHS.enterprises;
  return (
    <div className="site-container admin-console">
      <nav className="admin-console__nav" aria-label="金融机构端菜单">
        <Menu mode="inline" selectedKeys={[selected]} items={MENU.map((item) => ({ key: item.key, label: <Link to={item.key}>{item.label}</Link> }))} />
      </nav>
      <div className="admin-console__content">
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </div>
    </div>
  );
}
