import { useEffect, useState } from 'react';
import { Alert, Button } from 'antd';
import { useSearchParams } from 'react-router';
import { REALNAME_URL, REGISTERED_NOTICE, USER_CENTER_URL } from '../components/links';

export const REGISTERED_NOTICE_TEXT = '您已注册并登录统一登录系统；完成【实名认证】后即可办理融资服务专区业务';

/**
 * After 注册 → 【暂不认证】 (`?notice=registered`): the new account has a 统一登录系统 session but
 * no platform session (no 实名认证 yet), so the header still offers 【登录】; this says why and
 * where to go. The flag leaves the address at once, so a reload or a shared link shows nothing.
 */
export function RegisteredNotice() {
  const [params, setParams] = useSearchParams();
  const flagged = params.get(REGISTERED_NOTICE.param) === REGISTERED_NOTICE.value;
  const [open, setOpen] = useState(flagged);

  useEffect(() => {
    if (!flagged) return;
    setOpen(true);
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.delete(REGISTERED_NOTICE.param);
        return next;
      },
      { replace: true },
    );
  }, [flagged, setParams]);

  if (!open) return null;
  return (
    <div className="site-container registered-notice">
      <Alert
        type="info"
        showIcon
        closable={{ 'aria-label': '关闭提示' }}
        onClose={() => setOpen(false)}
        message={REGISTERED_NOTICE_TEXT}
        description={
          <div className="registered-notice__actions">
            <Button type="primary" href={REALNAME_URL}>
              实名认证
            </Button>
            <Button href={USER_CENTER_URL}>用户中心</Button>
          </div>
        }
        role="status"
      />
    </div>
  );
}
