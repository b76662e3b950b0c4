/**
 * The 手机号修改 flow between its steps: the flowToken of step 1 (valid 15 minutes on the
 * server), the 账号 typed and the 校验方式 chosen. Kept in sessionStorage so that reloading
 * the page keeps the step; gone with the tab.
 */

export type VerifyMethod = 'email' | 'manual';

/** What the page shows once a 校验方式 succeeded. */
export type MobileChangeDone =
  | { kind: 'email'; message: string }
  | { kind: 'manual'; message: string; acceptanceNo: string; newMobile: string };

export interface MobileChangeFlow {
  flowToken: string;
  identifier: string;
  /** Date.now() when step 1 succeeded. */
  startedAt: number;
  method: VerifyMethod | null;
}

/** As the server's FLOW_TTL_MS (src/server/idp/recovery/service.ts). */
export const FLOW_TTL_MS = 15 * 60_000;

const STORAGE_KEY = 'uc.mobileChange.flow';

export function flowExpiresIn(flow: MobileChangeFlow, now = Date.now()): number {
  return flow.startedAt + FLOW_TTL_MS - now;
}

/** The stored flow; 'expired' when one was stored but its 15 minutes are over (no side effects: a state initializer). */
export function loadFlow(): MobileChangeFlow | 'expired' | null {
  try {
    const raw = window.sessionStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const value = JSON.parse(raw) as Partial<MobileChangeFlow>;
    if (typeof value.flowToken !== 'string' || typeof value.identifier !== 'string' || typeof value.startedAt !== 'number') return null;
    const flow: MobileChangeFlow = {
      flowToken: value.flowToken,
      identifier: value.identifier,
      startedAt: value.startedAt,
      method: value.method === 'email' || value.method === 'manual' ? value.method : null,
    };
    return flowExpiresIn(flow) > 0 ? flow : 'expired';
  } catch {
    return null;
  }
}

export function saveFlow(flow: MobileChangeFlow | null): void {
  try {
    if (flow) window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify(flow));
    else window.sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // Storage refused (private mode): the flow lives in the page's state only.
  }
}
