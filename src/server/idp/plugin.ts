import type { FastifyBaseLogger, FastifyPluginAsync } from 'fastify';
import formbody from '@fastify/formbody';
import type { AppDeps } from '../deps.js';
import { accountRepo } from '../db/repos/accounts.js';
import { reviewRequestRepo } from '../db/repos/review-requests.js';
import { isUniqueViolation } from '../db/errors.js';
import { createCredentialChanges } from '../domain/credential-changes.js';
import { accountRoutes } from './accounts/routes.js';
import { createAccountService, type AccountServiceDeps } from './accounts/service.js';
import { realnameRoutes } from './realname/routes.js';
import { createRealnameService } from './realname/service.js';
import { recoveryRoutes } from './recovery/routes.js';
import { createRecoveryService } from './recovery/service.js';
import { createReviewFiling } from './review-filing.js';
import { createOidcProvider, loadExtraClients, OIDC_MOUNT, PLATFORM_CLIENT_ID, platformClient, platformClientSecret } from './oidc/provider.js';
import { kyselyOidcAdapter } from './oidc/adapter.js';
import { loadSigningKey } from './oidc/keys.js';
import { oidcRoutes } from './oidc/routes.js';
import { createSingleLogout, type SingleLogout } from './oidc/single-logout.js';

/** What the IdP room takes from app.ts and the other rooms. */
export interface IdpSeams {
  /** This site's own HTTP, answered in-process (oidc-provider fetches its own pages with it). */
  fetchOwnSite: typeof fetch;
  /** The platform's open 融资服务专区 registration of an account (注销 waits for it to end). */
  openRegistrationOf: AccountServiceDeps['openRegistrationOf'];
  log: FastifyBaseLogger;
}

/** The platform's OIDC client at this IdP: what its relying party needs. */
export interface PlatformClient {
  issuer: string;
  clientId: string;
  clientSecret: string;
}

export interface IdpRoom {
  /** 统一登录系统 and 用户中心: 注册, 实名认证, 登录, recovery, 账号设置, the OIDC provider. */
  plugin: FastifyPluginAsync;
  /** Ends an account's single sign-on (OIDC sessions, grants, tokens); credential changes in other rooms call it. */
  singleSignOn: SingleLogout;
  platformClient: PlatformClient;
}

export function idpRoom(deps: AppDeps, seams: IdpSeams): IdpRoom {
  const { config } = deps;
  const issuer = `${config.publicUrl}${OIDC_MOUNT}`;
  const clientSecret = platformClientSecret(deps.secrets.cookieSecret);
  const firstPartyClientIds = new Set([PLATFORM_CLIENT_ID]);
  const accountsRepo = accountRepo(deps.db, deps.pii);
  const reviewsRepo = reviewRequestRepo(deps.db);
  const provider = createOidcProvider({
    issuer,
    db: deps.db,
    accounts: accountsRepo,
    sessions: deps.sessions,
    signingKey: loadSigningKey(config),
    cookieKeys: [deps.secrets.cookieSecret.toString('base64')],
    secureCookies: config.appEnv !== 'development',
    appEnv: config.appEnv,
    fetchOwnSite: seams.fetchOwnSite,
    clients: [platformClient(config.publicUrl, clientSecret), ...loadExtraClients(config.oidcClientsFile)],
    firstPartyClientIds,
    adapter: kyselyOidcAdapter(deps.db),
    logError: (error) => seams.log.error({ err: error }, 'oidc-provider server error'),
  });
  const singleLogout = createSingleLogout(provider, deps.db, (error) => seams.log.warn({ err: error }, 'back-channel logout failed'));

  const credentials = createCredentialChanges({ accounts: accountsRepo, sessions: deps.sessions, singleSignOn: singleLogout, sms: deps.sms, pii: deps.pii, audit: deps.audit, clock: deps.clock, limits: config.limits });
  const accounts = createAccountService({
    repo: accountsRepo,
    pii: deps.pii,
    hasher: deps.hasher,
    verification: deps.verification,
    captcha: deps.captchaService,
    store: deps.store,
    audit: deps.audit,
    credentials,
    clock: deps.clock,
    limits: config.limits,
    openRegistrationOf: seams.openRegistrationOf,
  });
  const fileReviewRequest = createReviewFiling({ reviews: reviewsRepo, files: deps.files, pii: deps.pii, clock: deps.clock });
  const realname = createRealnameService({
    accounts: accountsRepo,
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
  const recovery = createRecoveryService({
    accounts: accountsRepo,
    reviews: reviewsRepo,
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

  const plugin: FastifyPluginAsync = async (app) => {
    await app.register(accountRoutes(accounts, singleLogout));
    await app.register(realnameRoutes(realname, deps.clock));
    await app.register(recoveryRoutes(recovery, deps.clock));
    // HTML form posts (consent, logout) only from here on: the JSON routes above answer
    // form bodies with 415.
    await app.register(formbody);
    await app.register(oidcRoutes(provider, firstPartyClientIds));
  };
  return { plugin, singleSignOn: singleLogout, platformClient: { issuer, clientId: PLATFORM_CLIENT_ID, clientSecret } };
}
