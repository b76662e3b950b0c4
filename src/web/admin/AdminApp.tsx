import { Route, Routes } from 'react-router';
import { AppFrame } from '../components/AppFrame';
import { NotFound } from '../components/NotFound';
import { SiteFooter } from '../components/SiteFooter';
import { SiteHeader } from '../components/SiteHeader';

const ADMIN_NAME = '优质中小企业梯度培育平台管理端';

/** 管理端 (/admin). */
export function AdminApp() {
  return (
    <AppFrame header={<SiteHeader title={ADMIN_NAME} />} footer={<SiteFooter />}>
      <Routes>
        <Route path="*" element={<NotFound siteName={ADMIN_NAME} />} />
      </Routes>
    </AppFrame>
  );
}
