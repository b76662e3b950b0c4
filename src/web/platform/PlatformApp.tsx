import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { AppFrame } from '../components/AppFrame';
import { NotFound } from '../components/NotFound';
import { Loading } from '../components/QueryState';
import { SiteFooter } from '../components/SiteFooter';
import { SiteHeader } from '../components/SiteHeader';
import { HomePage } from './pages/HomePage';
import { PLATFORM_NAME } from './me';
import { PlatformUserActions } from './PlatformUserActions';
import './platform.css';

const ContentPage = lazy(() => import('./pages/ContentPage'));
const GuidePage = lazy(() => import('./pages/GuidePage'));

export function PlatformApp() {
  return (
    <AppFrame
      header={<SiteHeader title={PLATFORM_NAME} homePath="/" actions={<PlatformUserActions />} />}
      footer={<SiteFooter inPlatform />}
    >
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route path="/" element={<HomePage />} />
          <Route path="/content/:id" element={<ContentPage />} />
          <Route path="/guide" element={<GuidePage />} />
          <Route path="*" element={<NotFound siteName={PLATFORM_NAME} inPlatform />} />
        </Routes>
      </Suspense>
    </AppFrame>
  );
}
