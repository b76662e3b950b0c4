import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { AppError } from '../errors.js';

/** Addresses counted at once; beyond that new addresses go uncounted until the next sweep. */
const MAX_TRACKED = 100_000;

/**
 * Coarse flood protection for the JSON APIs: at most `max` requests per IP address and
 * window, counted per process (the flows keep their own finer limits in the shared state
 * store). A window starts at an address's first request. One synchronous hook on each /api
 * route and a map: on an API answer this costs a fraction of what @fastify/rate-limit did
 * (its promises and three headers on every answer).
 */
export function registerFloodLimit(app: FastifyInstance, options: { max: number; windowMs: number; now?: () => number }) {
  const now = options.now ?? Date.now;
  const windows = new Map<string, { count: number; endsAt: number }>();
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
      window = { count: 0, endsAt: at + options.windowMs };
      windows.set(request.ip, window);
    }
    window.count++;
    if (window.count > options.max) {
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
}
