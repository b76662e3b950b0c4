import { Route, Routes } from 'react-router';
import { AppFrame } from '../components/AppFrame';
import { NotFound } from '../components/NotFound';
import { SiteFooter } from '../components/SiteFooter';
import { SiteHeader } from '../components/SiteHeader';

const INSTITUTION_NAME = '金融机构服务端';

/** 金融机构服务端 (/institution). */
export function InstitutionApp() {
  return (
    <AppFrame header={<SiteHeader title={INSTITUTION_NAME} />} footer={<SiteFooter />}>
      <Routes>
        <Route path="*" element={<NotFound siteName={INSTITUTION_NAME} />} />
      </Routes>
    </AppFrame>
  );
}
