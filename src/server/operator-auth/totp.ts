import { authenticator } from 'otplib';

const STEP_SECONDS = 30;

/**
 * The time step (RFC 6238 counter) that a 动态口令 belongs to, within one step either side of
 * `now` for clock drift; null when the code is wrong. The caller accepts a step only once.
 */
export function acceptedTotpStep(code: string, secret: string, now: Date): number | null {
  const delta = authenticator.clone({ epoch: now.getTime(), step: STEP_SECONDS, window: 1 }).checkDelta(code, secret);
  if (delta === null) return null;
  return Math.floor(now.getTime() / 1000 / STEP_SECONDS) + delta;
}

export function newTotpSecret(): string {
  return authenticator.generateSecret();
}

export function totpKeyUri(accountName: string, issuer: string, secret: string): string {
  return authenticator.keyuri(accountName, issuer, secret);
}
