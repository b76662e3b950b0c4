import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import type { AppConfig } from '../config.js';
import type { Realm, Session, SessionDataByRealm, SessionStore } from '../security/sessions.js';
import type { Access } from './access.js';
import { AppError } from '../errors.js';
import { hostCookieName } from '../http/cookie-names.js';
import { csrfResponse } from '../../shared/schemas/security.js';

export const sessionCookieNames: Record<Realm, string> = {
  uc: 'uc_sid',
  platform: 'pf_sid',
  admin: 'adm_sid',
  institution: 'inst_sid',
};

/** Which session a route's access level asks for. */
const realmOfAccess: Partial<Record<Access, Realm>> = {
  account: 'uc',
  legal: 'platform',
  'enterprise-owner': 'platform',
  operator: 'admin',
  institution: 'institution',
};

declare module 'fastify' {
  interface FastifyContextConfig {
    /** false only for protocol endpoints that other sites call (OIDC token, userinfo…). */
    csrf?: boolean;
  }
  interface FastifyRequest {
    /** The live session of a realm for this request (cached per request). */
    sessionOf<R extends Realm>(realm: R): Promise<Session<R> | null>;
    /** The session that the route's access level required (set by the access check). */
    auth: Session | null;
  }
  interface FastifyReply {
    startSession<R extends Realm>(realm: R, accountId: string, data: SessionDataByRealm[R]): Promise<void>;
    endSession(realm: Realm): Promise<void>;
  }
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Cookies, server-side sessions, CSRF on every state-changing request, and the access
 * check that every route declares (plugins/access.ts).
 */
export async function registerSessions(app: FastifyInstance, config: AppConfig, sessions: SessionStore, cookieSecret: Buffer) {
  const secure = config.appEnv !== 'development';
  const cookieOptions = { httpOnly: true, sameSite: 'lax' as const, secure, path: '/' };
  const cookieName = (realm: Realm) => hostCookieName(sessionCookieNames[realm], config.appEnv);

  await app.register(cookie, { secret: cookieSecret.toString('base64') });
  await app.register(csrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: hostCookieName('csrf_secret', config.appEnv),
    cookieOpts: { ...cookieOptions, signed: true },
    // Pages send the header; plain HTML forms (OIDC consent, 【退出】) send a _csrf field.
    getToken: (request) => (request.headers['x-csrf-token'] as string | undefined) || (request.body as { _csrf?: string } | undefined)?._csrf,
  });

  app.decorateRequest('auth', null);
  app.decorateRequest('sessionOf', function <R extends Realm>(this: FastifyRequest, realm: R) {
    const cache = ((this as unknown as { sessionCache?: Map<Realm, Promise<Session | null>> }).sessionCache ??= new Map());
    if (!cache.has(realm)) {
      cache.set(realm, sessions.read(realm, this.cookies[cookieName(realm)], { touch: !isStatusPoll(this) }));
    }
    // Cached under its realm: the session read for R.
    return cache.get(realm)! as Promise<Session<R> | null>;
  });
  app.decorateReply('startSession', async function <R extends Realm>(this: FastifyReply, realm: R, accountId: string, data: SessionDataByRealm[R]) {
    const request = this.request;
    // A login always replaces the old session id (no fixation).
    await sessions.destroy(request.cookies[cookieName(realm)]);
    const token = await sessions.create(realm, accountId, data, { ip: request.ip, userAgent: request.headers['user-agent'] ?? null });
    this.setCookie(cookieName(realm), token, cookieOptions);
  });
  app.decorateReply('endSession', async function (this: FastifyReply, realm: Realm) {
    await sessions.destroy(this.request.cookies[cookieName(realm)]);
    this.clearCookie(cookieName(realm), cookieOptions);
  });

  // After the body is parsed (a form's _csrf field), before any validation or handler.
  const checkCsrf = async (request: FastifyRequest, reply: FastifyReply) => {
    if (!STATE_CHANGING.has(request.method)) return;
    // csrfProtection is synchronous: it calls next() or answers with its error (mapped
    // to CSRF_INVALID by the error handler).
    let passed = false;
    app.csrfProtection(request, reply, () => {
      passed = true;
    });
    if (!passed) return reply;
  };

  const requireSession = (access: Access, realm: Realm) => async (request: FastifyRequest) => {
    const session = await request.sessionOf(realm);
    if (!session) throw new AppError('UNAUTHENTICATED');
    if (access === 'legal' && (session.realm !== 'platform' || session.data.userType !== 'legal')) throw new AppError('FORBIDDEN');
    request.auth = session;
  };

  // Route-level hooks chosen by what each route declares, so that routes needing neither
  // (health probes, public reads, pages) run no session or CSRF code at all. Every route
  // registered after this point gets them: register sessions before any route.
  app.addHook('onRoute', (route) => {
    const routeConfig = route.config as { access?: Access; csrf?: boolean } | undefined;
    const methods = [route.method].flat();
    // Fails closed: only an explicit `csrf: false` exempts a route (one that forgot its
    // `access` declaration is still protected); unknown URLs go on to the 404 answer.
    if (routeConfig?.csrf !== false && methods.some((method) => STATE_CHANGING.has(method))) {
      route.preValidation = [...[route.preValidation ?? []].flat(), checkCsrf] as typeof route.preValidation;
    }
    const realm = routeConfig?.access ? realmOfAccess[routeConfig.access] : undefined;
    if (realm) route.onRequest = [...[route.onRequest ?? []].flat(), requireSession(routeConfig!.access!, realm)] as typeof route.onRequest;
  });

  app.get('/api/csrf', { config: { access: 'anonymous' }, schema: { tags: ['security'], summary: '获取CSRF令牌', response: { 200: csrfResponse } } }, async (_request, reply) => ({
    token: reply.generateCsrf(),
  }));
}

/** The idle-warning poll must not keep a session alive by itself. */
function isStatusPoll(request: FastifyRequest) {
  return request.method === 'GET' && request.url.startsWith('/api/session/status');
}
