import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../deps.js';
import { contentRepo } from '../db/repos/content.js';
import { createRelyingParty, type RelyingPartyConfig } from './auth/service.js';
import { platformAuthRoutes } from './auth/routes.js';
import { contentRoutes } from './content/routes.js';
import { createEnterpriseProfiles } from './enterprise/service.js';
import { enterpriseRoutes } from './enterprise/routes.js';
import { financingRepo } from '../db/repos/financing.js';
import { createFinancingService, type ScoreSubmission } from './financing/service.js';
import { financingRoutes } from './financing/routes.js';
import type { ScoringService } from '../scoring/service.js';
import { scoreRoutes } from './score/routes.js';
import { institutionRepo } from '../db/repos/institutions.js';
import { createMatchmakingService } from './matchmaking/service.js';
import { matchmakingRoutes } from './matchmaking/routes.js';

/** What the platform room takes from the other rooms. */
export interface PlatformSeams {
  /** Its OIDC client at the IdP (issuer, client id and secret), and `fetch` when the IdP is reached in-process. */
  identityProvider: Pick<RelyingPartyConfig, 'issuer' | 'clientId' | 'clientSecret' | 'fetch'>;
  /** Provisional 创新积分 of each submitted registration version (scoring wires it; absent: the answer's score is null). */
  scoreSubmission?: ScoreSubmission;
  /** The one scoring service of the process (shared with the 管理端's 【重新计算积分】 and catalogue changes). */
  scoring: ScoringService;
}

/** 优质中小企业梯度培育平台: single sign-on through the IdP, the public pages' content. */
export function platformRoom(deps: AppDeps, seams: PlatformSeams): FastifyPluginAsync {
  const { config } = deps;
  const relyingParty = createRelyingParty(
    {
      ...seams.identityProvider,
      redirectUri: `${config.publicUrl}/auth/callback`,
      postLogoutRedirectUri: `${config.publicUrl}/`,
    },
    deps.store,
    deps.sessions,
  );

  return async (app) => {
    await app.register(platformAuthRoutes(relyingParty, { publicUrl: config.publicUrl, secureCookies: config.appEnv !== 'development', pii: deps.pii }));
    await app.register(contentRoutes(contentRepo(deps.db), deps.pii));
    const enterpriseProfiles = createEnterpriseProfiles({ db: deps.db, pii: deps.pii, clock: deps.clock, audit: deps.audit });
    await app.register(enterpriseRoutes(enterpriseProfiles, deps.clock));
    const financing = financingRepo(deps.db);
    const { scoring } = seams;
    const financingService = createFinancingService({
      repo: financing,
      clock: deps.clock,
      pii: deps.pii,
      audit: deps.audit,
      store: deps.store,
      files: deps.files,
      profile: enterpriseProfiles,
      scoreSubmission: seams.scoreSubmission ?? scoring.scoreSubmission,
      noticeTtlMs: config.limits.sessionAbsoluteHours * 3600_000,
      log: app.log,
    });
    await app.register(financingRoutes(financingService));
    await app.register(scoreRoutes(scoring));
    await app.register(matchmakingRoutes(createMatchmakingService({ institutions: institutionRepo(deps.db), financing, audit: deps.audit, clock: deps.clock })));
  };
}
