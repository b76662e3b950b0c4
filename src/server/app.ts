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
import { contentRoutes } from './platform/content/routes.js';
import { contentRepo } from './db/repos/content.js';
import { devRoutes } from './dev/routes.js';
import { createRegistryPicker } from './dev/registry-pick.js';
import { AccessLogController, logRedactPaths, logSerializers, requestLoggerFactory } from './log.js';
import { registerSessions } from './plugins/session.js';
import { registerFloodLimit } from './plugins/flood-limit.js';
import { securityRoutes } from './plugins/security-routes.js';
import { accountRoutes } from './idp/accounts/routes.js';
import { createAccountService } from './idp/accounts/service.js';
import { accountRepo } from './db/repos/accounts.js';
import { reviewRequestRepo } from './db/repos/review-requests.js';
import { isUniqueViolation } from './db/errors.js';
import { realnameRoutes } from './idp/realname/routes.js';
import { createRealnameService } from './idp/realname/service.js';
import { createReviewFiling } from './idp/review-filing.js';
import multipart from '@fastify/multipart';
import { recoveryRoutes } from './idp/recovery/routes.js';
import { createRecoveryService } from './idp/recovery/service.js';
import { createCredentialChanges } from './domain/credential-changes.js';
import { operatorRepo } from './db/repos/operators.js';
import { createOperatorAuthService } from './operator-auth/service.js';
import { operatorAuthRoutes } from './operator-auth/routes.js';
import { createReviewService } from './admin/reviews/service.js';
import { reviewRoutes } from './admin/reviews/routes.js';
import formbody from '@fastify/formbody';
import { createOidcProvider, loadExtraClients, OIDC_MOUNT, PLATFORM_CLIENT_ID, platformClient, platformClientSecret } from './idp/oidc/provider.js';
import { kyselyOidcAdapter } from './idp/oidc/adapter.js';
import { loadSigningKey } from './idp/oidc/keys.js';
import { oidcRoutes } from './idp/oidc/routes.js';
import { createSingleLogout } from './idp/oidc/single-logout.js';
import { createRelyingParty } from './platform/auth/service.js';
import { platformAuthRoutes } from './platform/auth/routes.js';
import { injectFetch } from './http/inject-fetch.js';
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
  registerFloodLimit(app, { max: config.limits.apiRequestsPerIpPerMinute, windowMs: 60_000 });
  await app.register(swagger, {
    openapi: { info: { title: '梯度培育平台 API', version: '0.1.0' } },
    transform: jsonSchemaTransform,
  });

  // Before every route: the session and CSRF hooks are attached to routes as they are added.
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

  const issuer = `${config.publicUrl}${OIDC_MOUNT}`;
  const clientSecret = platformClientSecret(deps.secrets.cookieSecret);
  const firstPartyClientIds = new Set([PLATFORM_CLIENT_ID]);
  const provider = createOidcProvider({
    issuer,
    db: deps.db,
    accounts: accountRepo(deps.db, deps.pii),
    sessions: deps.sessions,
    signingKey: loadSigningKey(config),
    cookieKeys: [deps.secrets.cookieSecret.toString('base64')],
    secureCookies: config.appEnv !== 'development',
    appEnv: config.appEnv,
    fetchOwnSite: injectFetch(app),
    clients: [platformClient(config.publicUrl, clientSecret), ...loadExtraClients(config.oidcClientsFile)],
    firstPartyClientIds,
    adapter: kyselyOidcAdapter(deps.db),
    logError: (error) => app.log.error({ err: error }, 'oidc-provider server error'),
  });
  const singleLogout = createSingleLogout(provider, deps.db, (error) => app.log.warn({ err: error }, 'back-channel logout failed'));

  const credentials = createCredentialChanges({ accounts: accountRepo(deps.db, deps.pii), sessions: deps.sessions, singleSignOn: singleLogout, sms: deps.sms, pii: deps.pii, audit: deps.audit, clock: deps.clock, limits: config.limits });
  const accounts = createAccountService({
    repo: accountRepo(deps.db, deps.pii),
    pii: deps.pii,
    hasher: deps.hasher,
    verification: deps.verification,
    captcha: deps.captchaService,
    store: deps.store,
    audit: deps.audit,
    credentials,
    clock: deps.clock,
    limits: config.limits,
    // No registrations exist before the 融资服务专区 form is built; it supplies this check.
    openRegistrationOf: async () => null,
  });
  await app.register(accountRoutes(accounts, singleLogout));
  const fileReviewRequest = createReviewFiling({ reviews: reviewRequestRepo(deps.db), files: deps.files, pii: deps.pii, clock: deps.clock });
  const realname = createRealnameService({
    accounts: accountRepo(deps.db, deps.pii),
    enterpriseRegistry: deps.enterpriseRegistry,
    personRegistry: deps.personRegistry,
    fileReviewRequest,
    pii: deps.pii,
    store: deps.store,
    audit: deps.audit,
    clock: deps.clock,
    limits: config.limits,
    isUniqueViolation,
  });
  await app.register(realnameRoutes(realname, deps.clock));
  const recovery = createRecoveryService({
    accounts: accountRepo(deps.db, deps.pii),
    reviews: reviewRequestRepo(deps.db),
    findByIdentifier: accounts.findByIdentifier,
    credentials,
    clearLoginLocks: accounts.clearLoginLocks,
    pii: deps.pii,
    hasher: deps.hasher,
    verification: deps.verification,
    captcha: deps.captchaService,
    store: deps.store,
    audit: deps.audit,
    fileReviewRequest,
    clock: deps.clock,
    limits: config.limits,
  });
  await app.register(recoveryRoutes(recovery, deps.clock));

  const adminAuth = createOperatorAuthService(
    { operators: operatorRepo(deps.db), hasher: deps.hasher, captcha: deps.captchaService, store: deps.store, audit: deps.audit, pii: deps.pii, clock: deps.clock, config },
    { issuer: '梯度培育平台管理端', keyPrefix: 'admin' },
  );
  await app.register(operatorAuthRoutes(adminAuth, { basePath: '/api/admin', realm: 'admin', tag: 'admin', consoleName: '管理端' }));
  const reviews = createReviewService({
    requests: reviewRequestRepo(deps.db),
    accounts: accountRepo(deps.db, deps.pii),
    credentials,
    files: deps.files,
    sms: deps.sms,
    pii: deps.pii,
    audit: deps.audit,
    clock: deps.clock,
    isUniqueViolation,
  });
  await app.register(reviewRoutes(reviews));
  await app.register(formbody);
  await app.register(oidcRoutes(provider, firstPartyClientIds));
  const relyingParty = createRelyingParty(
    {
      issuer,
      clientId: PLATFORM_CLIENT_ID,
      clientSecret,
      redirectUri: `${config.publicUrl}/auth/callback`,
      postLogoutRedirectUri: `${config.publicUrl}/`,
      fetch: config.oidcInProcess ? injectFetch(app) : undefined,
    },
    deps.store,
    deps.sessions,
  );
  await app.register(platformAuthRoutes(relyingParty, { publicUrl: config.publicUrl, secureCookies: config.appEnv !== 'development', pii: deps.pii }));
  await app.register(contentRoutes(contentRepo(deps.db), deps.pii));
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
