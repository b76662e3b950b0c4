import type { Db } from '../db/index.js';
import type { Clock } from '../clock.js';
import type { SessionStore } from '../security/sessions.js';

/**
 * Removes what has expired: sessions, short-lived state (when kept in the database),
 * verification codes and OIDC artefacts. Runs every few minutes in every process; the
 * deletes are idempotent, so several processes doing it at once is harmless.
 */
export function createPurgeJob(deps: { db: Db; clock: Clock; sessions: SessionStore }) {
  return async function purgeExpired() {
    const now = deps.clock.now().getTime();
    const sessions = await deps.sessions.purgeExpired();
    const state = await deps.db.kysely.deleteFrom('state_entries').where('expires_at', '<=', now).executeTakeFirst();
    const codes = await deps.db.kysely.deleteFrom('verifications').where('expires_at', '<=', now).executeTakeFirst();
    const oidc = await deps.db.kysely.deleteFrom('oidc_payloads').where('expires_at', '<=', now).executeTakeFirst();
    return {
      sessions,
      stateEntries: Number(state.numDeletedRows),
      verifications: Number(codes.numDeletedRows),
      oidcPayloads: Number(oidc.numDeletedRows),
    };
  };
}

/** Runs a job every `intervalMs`, never two at once, logging failures instead of crashing. */
export function every(intervalMs: number, job: () => Promise<unknown>, onError: (error: unknown) => void) {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    job()
      .catch(onError)
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
