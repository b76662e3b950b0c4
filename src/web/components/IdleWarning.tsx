import { useCallback, useEffect, useRef, useState } from 'react';
import Button from 'antd/es/button';
import Modal from 'antd/es/modal';
import './idle-warning.css';
import { api, errorMessage } from './api';
import type { Keepalive, SessionRealm, SessionStatus } from '../../shared/schemas/security';
import { errorMessages } from '../../shared/errors';

export const IDLE_TIMEOUT_MESSAGE = errorMessages.SESSION_EXPIRED;
const POLL_MS = 60_000;
const DEFAULT_WARN_BEFORE_MS = 2 * 60_000;

export interface IdleWarningProps {
  realm: SessionRealm;
  /** Where 【重新登录】 goes (a full page navigation); defaults to the IdP login coming back here. */
  loginUrl?: () => string;
}

function defaultLoginUrl(): string {
  return `/uc/login?return_to=${encodeURIComponent(`${window.location.pathname}${window.location.search}`)}`;
}

function formatRemaining(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return minutes > 0 ? `${minutes}分${String(seconds).padStart(2, '0')}秒` : `${seconds}秒`;
}

/**
 * The idle-logout warning of logged-in pages (flows.md: two minutes before the 30-minute idle
 * logout a dialog offers 【继续使用】). Polls the session status every minute and counts down
 * locally in between (corrected for the difference between the server's and this clock);
 * 【继续使用】 extends the session; once it has expired the dialog says
 * "登录已超时，请重新登录" and leads to the login.
 */
export function IdleWarning({ realm, loginUrl = defaultLoginUrl }: IdleWarningProps) {
  /** Expiry in this browser's clock, or null while unknown. */
  const [expiresAt, setExpiresAt] = useState<number | null>(null);
  const [warnBeforeMs, setWarnBeforeMs] = useState(DEFAULT_WARN_BEFORE_MS);
  const [now, setNow] = useState(() => Date.now());
  const [expired, setExpired] = useState(false);
  const [extending, setExtending] = useState(false);
  const [extendError, setExtendError] = useState<string | null>(null);
  const inFlight = useRef<Promise<void> | null>(null);

  const applyExpiry = useCallback((idleExpiresAt: string, serverDate: string | null) => {
    // Server clock → local clock: the Date header says what time the server thought it was.
    const serverNow = serverDate ? Date.parse(serverDate) : NaN;
    const skew = Number.isNaN(serverNow) ? 0 : Date.now() - serverNow;
    setExpiresAt(Date.parse(idleExpiresAt) + (Math.abs(skew) > 5_000 ? skew : 0));
  }, []);

  const check = useCallback((): Promise<void> => {
    // One request at a time; callers meanwhile wait for the one under way.
    inFlight.current ??= (async () => {
      try {
        const res = await fetch(`/api/session/status?realm=${realm}`, { credentials: 'same-origin', headers: { accept: 'application/json' } });
        if (!res.ok) return;
        const status = (await res.json()) as SessionStatus;
        if (!status.loggedIn) {
          setExpired(true);
          return;
        }
        setWarnBeforeMs(status.warnBeforeMs || DEFAULT_WARN_BEFORE_MS);
        applyExpiry(status.idleExpiresAt, res.headers.get('date'));
        setNow(Date.now());
      } catch {
        // Offline for a moment: keep counting with what is known.
      } finally {
        inFlight.current = null;
      }
    })();
    return inFlight.current;
  }, [realm, applyExpiry]);

  useEffect(() => {
    void check();
    const poll = window.setInterval(() => void check(), POLL_MS);
    const tick = window.setInterval(() => setNow(Date.now()), 1_000);
    const onVisible = () => {
      if (document.visibilityState === 'visible') void check();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.clearInterval(poll);
      window.clearInterval(tick);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [check]);

  const remaining = expiresAt === null ? Infinity : expiresAt - now;
  const inWindow = !expired && remaining <= warnBeforeMs;
  const reachedZero = !expired && remaining <= 0;
  // The dialog opens only once the server confirmed it (requests of this page or another tab
  // may have extended the session since the last poll).
  const [confirmed, setConfirmed] = useState(false);

  useEffect(() => {
    if (!inWindow) {
      setConfirmed(false);
      return;
    }
    let live = true;
    void check().then(() => {
      if (live) setConfirmed(true);
    });
    return () => {
      live = false;
    };
  }, [inWindow, check]);
  useEffect(() => {
    if (reachedZero) void check();
  }, [reachedZero, check]);

  async function keepAlive() {
    setExtending(true);
    setExtendError(null);
    try {
      const res = await api.post<Keepalive>('/api/session/keepalive', { realm });
      applyExpiry(res.idleExpiresAt, null);
      setNow(Date.now());
    } catch (e) {
      setExtendError(errorMessage(e));
      await check();
    } finally {
      setExtending(false);
    }
  }

  if (expired) {
    return (
      <Modal
        open
        title="登录已超时"
        closable={false}
        maskClosable={false}
        keyboard={false}
        footer={
          <Button type="primary" onClick={() => window.location.assign(loginUrl())}>
            重新登录
          </Button>
        }
      >
        <p role="alert">{IDLE_TIMEOUT_MESSAGE}</p>
      </Modal>
    );
  }

  return (
    <Modal
      open={inWindow && confirmed}
      title="登录即将超时"
      closable={false}
      maskClosable={false}
      keyboard={false}
      footer={
        <Button type="primary" loading={extending} onClick={() => void keepAlive()}>
          继续使用
        </Button>
      }
    >
      <p>
        您已较长时间未操作，为保护账号安全，登录将在 <strong>{formatRemaining(remaining)}</strong> 后结束。
      </p>
      <p>如需继续使用，请点击【继续使用】。</p>
      {extendError ? (
        <p className="idle-warning__error" role="alert">
          {extendError}
        </p>
      ) : null}
    </Modal>
  );
}
