import crypto from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import underPressure from '@fastify/under-pressure';
import swagger from '@fastify/swagger';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from './deps.js';
import { ping } from './db/index.js';
import { migrationsApplied } from './db/migrate.js';
import { answerFrameworkError, registerErrorHandling, sendError } from './plugins/errors.js';
import { registerSecurityHeaders } from './plugins/security-headers.js';
import { registerWeb } from './plugins/web.js';
import { trackRouteAccess, type RouteAccessEntry } from './plugins/access.js';
import { devRoutes } from './dev/routes.js';
import { createRegistryPicker } from './dev/registry-pick.js';
import { AccessLogController, logRedactPaths, logSerializers, requestLoggerFactory } from './log.js';
import { registerSessions } from './plugins/session.js';
import { registerFloodLimit } from './plugins/flood-limit.js';
import { securityRoutes } from './plugins/security-routes.js';
import { registerMetrics } from './metrics/routes.js';
import multipart from '@fastify/multipart';
import formbody from '@fastify/formbody';
import { injectFetch } from './http/inject-fetch.js';
import { idpRoom } from './idp/plugin.js';
import { adminRoom } from './admin/plugin.js';
import { platformRoom } from './platform/plugin.js';
import { createScoringService } from './scoring/service.js';
import { scoringRepo } from './db/repos/scoring.js';
import { institutionRoom } from './institution/plugin.js';
import { openRegistrationCheck } from './platform/financing/service.js';
import { financingRepo } from './db/repos/financing.js';
import { healthResponse, readyResponse, siteInfoResponse } from '../shared/schemas/site.js';

z.config(z.locales.zhCN());

declare module 'fastify' {
  interface FastifyInstance {
    routeAccess: RouteAccessEntry[];
  }
}

/** `logStream`: where the log goes instead of stdout (tests read the access log from it). */
export async function buildApp(deps: AppDeps, options: { logStream?: { write(line: string): void } } = {}): Promise<FastifyInstance> {
  const { config } = deps;
  const app = Fastify({
    logger: { level: config.logLevel, redact: { paths: logRedactPaths, censor: '[已隐藏]' }, serializers: logSerializers, ...(options.logStream ? { stream: options.logStream } : {}) },
    bodyLimit: config.bodyLimitBytes,
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: false,
    // X-Forwarded-* only from the configured reverse proxies (none by default), in every environment.
    trustProxy: config.trustedProxies.length > 0 ? config.trustedProxies : false,
    routerOptions: { maxParamLength: 200 },
    return503OnClosing: true,
    // Bad %-escapes and over-long path parameters are answered in our error model too.
    frameworkErrors: answerFrameworkError,
    // One access-log line per request instead of two, and request loggers made only when a
    // request logs something (log.ts).
    logController: new AccessLogController(),
    childLoggerFactory: requestLoggerFactory,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('routeAccess', trackRouteAccess(app));
  // The request id, and `cache-control: no-store` unless the route says otherwise (authenticated
  // and personal answers never stay in a cache), are set with the security headers below.

  registerErrorHandling(app);
  registerSecurityHeaders(app, config);
  await app.register(underPressure, {
    // Shed load (503 + Retry-After) when the event loop lags; the test suites run many
    // servers on two cores and turn it off (0 disables the check).
    maxEventLoopDelay: config.appEnv === 'test' ? 0 : 1000,
    pressureHandler: (request, reply) => {
      void sendError(reply.header('retry-after', '5'), request, 503, 'SERVICE_UNAVAILABLE');
    },
  });
  // Coarse flood protection per IP for the JSON APIs (the flows keep their own finer limits).
  // With REDIS_URL (several processes) the per-IP counts are added up across processes every second.
  registerFloodLimit(app, {
    max: config.limits.apiRequestsPerIpPerMinute,
    windowMs: 60_000,
    ...(config.redisUrl ? { shared: { store: deps.store, syncMs: 1000, onError: (error: unknown) => app.log.warn({ err: error }, 'flood limit: shared count not updated') } } : {}),
  });
  await app.register(swagger, {
    openapi: { info: { title: '梯度培育平台 API', version: '0.1.0' } },
    transform: jsonSchemaTransform,
  });

  // Before every route: request rate and latency per route pattern are counted by a hook each
  // route gets as it is added (and GET /metrics for the scraper: token or allow-listed address);
  // the session and CSRF hooks are attached the same way.
  registerMetrics(app, config, deps.metrics);
  await registerSessions(app, config, deps.sessions, deps.secrets.cookieSecret);
  app.get('/api/docs/json', { config: { access: 'anonymous' }, schema: { hide: true } }, async () => app.swagger());
  app.get('/healthz', { config: { access: 'anonymous', probe: true }, schema: { hide: true, response: { 200: healthResponse } } }, async () => ({ status: 'ok' as const }));
  app.get('/readyz', { config: { access: 'anonymous', probe: true }, schema: { hide: true, response: { 200: readyResponse } } }, async (request, reply) => {
    try {
      await ping(deps.db);
      if (!(await migrationsApplied(deps.db))) return sendError(reply, request, 503, 'SERVICE_UNAVAILABLE');
      return { status: 'ready' as const, database: deps.db.dialect };
    } catch {
      return sendError(reply, request, 503, 'SERVICE_UNAVAILABLE');
    }
  });
  app.get('/api/site', { config: { access: 'anonymous' }, schema: { tags: ['site'], summary: '网站信息（页脚）', response: { 200: siteInfoResponse } } }, async () => config.site);

  await app.register(multipart, { throwFileSizeLimit: false, limits: { fileSize: 5 * 1024 * 1024, files: 6, fields: 40 } });
  await app.register(securityRoutes(deps.sessions, deps.captchaService));

  // The rooms, each one plugin that builds its own services; what one room needs from another
  // is a named option (docs/decisions/0008-rooms-as-plugins.md).
  const fetchOwnSite = injectFetch(app);
  const idp = idpRoom(deps, {
    fetchOwnSite,
    log: app.log,
    // 注销账号 waits while the enterprise has a 融资服务专区 registration in an open window.
    openRegistrationOf: openRegistrationCheck(financingRepo(deps.db), deps.clock),
  });
  await app.register(idp.plugin);
  // One scoring service per process: the platform scores at 提交, the 管理端 recomputes and changes the catalogue.
  const scoring = createScoringService({ repo: scoringRepo(deps.db), clock: deps.clock, log: app.log });
  await app.register(adminRoom(deps, { singleSignOn: idp.singleSignOn, scoring }));
  // HTML form posts from here on (the platform's 【退出】 and back-channel logout, and the
  // not-found answer); the IdP room takes them for its OIDC pages only.
  await app.register(formbody);
  await app.register(platformRoom(deps, { identityProvider: { ...idp.platformClient, fetch: config.oidcInProcess ? fetchOwnSite : undefined }, scoring }));
  await app.register(institutionRoom(deps));
  if (config.appEnv !== 'production' && deps.outbox) {
    const registryPicker = createRegistryPicker({ db: deps.db, pii: deps.pii, store: deps.store, clock: deps.clock, registry: deps.enterpriseRegistry });
    await app.register(devRoutes(deps.outbox, deps.captcha, registryPicker));
  }

  const pages = await registerWeb(app, config.webDistDir);
  app.setNotFoundHandler((request, reply) => {
    if (pages.serve(request, reply)) return;
    return sendError(reply, request, 404, 'NOT_FOUND');
  });
  return app;
}
