import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { AppError } from '../errors.js';
import type { StateStore } from '../security/state-store.js';

/** Addresses counted at once; beyond that new addresses go uncounted until the next sweep. */
const MAX_TRACKED = 100_000;

/**
 * The count shared by several app processes (multi-process mode, REDIS_URL): every `syncMs`
 * each process adds the hits it counted since the last sync to one counter per address in
 * the state store and learns the total, so the budget holds for the deployment, not per
 * process, to within one sync interval (at most the hits of that interval can pass unseen).
 */
export interface SharedFloodCount {
  store: Pick<StateStore, 'increment'>;
  syncMs: number;
  /** Where a failed sync is reported (the local count goes on). */
  onError?: (error: unknown) => void;
}

interface Window {
  /** Hits this process counted in the window. */
  count: number;
  endsAt: number;
  /** Hits not yet added to the shared counter. */
  unsynced: number;
  /** Hits other processes counted, as of the last sync. */
  others: number;
}

/**
 * Coarse flood protection for the JSON APIs: at most `max` requests per IP address and
 * window (the flows keep their own finer limits in the shared state store). A window starts
 * at an address's first request (shared: at a multiple of windowMs, the same for every process). One synchronous hook on each /api route and a map: on an API
 * answer this costs a fraction of what @fastify/rate-limit did (its promises and three headers
 * on every answer). Counted per process, or, with `shared`, for all processes together
 * (never a store round trip on the request path: the sync runs on a timer).
 */
export function registerFloodLimit(app: FastifyInstance, options: { max: number; windowMs: number; now?: () => number; shared?: SharedFloodCount }) {
  const now = options.now ?? Date.now;
  const windows = new Map<string, Window>();
  let nextSweep = now() + options.windowMs;

  const check = (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
    const at = now();
    if (at >= nextSweep) {
      for (const [ip, window] of windows) if (window.endsAt <= at) windows.delete(ip);
      nextSweep = at + options.windowMs;
    }
    let window = windows.get(request.ip);
    if (!window || window.endsAt <= at) {
      if (!window && windows.size >= MAX_TRACKED) return done();
      // Shared windows are aligned to the clock, so that every process means the same one.
      const endsAt = options.shared ? at - (at % options.windowMs) + options.windowMs : at + options.windowMs;
      window = { count: 0, endsAt, unsynced: 0, others: 0 };
      windows.set(request.ip, window);
    }
    window.count++;
    window.unsynced++;
    if (window.count + window.others > options.max) {
      reply.header('retry-after', String(Math.ceil((window.endsAt - at) / 1000)));
      return done(new AppError('TOO_MANY_REQUESTS'));
    }
    done();
  };

  // Only routes under /api get the hook (pages, assets, health probes and the OIDC protocol
  // are not counted); every route registered after this point.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/')) route.onRequest = [check, ...[route.onRequest ?? []].flat()] as typeof route.onRequest;
  });

  const shared = options.shared;
  if (!shared) return;
  let syncing = false;
  const sync = async () => {
    if (syncing) return;
    syncing = true;
    try {
      const pending = [...windows].filter(([, window]) => window.unsynced > 0);
      await Promise.all(
        pending.map(async ([ip, window]) => {
          const sent = window.unsynced;
          const countAtSend = window.count;
          window.unsynced = 0;
          const total = await shared.store.increment(`flood:${ip}:${window.endsAt}`, options.windowMs, sent);
          if (windows.get(ip) === window) window.others = Math.max(0, total - countAtSend);
        }),
      );
    } catch (error) {
      shared.onError?.(error);
    } finally {
      syncing = false;
    }
  };
  const timer = setInterval(() => void sync(), shared.syncMs);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));
}
