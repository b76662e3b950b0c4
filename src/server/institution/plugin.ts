import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../deps.js';
import { institutionRepo } from '../db/repos/institutions.js';
import { financingRepo } from '../db/repos/financing.js';
import { scoringRepo } from '../db/repos/scoring.js';
import type { OperatorRepo } from '../db/repos/operators.js';
import { createOperatorAuthService } from '../operator-auth/service.js';
import { operatorAuthRoutes } from '../operator-auth/routes.js';
import { createScoringService } from '../scoring/service.js';
import { createInstitutionService } from './service.js';
import { institutionRoutes } from './routes.js';

/** 金融机构端: login (password + captcha + TOTP, the operator machinery), 企业名单, 对接; the platform's 【融资对接】. */
export function institutionRoom(deps: AppDeps): FastifyPluginAsync {
  const { config } = deps;
  const repo = institutionRepo(deps.db);
  const auth = createOperatorAuthService(
    // The login reads and updates only these four (institutions.ts asOperatorRepo).
    { operators: repo.asOperatorRepo() as OperatorRepo, hasher: deps.hasher, captcha: deps.captchaService, store: deps.store, audit: deps.audit, pii: deps.pii, clock: deps.clock, config },
    { issuer: '梯度培育平台金融机构端', keyPrefix: 'institution' },
  );
  return async (app) => {
    const scoring = createScoringService({ repo: scoringRepo(deps.db), clock: deps.clock, log: app.log });
    const service = createInstitutionService({ repo, financing: financingRepo(deps.db), scoreOf: (uscc) => scoring.latestOf(uscc), pii: deps.pii, audit: deps.audit, clock: deps.clock });
    await app.register(operatorAuthRoutes(auth, { basePath: '/api/institution', realm: 'institution', tag: 'institution', consoleName: '金融机构端' }));
    await app.register(institutionRoutes(service));
  };
}
