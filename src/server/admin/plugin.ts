import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../deps.js';
import { accountRepo } from '../db/repos/accounts.js';
import { operatorRepo } from '../db/repos/operators.js';
import { reviewRequestRepo } from '../db/repos/review-requests.js';
import { isUniqueViolation } from '../db/errors.js';
import { createCredentialChanges, type SingleSignOn } from '../domain/credential-changes.js';
import { createOperatorAuthService } from '../operator-auth/service.js';
import { operatorAuthRoutes } from '../operator-auth/routes.js';
import { createReviewService } from './reviews/service.js';
import { reviewRoutes } from './reviews/routes.js';

/** What the 管理端 room takes from the other rooms. */
export interface AdminSeams {
  /** The IdP's single sign-on: a 手机号修改 approved by 人工核验 ends the account's OIDC sessions too. */
  singleSignOn: SingleSignOn;
}

/** 管理端: operator login (captcha, TOTP) and the 人工核验 queue. */
export function adminRoom(deps: AppDeps, seams: AdminSeams): FastifyPluginAsync {
  const { config } = deps;
  const accountsRepo = accountRepo(deps.db, deps.pii);
  const auth = createOperatorAuthService(
    { operators: operatorRepo(deps.db), hasher: deps.hasher, captcha: deps.captchaService, store: deps.store, audit: deps.audit, pii: deps.pii, clock: deps.clock, config },
    { issuer: '梯度培育平台管理端', keyPrefix: 'admin' },
  );
  const credentials = createCredentialChanges({ accounts: accountsRepo, sessions: deps.sessions, singleSignOn: seams.singleSignOn, sms: deps.sms, pii: deps.pii, audit: deps.audit, clock: deps.clock, limits: config.limits });
  const reviews = createReviewService({
    requests: reviewRequestRepo(deps.db),
    accounts: accountsRepo,
    credentials,
    files: deps.files,
    sms: deps.sms,
    pii: deps.pii,
    audit: deps.audit,
    clock: deps.clock,
    isUniqueViolation,
  });

  return async (app) => {
    await app.register(operatorAuthRoutes(auth, { basePath: '/api/admin', realm: 'admin', tag: 'admin', consoleName: '管理端' }));
    await app.register(reviewRoutes(reviews));
  };
}
