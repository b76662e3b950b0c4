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
import { jobRepo } from '../db/repos/jobs.js';
import { qualificationRepo } from '../db/repos/qualifications.js';
import { createJobRunner } from '../jobs/runner.js';
import { createImportJob, IMPORT_JOB_KIND } from './qualifications/import-job.js';
import { createQualificationService } from './qualifications/service.js';
import { qualificationRoutes } from './qualifications/routes.js';
import { contentRepo } from '../db/repos/content.js';
import { auditSearchRepo } from '../db/repos/audit-search.js';
import { createOperatorAccountService } from './operators/service.js';
import { operatorAccountRoutes } from './operators/routes.js';
import { institutionRepo } from '../db/repos/institutions.js';
import { createInstitutionAccountService } from './institutions/service.js';
import { institutionAccountRoutes } from './institutions/routes.js';
import { createAuditConsoleService } from './audit/service.js';
import { auditConsoleRoutes } from './audit/routes.js';
import { createContentAdminService } from './content/service.js';
import { contentAdminRoutes } from './content/routes.js';
import { registrationQueryRepo } from '../db/repos/registration-query.js';
import { financingRepo } from '../db/repos/financing.js';
import { scoringRepo } from '../db/repos/scoring.js';
import type { ScoringService } from '../scoring/service.js';
import { createRegistrationQueryService } from './registrations/service.js';
import { registrationQueryRoutes } from './registrations/routes.js';
import { createDashboardService } from './dashboard/service.js';
import { dashboardRoutes } from './dashboard/routes.js';
import { createSettingsService } from './settings/service.js';
import { settingsRoutes } from './settings/routes.js';

/** What the 管理端 room takes from the other rooms. */
export interface AdminSeams {
  /** The IdP's single sign-on: a 手机号修改 approved by 人工核验 ends the account's OIDC sessions too. */
  singleSignOn: SingleSignOn;
  /** The one scoring service of the process: 【重新计算积分】 and a new catalogue version reach the platform's provisional scores too. */
  scoring: ScoringService;
}

/** 管理端: operator login (captcha, TOTP), the 人工核验 queue, 账号管理, 审计日志 and 内容管理. */
export function adminRoom(deps: AppDeps, seams: AdminSeams): FastifyPluginAsync {
  const { config } = deps;
  const accountsRepo = accountRepo(deps.db, deps.pii);
  const operators = operatorRepo(deps.db);
  const auth = createOperatorAuthService(
    { operators, hasher: deps.hasher, captcha: deps.captchaService, store: deps.store, audit: deps.audit, pii: deps.pii, clock: deps.clock, config },
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
  const operatorAccounts = createOperatorAccountService({ operators, hasher: deps.hasher, sessions: deps.sessions, audit: deps.audit, clock: deps.clock, isUniqueViolation });
  const auditConsole = createAuditConsoleService({ search: auditSearchRepo(deps.db), operators, audit: deps.audit, clock: deps.clock });
  const contentAdmin = createContentAdminService({ content: contentRepo(deps.db), audit: deps.audit, clock: deps.clock });

  const jobs = jobRepo(deps.db);
  const qualifications = qualificationRepo(deps.db);

  return async (app) => {
    // 【资质管理】 imports run as background jobs in this process (docs/decisions/0011-background-jobs.md).
    const runner = createJobRunner({
      jobs,
      clock: deps.clock,
      log: app.log,
      handlers: { [IMPORT_JOB_KIND]: createImportJob({ db: deps.db, jobs, qualifications, registry: deps.enterpriseRegistry, files: deps.files, audit: deps.audit, clock: deps.clock }) },
    });
    app.addHook('onReady', async () => runner.start());
    app.addHook('onClose', async () => runner.stop());
    const qualificationService = createQualificationService({ db: deps.db, qualifications, jobs, files: deps.files, audit: deps.audit, clock: deps.clock, kick: runner.kick });
    await app.register(qualificationRoutes(qualificationService));
    await app.register(operatorAuthRoutes(auth, { basePath: '/api/admin', realm: 'admin', tag: 'admin', consoleName: '管理端' }));
    await app.register(reviewRoutes(reviews));
    await app.register(operatorAccountRoutes(operatorAccounts));
    await app.register(institutionAccountRoutes(createInstitutionAccountService({ repo: institutionRepo(deps.db), hasher: deps.hasher, audit: deps.audit, clock: deps.clock, isUniqueViolation })));
    await app.register(auditConsoleRoutes(auditConsole));
    await app.register(contentAdminRoutes(contentAdmin));

    // 【登记查询】, 【工作台】, 【系统设置】
    const registrationQueries = registrationQueryRepo(deps.db);
    const registrationQuery = createRegistrationQueryService({ repo: registrationQueries, pii: deps.pii, audit: deps.audit, clock: deps.clock });
    const financing = financingRepo(deps.db);
    const scores = scoringRepo(deps.db);
    const { scoring } = seams;
    const settings = createSettingsService({
      db: deps.db,
      financing,
      scoringRepo: scores,
      scoring: {
        recompute: (dataYear, options) => scoring.recompute(dataYear, options),
        catalogueChanged: () => scoring.catalogueChanged(),
      },
      audit: deps.audit,
      clock: deps.clock,
      log: app.log,
    });
    await app.register(registrationQueryRoutes(registrationQuery));
    await app.register(dashboardRoutes(createDashboardService({ repo: registrationQueries, financing, clock: deps.clock, syncFacets: registrationQuery.syncFacets })));
    await app.register(settingsRoutes(settings));
  };
}
