import { lazy, Suspense } from 'react';
import { ConfigProvider, type ThemeConfig } from 'antd';
import { Navigate, Route, Routes } from 'react-router';
import { AppFrame } from '../components/AppFrame';
import { NotFound } from '../components/NotFound';
import { Loading } from '../components/QueryState';
import { SiteFooter } from '../components/SiteFooter';
import { SiteHeader } from '../components/SiteHeader';
import { HeaderActions } from './HeaderActions';
import { ROUTES } from './links';
import { ADMIN_NAME } from './me';
import './admin.css';

// Every page is its own chunk: the first one holds only the frame and the header.
const LoginPage = lazy(() => import('./pages/LoginPage'));
const ConsoleLayout = lazy(() => import('./console/ConsoleLayout'));
const ReviewsPage = lazy(() => import('./reviews/ReviewsPage'));
const ReviewDetailPage = lazy(() => import('./reviews/ReviewDetailPage'));
const QualificationsPage = lazy(() => import('./qualifications/QualificationsPage'));
const QualificationImportPage = lazy(() => import('./qualifications/ImportPage'));
const OperatorsPage = lazy(() => import('./operators/OperatorsPage'));
const AuditPage = lazy(() => import('./audit/AuditPage'));
const ContentAdminPage = lazy(() => import('./content/ContentAdminPage'));
const DashboardPage = lazy(() => import('./dashboard/DashboardPage'));
const RegistrationsPage = lazy(() => import('./registrations/RegistrationsPage'));
const RegistrationDetailPage = lazy(() => import('./registrations/RegistrationDetailPage'));
const SettingsPage = lazy(() => import('./settings/SettingsPage'));

/**
 * antd's default error red (#ff4d4f) is below 4.5:1 on white, and the console shows it as
 * text (【驳回】, 【确定】 of the 驳回 dialog, field errors): a darker red, merged into the
 * shared theme.
 */
const adminTheme: ThemeConfig = { token: { colorError: '#cf1322' } };

/** 管理端 (/admin): 登录 and, for logged-in operators, the console with its menu. */
export function AdminApp() {
  return (
    <ConfigProvider theme={adminTheme}>
      <AppFrame header={<SiteHeader title={ADMIN_NAME} actions={<HeaderActions />} />} footer={<SiteFooter />}>
        <Suspense fallback={<Loading />}>
          <Routes>
            <Route path="/" element={<Navigate to={ROUTES.reviews} replace />} />
            <Route path={ROUTES.login} element={<LoginPage />} />
            <Route element={<ConsoleLayout />}>
              <Route path={ROUTES.reviews} element={<ReviewsPage />} />
              <Route path={`${ROUTES.reviews}/:id`} element={<ReviewDetailPage />} />
              <Route path={ROUTES.qualifications} element={<QualificationsPage />} />
              <Route path={`${ROUTES.qualifications}/import`} element={<QualificationImportPage />} />
              <Route path={`${ROUTES.qualifications}/import/:id`} element={<QualificationImportPage />} />
              <Route path={ROUTES.operators} element={<OperatorsPage />} />
              <Route path={ROUTES.audit} element={<AuditPage />} />
              <Route path={ROUTES.content} element={<ContentAdminPage />} />
              <Route path={ROUTES.dashboard} element={<DashboardPage />} />
              <Route path={ROUTES.registrations} element={<RegistrationsPage />} />
              <Route path={`${ROUTES.registrations}/:id`} element={<RegistrationDetailPage />} />
              <Route path={ROUTES.settings} element={<SettingsPage />} />
            </Route>
            <Route path="*" element={<NotFound siteName={ADMIN_NAME} />} />
          </Routes>
        </Suspense>
      </AppFrame>
    </ConfigProvider>
  );
}
