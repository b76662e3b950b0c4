import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppConfig } from '../config.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The handler hijacks the reply and writes `reply.raw` itself (the OIDC provider): the
     * headers below go onto the raw response, where the handler's own headers still win.
     */
    writesRaw?: boolean;
  }
  interface FastifyReply {
    /**
     * Nonces for the one HTML page this reply sends. The first read makes them and puts them in
     * the reply's Content-Security-Policy; replies that never read it (JSON, files) keep the
     * policy without nonces, which allows no inline script or style at all.
     */
    readonly cspNonce: { script: string; style: string };
  }
}

const SCRIPT_SRC = "default-src 'self';script-src 'self'";
const STYLE_SRC = ";style-src 'self'";
const REST = ";img-src 'self' data:;font-src 'self' data:;connect-src 'self';object-src 'none';base-uri 'self';frame-ancestors 'none'";
/** The policy: without nonces for every answer, with this page's nonces for a page. */
const directives = (nonces?: { script: string; style: string }) =>
  nonces ? `${SCRIPT_SRC} 'nonce-${nonces.script}'${STYLE_SRC} 'nonce-${nonces.style}'${REST}` : SCRIPT_SRC + STYLE_SRC + REST;

/**
 * The headers every answer carries, computed once. `cache-control: no-store` is the default:
 * nothing is cached unless the route says so (static assets), so authenticated and personal
 * answers never stay in a browser or proxy cache (quality.md).
 */
export function securityHeaders(config: Pick<AppConfig, 'appEnv'>): Record<string, string> {
  return {
    'content-security-policy': directives(),
    'cross-origin-resource-policy': 'same-origin',
    'origin-agent-cluster': '?1',
    'referrer-policy': 'strict-origin-when-cross-origin',
    // Plain http://localhost in development: no HSTS there.
    ...(config.appEnv === 'development' ? {} : { 'strict-transport-security': 'max-age=31536000; includeSubDomains' }),
    'x-content-type-options': 'nosniff',
    'x-dns-prefetch-control': 'off',
    'x-download-options': 'noopen',
    'x-frame-options': 'DENY',
    'x-permitted-cross-domain-policies': 'none',
    'x-xss-protection': '0',
    'cache-control': 'no-store',
  };
}

/**
 * Nonces come from the operating system's CSPRNG in batches: one call per 128 pages instead
 * of two per page (each call costs about as much as the rest of a small answer).
 */
const NONCE_BYTES = 16;
const noncePool = Buffer.alloc(NONCE_BYTES * 256);
let nonceOffset = noncePool.length;
function nextNonce(): string {
  if (nonceOffset === noncePool.length) {
    crypto.randomFillSync(noncePool);
    nonceOffset = 0;
  }
  const nonce = noncePool.toString('hex', nonceOffset, nonceOffset + NONCE_BYTES);
  nonceOffset += NONCE_BYTES;
  return nonce;
}

const kNonces = Symbol('cspNonces');

/**
 * Security headers (CSP, framing, sniffing, referrer, HSTS) on every answer, plus its request
 * id. One synchronous hook with precomputed values; a CSP nonce is made only for the HTML
 * pages that ask for one (reply.cspNonce).
 */
export function registerSecurityHeaders(app: FastifyInstance, config: Pick<AppConfig, 'appEnv'>) {
  const headers = securityHeaders(config);
  const rawHeaders = Object.entries(headers);
  // Health probes answer a load balancer, never a browser: no policy to render or frame by.
  const probeHeaders = { 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' };

  app.decorateReply(kNonces, null);
  app.decorateReply('cspNonce', {
    getter(this: FastifyReply) {
      const reply = this as FastifyReply & { [kNonces]: { script: string; style: string } | null };
      if (!reply[kNonces]) {
        reply[kNonces] = { script: nextNonce(), style: nextNonce() };
        const policy = directives(reply[kNonces]);
        if (reply.request.routeOptions.config.writesRaw) reply.raw.setHeader('content-security-policy', policy);
        else reply.header('content-security-policy', policy);
      }
      return reply[kNonces];
    },
  });

  app.addHook('onRequest', (request, reply, done) => {
    const { config: routeConfig } = request.routeOptions;
    if (routeConfig.probe) {
      reply.headers(probeHeaders);
    } else if (routeConfig.writesRaw) {
      for (const [name, value] of rawHeaders) reply.raw.setHeader(name, value);
      reply.raw.setHeader('x-request-id', request.id);
    } else {
      reply.headers(headers);
      reply.header('x-request-id', request.id);
    }
    done();
  });
}
