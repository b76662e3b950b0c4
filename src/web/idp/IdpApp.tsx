import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { AppFrame } from '../components/AppFrame';
import { NotFound } from '../components/NotFound';
import { Loading } from '../components/QueryState';
import { SiteFooter } from '../components/SiteFooter';
import { SiteHeader } from '../components/SiteHeader';
import { ROUTES } from './links';
import { IDP_NAME } from './me';
import { LoginPage } from './pages/LoginPage';
import './idp.css';

// Only 登录 is in the app's first chunk; everything else loads when visited.
const RegisterPage = lazy(() => import('./pages/RegisterPage'));
const AgreementPage = lazy(() => import('./pages/LegalPages').then((m) => ({ default: m.AgreementPage })));
const PrivacyPage = lazy(() => import('./pages/LegalPages').then((m) => ({ default: m.PrivacyPage })));
const CenterLayout = lazy(() => import('./center/CenterLayout'));
const OverviewPage = lazy(() => import('./center/OverviewPage'));
const RealnamePage = lazy(() => import('./center/RealnamePage'));
const PasswordPage = lazy(() => import('./center/PasswordPage'));
const EmailPage = lazy(() => import('./center/EmailPage'));
const MobilePage = lazy(() => import('./center/MobilePage'));
const LoginRecordsPage = lazy(() => import('./center/LoginRecordsPage'));
const ExportPage = lazy(() => import('./center/ExportPage'));
const ClosePage = lazy(() => import('./center/ClosePage'));
const ForgotPasswordPage = lazy(() => import('./recovery/ForgotPasswordPage'));
const MobileChangePage = lazy(() => import('./recovery/MobileChangePage'));
const ReviewStatusPage = lazy(() => import('./recovery/ReviewStatusPage'));

/** 统一登录系统 (/uc). The header has no 【登录】/【注册】 buttons (flows.md "Exact labels"). */
export function IdpApp() {
  return (
    <AppFrame header={<SiteHeader title={IDP_NAME} />} footer={<SiteFooter />}>
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route path="/" element={<Navigate to={ROUTES.center} replace />} />
          <Route path={ROUTES.login} element={<LoginPage />} />
          <Route path={ROUTES.register} element={<RegisterPage />} />
          <Route path={ROUTES.agreement} element={<AgreementPage />} />
          <Route path={ROUTES.privacy} element={<PrivacyPage />} />
          <Route path={ROUTES.forgotPassword} element={<ForgotPasswordPage />} />
          <Route path={ROUTES.mobileChange} element={<MobileChangePage />} />
          <Route path={`${ROUTES.mobileChange}/status`} element={<ReviewStatusPage />} />
          <Route path={ROUTES.center} element={<CenterLayout />}>
            <Route index element={<OverviewPage />} />
            <Route path="realname" element={<RealnamePage />} />
            <Route path="password" element={<PasswordPage />} />
            <Route path="email" element={<EmailPage />} />
            <Route path="mobile" element={<MobilePage />} />
            <Route path="login-records" element={<LoginRecordsPage />} />
            <Route path="export" element={<ExportPage />} />
            <Route path="close" element={<ClosePage />} />
          </Route>
          <Route path="*" element={<NotFound siteName={IDP_NAME} />} />
        </Routes>
      </Suspense>
    </AppFrame>
  );
}
