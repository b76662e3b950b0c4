import { useState } from 'react';
import { Button } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api, resetCsrfToken } from '../components/api';
import { regionLabel } from './format';
import { ROUTES, type LoginNotice } from './links';
import { adminMeQuery, useAdminMe } from './me';
import type { Operator } from '../../shared/schemas/admin';
import { successMessages } from '../../shared/messages';

/** 全国 for 部级, else the region: 上海市 (省级), 上海市（3101） (市级), or the code itself. */
export function operatorRegion(operator: Pick<Operator, 'role' | 'regionCode'>): string {
  if (operator.role === 'ministry' || !operator.regionCode) return '全国';
  return regionLabel(operator.regionCode);
}

/** Top right of the 管理端 header: the operator (name, 部级/省级/市级, region) and 【退出】. */
export function HeaderActions() {
  const me = useAdminMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [leaving, setLeaving] = useState(false);
  if (!me.data?.loggedIn) return null;
  const operator = me.data;

  async function logout() {
    setLeaving(true);
    try {
      await api.post('/api/admin/logout');
    } catch {
      // Gone either way for this page; the login page shows the real state.
    }
    resetCsrfToken();
    queryClient.removeQueries({ queryKey: ['admin'] });
    queryClient.setQueryData(adminMeQuery.queryKey, { loggedIn: false });
    setLeaving(false);
    const state: LoginNotice = { notice: successMessages.loggedOut };
    navigate(ROUTES.login, { state });
  }

  const region = operatorRegion(operator);
  return (
    <>
      <span className="site-header__user admin-user" title={`${operator.name}（${operator.roleLabel}·${region}）`}>
        <span className="admin-user__name">{operator.name}</span>
        <span className="admin-user__role">
          {operator.roleLabel}·{region}
        </span>
      </span>
      <Button ghost loading={leaving} onClick={() => void logout()}>
        退出
      </Button>
    </>
  );
}
