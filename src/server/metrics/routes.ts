import crypto from 'node:crypto';
import net from 'node:net';
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import type { AppConfig } from '../config.js';
import type { Metrics } from './metrics.js';
import { sendError } from '../plugins/errors.js';

/**
 * Request metrics for every answer, and GET /metrics for the scraper (Prometheus).
 *
 * Who may scrape (config: METRICS_TOKEN, METRICS_ALLOW):
 * - a caller with `Authorization: Bearer <METRICS_TOKEN>`, from anywhere;
 * - a caller whose own TCP peer address is in METRICS_ALLOW (CIDRs; when neither is set,
 *   127.0.0.1 and ::1), and who did not come through a proxy: the peer is not one of
 *   TRUSTED_PROXIES and the request carries no X-Forwarded-For / Forwarded / X-Real-IP.
 *   The peer address, not `request.ip`: the address a proxy forwards is what a client says.
 * Everyone else gets the ordinary 404 answer, as for a route that does not exist.
 *
 * Register before the routes: every route registered later gets an onResponse hook of its own
 * that knows its pattern (reading `request.routeOptions` builds an object on each call); the
 * answers of the not-found handler are counted as `(unmatched)` by one global hook.
 */
export function registerMetrics(app: FastifyInstance, config: AppConfig, metrics: Metrics) {
  app.addHook('onRoute', (route) => {
    const pattern = route.url;
    const observe = (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
      metrics.observeRequest(request.method, pattern, reply.statusCode, reply.elapsedTime / 1000);
      done();
    };
    route.onResponse = [...[route.onResponse ?? []].flat(), observe] as typeof route.onResponse;
  });
  app.addHook('onResponse', (request, reply, done) => {
    if (request.is404) metrics.observeRequest(request.method, '(unmatched)', reply.statusCode, reply.elapsedTime / 1000);
    done();
  });

  const mayScrape = scrapeAccess(config);
  app.get('/metrics', { config: { access: 'scraper' }, schema: { hide: true } }, async (request, reply) => {
    if (!mayScrape(request)) return sendError(reply, request, 404, 'NOT_FOUND');
    const { contentType, body } = await metrics.render();
    return reply.type(contentType).header('cache-control', 'no-store').send(body);
  });
}

const FORWARDING_HEADERS = ['x-forwarded-for', 'forwarded', 'x-real-ip'];

/** The decision of who may read /metrics, made from the config once. */
export function scrapeAccess(config: Pick<AppConfig, 'metricsToken' | 'metricsAllow' | 'trustedProxies'>) {
  const tokenHash = config.metricsToken ? crypto.hash('sha256', config.metricsToken, 'buffer') : null;
  const allowed = blockListOf(config.metricsAllow ?? (config.metricsToken ? [] : ['127.0.0.1/32', '::1/128']));
  const proxies = blockListOf(config.trustedProxies);

  return (request: FastifyRequest): boolean => {
    const authorization = request.headers.authorization;
    if (tokenHash && authorization?.startsWith('Bearer ')) {
      const given = crypto.hash('sha256', authorization.slice('Bearer '.length).trim(), 'buffer');
      if (crypto.timingSafeEqual(given, tokenHash)) return true;
    }
    const peer = unmapped(request.socket.remoteAddress ?? '');
    if (!peer || FORWARDING_HEADERS.some((header) => request.headers[header] !== undefined)) return false;
    const family = net.isIPv6(peer) ? 'ipv6' : 'ipv4';
    return allowed.check(peer, family) && !proxies.check(peer, family);
  };
}

/** Addresses or CIDRs (validated by config.ts) as a BlockList, which matches both families. */
function blockListOf(entries: string[]): net.BlockList {
  const list = new net.BlockList();
  for (const entry of entries) {
    const [address, bits] = entry.split('/');
    const family = net.isIPv6(address) ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(unmapped(address), net.isIPv6(unmapped(address)) ? 'ipv6' : 'ipv4');
    else list.addSubnet(address, Number(bits), family);
  }
  return list;
}

/** `::ffff:10.0.0.1` (an IPv4 peer on a dual-stack socket) is 10.0.0.1. */
function unmapped(address: string): string {
  const match = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  return match ? match[1] : address;
}
