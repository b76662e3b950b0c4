import { useEffect } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api, isApiError } from '../../components/api';
import { platformLoginUrl } from '../../components/links';
import { LoadError, Loading } from '../../components/QueryState';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { FINANCING_ROUTES, type ConsentState, type GateAnswer, type NoticeAnswer } from '../../../shared/schemas/registration';
import { PLATFORM_NAME } from '../me';
import { GateDialog } from './GateDialog';
import { ENTERPRISE_PATHS, FINANCING_PATHS } from './links';
import { NoticePanel } from './NoticePanel';
import './financing.css';

/** Not logged in (or the session ended): the platform login, coming back here. */
export function useLoginWhenUnauthenticated(error: unknown, returnTo: string) {
  const unauthenticated = isApiError(error) && error.status === 401;
  useEffect(() => {
    if (unauthenticated) window.location.assign(platformLoginUrl(returnTo));
  }, [unauthenticated, returnTo]);
  return unauthenticated;
}

/**
 * 融资服务专区 → 【去登记】 (flows.md): the gate in its order (login, 自然人, eligibility,
 * 企业信息 complete), then 【提示事项】 on every entry; 【关闭】 after ten seconds opens the form.
 */
export default function FinancingEntryPage() {
  const navigate = useNavigate();
  const gate = useQuery({
    queryKey: ['financing', 'gate'],
    queryFn: ({ signal }) => api.get<GateAnswer>(FINANCING_ROUTES.gate, { signal }),
    staleTime: 0,
    gcTime: 0,
  });
  const toLogin = useLoginWhenUnauthenticated(gate.error, FINANCING_PATHS.entry);
  useDocumentTitle(PLATFORM_NAME, '融资服务专区');

  let body;
  if (gate.isPending || toLogin) body = <Loading />;
  else if (gate.error || !gate.data) body = <LoadError error={gate.error} onRetry={() => void gate.refetch()} />;
  else if (gate.data.step === 'notice') body = <NoticeStep onClose={() => navigate(FINANCING_PATHS.form)} />;
  else {
    const stop = gate.data.step;
    body = <GateDialog stop={stop} message={gate.data.message} onOk={() => navigate(stop === 'incomplete' ? ENTERPRISE_PATHS.edit : '/')} />;
  }
  return <div className="site-container financing-page">{body}</div>;
}

/** 【提示事项】: fetched on every entry (the server records when this session opened it). */
function NoticeStep({ onClose }: { onClose: () => void }) {
  const notice = useQuery({
    queryKey: ['financing', 'notice'],
    queryFn: ({ signal }) => api.get<NoticeAnswer>(FINANCING_ROUTES.notice, { signal }),
    staleTime: 0,
    gcTime: 0,
  });
  const toLogin = useLoginWhenUnauthenticated(notice.error, FINANCING_PATHS.entry);
  if (notice.isPending || toLogin) return <Loading />;
  if (notice.error || !notice.data) return <LoadError error={notice.error} onRetry={() => void notice.refetch()} />;
  const n = notice.data;
  return (
    <NoticePanel
      title={n.title}
      text={n.body}
      consentLabel={n.consentLabel}
      consent={n.consent.consented}
      askAgain={n.consent.askAgain}
      onConsentChange={(consented) => api.post<ConsentState>(FINANCING_ROUTES.consent, { consented, noticeVersion: n.version })}
      onClose={onClose}
    />
  );
}
