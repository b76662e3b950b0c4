import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { AppFrame } from '../components/AppFrame';
import { NotFound } from '../components/NotFound';
import { Loading } from '../components/QueryState';
import { SiteFooter } from '../components/SiteFooter';
import { SiteHeader } from '../components/SiteHeader';
import { PORTAL_NAME } from './me';
import { PortalHomePage } from './pages/PortalHomePage';
import { PortalUserActions } from './PortalUserActions';
import './portal.css';

const SmeZonePage = lazy(() => import('./pages/SmeZonePage'));

export function PortalApp() {
  return (
    <AppFrame
      header={<SiteHeader title={PORTAL_NAME} homePath="/" actions={<PortalUserActions />} />}
      footer={<SiteFooter />}
    >
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route path="/" element={<PortalHomePage />} />
          <Route path="/sme" element={<SmeZonePage />} />
          <Route path="*" element={<NotFound siteName={PORTAL_NAME} />} />
        </Routes>
      </Suspense>
    </AppFrame>
  );
}
