import { lazy, Suspense, useState } from 'react';
import { Button } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { Navigate, Route, Routes, useNavigate } from 'react-router';
import { api, resetCsrfToken } from '../components/api';
import { AppFrame } from '../components/AppFrame';
import { NotFound } from '../components/NotFound';
import { Loading } from '../components/QueryState';
import { SiteFooter } from '../components/SiteFooter';
import { SiteHeader } from '../components/SiteHeader';
import { INSTITUTION_NAME, institutionMeQuery, PATHS, useInstitutionMe, useProfile } from './me';
import '../admin/admin.css';
import './institution.css';

const LoginPage = lazy(() => import('./pages/LoginPage'));
const InstitutionLayout = lazy(() => import('./InstitutionLayout'));
const EnterprisesPage = lazy(() => import('./pages/EnterprisesPage'));
const EnterpriseDetailPage = lazy(() => import('./pages/EnterpriseDetailPage'));
const RecordsPage = lazy(() => import('./pages/RecordsPage'));

/** 金融机构服务端 (/institution): 登录, 【企业名单】, 【对接记录】. */
export function InstitutionApp() {
  return (
    <AppFrame header={<SiteHeader title={INSTITUTION_NAME} actions={<HeaderActions />} />} footer={<SiteFooter />}>
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route path="/" element={<Navigate to={PATHS.enterprises} replace />} />
          <Route path={PATHS.login} element={<LoginPage />} />
          <Route element={<InstitutionLayout />}>
            <Route path={PATHS.enterprises} element={<EnterprisesPage />} />
            <Route path={PATHS.enterprise} element={<EnterpriseDetailPage />} />
            <Route path={PATHS.records} element={<RecordsPage />} />
          </Route>
          <Route path="*" element={<NotFound siteName={INSTITUTION_NAME} />} />
        </Routes>
      </Suspense>
    </AppFrame>
  );
}

/** The user and institution, and 【退出】. */
function HeaderActions() {
  const me = useInstitutionMe();
  const profile = useProfile(Boolean(me.data?.loggedIn));
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [leaving, setLeaving] = useState(false);
  if (!me.data?.loggedIn) return null;
  async function logout() {
    setLeaving(true);
    await api.post('/api/institution/logout').catch(() => undefined);
    resetCsrfToken();
    queryClient.removeQueries({ queryKey: ['institution'] });
    queryClient.setQueryData(institutionMeQuery.queryKey, { loggedIn: false });
    setLeaving(false);
    navigate(PATHS.login);
  }
  return (
    <>
      <span className="site-header__user admin-user" title={`${me.data.name}（${profile.data?.institution ?? ''}）`}>
        <span className="admin-user__name">{me.data.name}</span>
        <span className="admin-user__role">{profile.data?.institution ?? ''}</span>
      </span>
      <Button ghost loading={leaving} onClick={() => void logout()}>
        退出
      </Button>
    </>
  );
}
