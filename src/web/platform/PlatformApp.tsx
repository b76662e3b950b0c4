import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { AppFrame } from '../components/AppFrame';
import { NotFound } from '../components/NotFound';
import { Loading } from '../components/QueryState';
import { SiteFooter } from '../components/SiteFooter';
import { SiteHeader } from '../components/SiteHeader';
import { HomePage } from './pages/HomePage';
import { PLATFORM_NAME, usePlatformMe } from './me';
import { currentPath, platformLoginUrl } from '../components/links';
import { PlatformUserActions } from './PlatformUserActions';
import { RegisteredNotice } from './RegisteredNotice';
import './platform.css';

const ContentPage = lazy(() => import('./pages/ContentPage'));
const IdleWarning = lazy(() => import('../components/IdleWarning').then((m) => ({ default: m.IdleWarning })));

/** Two minutes before the idle logout, logged-in users are offered 【继续使用】. */
function PlatformIdleWarning() {
  const me = usePlatformMe();
  if (!me.data?.loggedIn) return null;
  return (
    <Suspense fallback={null}>
      <IdleWarning realm="platform" loginUrl={() => platformLoginUrl(currentPath())} />
    </Suspense>
  );
}
const GuidePage = lazy(() => import('./pages/GuidePage'));
const EnterpriseInfoPage = lazy(() => import('./enterprise/EnterpriseInfoPage'));
const EnterpriseEditPage = lazy(() => import('./enterprise/EnterpriseEditPage'));
const QualificationsPage = lazy(() => import('./enterprise/QualificationsPage'));
const FinancingEntryPage = lazy(() => import('./financing/FinancingEntryPage'));
const RegistrationPage = lazy(() => import('./financing/RegistrationPage'));
const ReceiptPage = lazy(() => import('./financing/ReceiptPage'));
const ScorePage = lazy(() => import('./score/ScorePage'));
const MatchmakingPage = lazy(() => import('./matchmaking/MatchmakingPage'));

export function PlatformApp() {
  return (
    <AppFrame
      header={<SiteHeader title={PLATFORM_NAME} homePath="/" actions={<PlatformUserActions />} />}
      footer={<SiteFooter inPlatform />}
    >
      <PlatformIdleWarning />
      <RegisteredNotice />
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route path="/" element={<HomePage />} />
          <Route path="/content/:id" element={<ContentPage />} />
          <Route path="/guide" element={<GuidePage />} />
          <Route path="/enterprise" element={<EnterpriseInfoPage />} />
          <Route path="/enterprise/edit" element={<EnterpriseEditPage />} />
          <Route path="/enterprise/qualifications" element={<QualificationsPage />} />
          <Route path="/financing" element={<FinancingEntryPage />} />
          <Route path="/financing/form" element={<RegistrationPage />} />
          <Route path="/financing/receipt/:id" element={<ReceiptPage />} />
          <Route path="/score" element={<ScorePage />} />
          <Route path="/matchmaking" element={<MatchmakingPage />} />
          <Route path="*" element={<NotFound siteName={PLATFORM_NAME} inPlatform />} />
        </Routes>
      </Suspense>
    </AppFrame>
  );
}
