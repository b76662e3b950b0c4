import { Route, Routes } from 'react-router';
import { AppFrame } from '../components/AppFrame';
import { NotFound } from '../components/NotFound';
import { SiteFooter } from '../components/SiteFooter';
import { SiteHeader } from '../components/SiteHeader';

const IDP_NAME = '工业和信息化部统一登录系统';

/** 统一登录系统 (/uc). The header has no 【登录】/【注册】 buttons (flows.md "Exact labels"). */
export function IdpApp() {
  return (
    <AppFrame header={<SiteHeader title={IDP_NAME} />} footer={<SiteFooter />}>
      <Routes>
        <Route path="*" element={<NotFound siteName={IDP_NAME} />} />
      </Routes>
    </AppFrame>
  );
}
