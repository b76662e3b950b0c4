import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { TestClient, latestCode, solveCaptcha } from '../helpers/client.js';
import { operatorSessionData, platformSessionData } from '../helpers/sessions.js';

/**
 * Authorisation as data: one row per route, one column per kind of caller. Every route the
 * app registers must have a row (a new route without one fails here), and every route must
 * declare its `access` (plugins/access.ts).
 *
 * Adding a column (法人, enterprise owner, operator with region, institution with region):
 *   1. add its name to `Principal`,
 *   2. add how to make such a caller to `principals` (the cookies of a fresh session),
 *   3. TypeScript then lists every row that lacks the new column: fill in the statuses.
 */

/**
 * anonymous: no session; account: a 统一登录系统 session of an unverified account; enterprise: a
 * platform session of demo_xjr's verified 法人 account (北京智芯微电子科技有限公司); natural: a
 * platform session of demo_person's verified 自然人 account; operator: a 管理端 session (部级);
 * institution: a 金融机构端 session of bank_demo (京华银行股份有限公司, 北京市 and 上海市).
 */
type Principal = 'anonymous' | 'account' | 'enterprise' | 'natural' | 'operator' | 'institution';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';

interface Row {
  /** `METHOD /pattern` exactly as the route was registered. */
  route: `${Method} /${string}`;
  /** The URL to call, when the pattern has parameters (default: the pattern). */
  url?: string;
  body?: unknown;
  headers?: Record<string, string>;
  /**
   * Expected status per caller. `institution` may be left out where an institution session
   * counts for nothing: it then expects what an anonymous caller gets.
   */
  expect: Record<Exclude<Principal, 'institution'>, number> & { institution?: number };
  /** Only registered in some builds (static assets exist once the web app is built). */
  optional?: true;
}

/**
 * Bodies are chosen to be harmless: a state-changing route gets an invalid body, so that a
 * caller who is let in sees 400 (validation) and one who is not sees 401/403 — the check
 * of who may call comes before the check of what was sent.
 */
const matrix: Row[] = [
  // infrastructure
  { route: 'GET /api/docs/json', expect: { anonymous: 200, account: 200, enterprise: 200, natural: 200, operator: 200 } },
  { route: 'GET /healthz', expect: { anonymous: 200, account: 200, enterprise: 200, natural: 200, operator: 200 } },
  { route: 'GET /readyz', expect: { anonymous: 200, account: 200, enterprise: 200, natural: 200, operator: 200 } },
  { route: 'GET /api/site', expect: { anonymous: 200, account: 200, enterprise: 200, natural: 200, operator: 200 } },
  { route: 'GET /api/csrf', expect: { anonymous: 200, account: 200, enterprise: 200, natural: 200, operator: 200 } },
  { route: 'GET /api/captcha', expect: { anonymous: 200, account: 200, enterprise: 200, natural: 200, operator: 200 } },
  { route: 'GET /api/session/status', url: '/api/session/status?realm=uc', expect: { anonymous: 200, account: 200, enterprise: 200, natural: 200, operator: 200 } },
  // metrics: the scraper by address (here loopback, the default) or bearer token, never by session (test/server/metrics.test.ts)
  { route: 'GET /metrics', expect: { anonymous: 200, account: 200, enterprise: 200, natural: 200, operator: 200 } },
  { route: 'POST /api/session/keepalive', body: { realm: 'uc' }, expect: { anonymous: 401, account: 200, enterprise: 401, natural: 401, operator: 401 } },
  { route: 'GET /assets/*', url: '/assets/does-not-exist.js', expect: { anonymous: 404, account: 404, enterprise: 404, natural: 404, operator: 404 }, optional: true },
  // development tooling (never registered in production)
  { route: 'GET /__dev/outbox', expect: { anonymous: 200, account: 200, enterprise: 200, natural: 200, operator: 200 } },
  { route: 'GET /__dev/captcha/latest', expect: { anonymous: 200, account: 200, enterprise: 200, natural: 200, operator: 200 } },
  { route: 'GET /__dev/registry/pick', url: '/__dev/registry/pick?qualification=none', expect: { anonymous: 200, account: 200, enterprise: 200, natural: 200, operator: 200 } },
  { route: 'GET /__dev', expect: { anonymous: 200, account: 200, enterprise: 200, natural: 200, operator: 200 } },
  // 统一登录系统: public
  { route: 'POST /api/uc/register/sms-code', body: {}, expect: { anonymous: 400, account: 400, enterprise: 400, natural: 400, operator: 400 } },
  { route: 'POST /api/uc/register', body: {}, expect: { anonymous: 400, account: 400, enterprise: 400, natural: 400, operator: 400 } },
  { route: 'POST /api/uc/login', body: {}, expect: { anonymous: 400, account: 400, enterprise: 400, natural: 400, operator: 400 } },
  { route: 'POST /api/uc/logout', expect: { anonymous: 200, account: 200, enterprise: 200, natural: 200, operator: 200 } },
  { route: 'GET /api/uc/me', expect: { anonymous: 200, account: 200, enterprise: 200, natural: 200, operator: 200 } },
  { route: 'GET /api/portal/me', expect: { anonymous: 200, account: 200, enterprise: 200, natural: 200, operator: 200 } },
  // 统一登录系统: 账号设置 (any logged-in account)
  { route: 'POST /api/uc/account/password', body: {}, expect: { anonymous: 401, account: 400, enterprise: 401, natural: 401, operator: 401 } },
  { route: 'POST /api/uc/account/email/code', body: {}, expect: { anonymous: 401, account: 400, enterprise: 401, natural: 401, operator: 401 } },
  { route: 'POST /api/uc/account/email', body: {}, expect: { anonymous: 401, account: 400, enterprise: 401, natural: 401, operator: 401 } },
  { route: 'POST /api/uc/account/mobile/code', body: {}, expect: { anonymous: 401, account: 400, enterprise: 401, natural: 401, operator: 401 } },
  { route: 'POST /api/uc/account/mobile', body: {}, expect: { anonymous: 401, account: 400, enterprise: 401, natural: 401, operator: 401 } },
  { route: 'GET /api/uc/account/login-records', expect: { anonymous: 401, account: 200, enterprise: 401, natural: 401, operator: 401 } },
  { route: 'GET /api/uc/account/export', expect: { anonymous: 401, account: 200, enterprise: 401, natural: 401, operator: 401 } },
  { route: 'POST /api/uc/account/close/code', body: {}, expect: { anonymous: 401, account: 400, enterprise: 401, natural: 401, operator: 401 } },
  { route: 'POST /api/uc/account/close', body: {}, expect: { anonymous: 401, account: 400, enterprise: 401, natural: 401, operator: 401 } },
  // 统一登录系统: 实名认证
  { route: 'POST /api/uc/realname/legal', body: {}, expect: { anonymous: 401, account: 400, enterprise: 401, natural: 401, operator: 401 } },
  { route: 'POST /api/uc/realname/natural', body: {}, expect: { anonymous: 401, account: 400, enterprise: 401, natural: 401, operator: 401 } },
  { route: 'POST /api/uc/realname/legal-manual', body: {}, expect: { anonymous: 401, account: 415, enterprise: 401, natural: 401, operator: 401 } },
  // 统一登录系统: 忘记密码 and 手机号修改 (no login needed, by design)
  { route: 'POST /api/uc/forgot/code', body: {}, expect: { anonymous: 400, account: 400, enterprise: 400, natural: 400, operator: 400 } },
  { route: 'POST /api/uc/forgot/reset', body: {}, expect: { anonymous: 400, account: 400, enterprise: 400, natural: 400, operator: 400 } },
  { route: 'POST /api/uc/mobile-change/start', body: {}, expect: { anonymous: 400, account: 400, enterprise: 400, natural: 400, operator: 400 } },
  { route: 'POST /api/uc/mobile-change/email-code', body: {}, expect: { anonymous: 400, account: 400, enterprise: 400, natural: 400, operator: 400 } },
  { route: 'POST /api/uc/mobile-change/new-mobile-code', body: {}, expect: { anonymous: 400, account: 400, enterprise: 400, natural: 400, operator: 400 } },
  { route: 'POST /api/uc/mobile-change/email', body: {}, expect: { anonymous: 400, account: 400, enterprise: 400, natural: 400, operator: 400 } },
  { route: 'POST /api/uc/mobile-change/manual', body: {}, expect: { anonymous: 415, account: 415, enterprise: 415, natural: 415, operator: 415 } },
  { route: 'POST /api/uc/mobile-change/status', body: {}, expect: { anonymous: 400, account: 400, enterprise: 400, natural: 400, operator: 400 } },
  { route: 'GET /api/uc/mobile-change/authorization-template', expect: { anonymous: 200, account: 200, enterprise: 200, natural: 200, operator: 200 } },
  // 统一登录系统: OIDC provider and its interaction pages
  { route: 'GET /uc/oidc/*', url: '/uc/oidc/.well-known/openid-configuration', expect: { anonymous: 200, account: 200, enterprise: 200, natural: 200, operator: 200 } },
  { route: 'POST /uc/oidc/*', url: '/uc/oidc/token', body: {}, expect: { anonymous: 400, account: 400, enterprise: 400, natural: 400, operator: 400 } },
  { route: 'OPTIONS /uc/oidc/*', url: '/uc/oidc/token', headers: { origin: 'https://rp.example.com', 'access-control-request-method': 'POST' }, expect: { anonymous: 204, account: 204, enterprise: 204, natural: 204, operator: 204 } },
  { route: 'GET /uc/oidc-assets/logout.js', expect: { anonymous: 200, account: 200, enterprise: 200, natural: 200, operator: 200 } },
  { route: 'GET /uc/interaction/:uid', url: '/uc/interaction/none', expect: { anonymous: 400, account: 400, enterprise: 400, natural: 400, operator: 400 } },
  { route: 'POST /uc/interaction/:uid/consent', url: '/uc/interaction/none/consent', body: {}, expect: { anonymous: 400, account: 400, enterprise: 400, natural: 400, operator: 400 } },
  // 管理端: login is public; everything else needs an operator session (a 统一登录系统 session is not one)
  { route: 'POST /api/admin/login', body: {}, expect: { anonymous: 400, account: 400, enterprise: 400, natural: 400, operator: 400 } },
  { route: 'POST /api/admin/login/enroll', body: {}, expect: { anonymous: 400, account: 400, enterprise: 400, natural: 400, operator: 400 } },
  { route: 'POST /api/admin/logout', expect: { anonymous: 200, account: 200, enterprise: 200, natural: 200, operator: 200 } },
  { route: 'GET /api/admin/me', expect: { anonymous: 200, account: 200, enterprise: 200, natural: 200, operator: 200 } },
  { route: 'GET /api/admin/reviews', expect: { anonymous: 401, account: 401, enterprise: 401, natural: 401, operator: 200 } },
  { route: 'GET /api/admin/reviews/:id', url: '/api/admin/reviews/none', expect: { anonymous: 401, account: 401, enterprise: 401, natural: 401, operator: 404 } },
  { route: 'POST /api/admin/reviews/:id/reveal', url: '/api/admin/reviews/none/reveal', body: {}, expect: { anonymous: 401, account: 401, enterprise: 401, natural: 401, operator: 400 } },
  { route: 'GET /api/admin/reviews/:id/files/:role', url: '/api/admin/reviews/none/files/license', expect: { anonymous: 401, account: 401, enterprise: 401, natural: 401, operator: 404 } },
  { route: 'POST /api/admin/reviews/:id/approve', url: '/api/admin/reviews/none/approve', body: {}, expect: { anonymous: 401, account: 401, enterprise: 401, natural: 401, operator: 404 } },
  { route: 'POST /api/admin/reviews/:id/reject', url: '/api/admin/reviews/none/reject', body: {}, expect: { anonymous: 401, account: 401, enterprise: 401, natural: 401, operator: 400 } },
  // 管理端 【账号管理】, 【审计日志】 (the 部级 operator is the demo 审计员), 【内容管理】; per role: test/server/admin/{operator-accounts,audit-console,content-admin}.test.ts
  { route: 'GET /api/admin/operators', expect: { anonymous: 401, account: 401, enterprise: 401, natural: 401, operator: 200 } },
  { route: 'POST /api/admin/operators', body: {}, expect: { anonymous: 401, account: 401, enterprise: 401, natural: 401, operator: 400 } },
  { route: 'POST /api/admin/operators/:id/disable', url: '/api/admin/operators/none/disable', expect: { anonymous: 401, account: 401, enterprise: 401, natural: 401, operator: 404 } },
  { route: 'POST /api/admin/operators/:id/enable', url: '/api/admin/operators/none/enable', expect: { anonymous: 401, account: 401, enterprise: 401, natural: 401, operator: 404 } },
  { route: 'POST /api/admin/operators/:id/reset-totp', url: '/api/admin/operators/none/reset-totp', expect: { anonymous: 401, account: 401, enterprise: 401, natural: 401, operator: 404 } },
  { route: 'POST /api/admin/operators/:id/auditor', url: '/api/admin/operators/none/auditor', body: {}, expect: { anonymous: 401, account: 401, enterprise: 401, natural: 401, operator: 400 } },
  { route: 'POST /api/admin/audit/search', body: { from: 'not-a-time' }, expect: { anonymous: 401, account: 401, enterprise: 401, natural: 401, operator: 400 } },
  { route: 'GET /api/admin/audit/verify', expect: { anonymous: 401, account: 401, enterprise: 401, natural: 401, operator: 200 } },
  { route: 'POST /api/admin/audit/export', body: { from: 'not-a-time' }, expect: { anonymous: 401, account: 401, enterprise: 401, natural: 401, operator: 400 } },
  { route: 'GET /api/admin/content', expect: { anonymous: 401, account: 401, enterprise: 401, natural: 401, operator: 200 } },
  { route: 'GET /api/admin/content/:id', url: '/api/admin/content/none', expect: { anonymous: 401, account: 401, enterprise: 401, natural: 401, operator: 404 } },
  { route: 'POST /api/admin/content', body: {}, expect: { anonymous: 401, account: 401, enterprise: 401, natural: 401, operator: 400 } },
  { route: 'POST /api/admin/content/:id', url: '/api/admin/content/none', body: {}, expect: { anonymous: 401, account: 401, enterprise: 401, natural: 401, operator: 400 } },
  { route: 'POST /api/admin/content/:id/delete', url: '/api/admin/content/none/delete', expect: { anonymous: 401, account: 401, enterprise: 401, natural: 401, operator: 404 } },
  // 管理端 【资质管理】; per role (省级 other province, 市级, another operator's job): test/server/admin/qualifications.test.ts
  { route: 'POST /api/admin/qualifications/search', body: { region: 'x' }, expect: { anonymous: 401, account: 401, enterprise: 401, natural: 401, operator: 400 } },
  { route: 'POST /api/admin/qualifications/:id/revoke', url: '/api/admin/qualifications/none/revoke', body: {}, expect: { anonymous: 401, account: 401, enterprise: 401, natural: 401, operator: 400 } },
  { route: 'GET /api/admin/qualifications/templates/:type/:format', url: '/api/admin/qualifications/templates/cxx/csv', expect: { anonymous: 401, account: 401, enterprise: 401, natural: 401, operator: 200 } },
  { route: 'POST /api/admin/qualifications/imports', body: {}, expect: { anonymous: 401, account: 401, enterprise: 401, natural: 401, operator: 415 } },
  { route: 'GET /api/admin/qualifications/imports/:id', url: '/api/admin/qualifications/imports/none', expect: { anonymous: 401, account: 401, enterprise: 401, natural: 401, operator: 404 } },
  { route: 'POST /api/admin/qualifications/imports/:id/confirm', url: '/api/admin/qualifications/imports/none/confirm', expect: { anonymous: 401, account: 401, enterprise: 401, natural: 401, operator: 404 } },
  { route: 'POST /api/admin/qualifications/imports/:id/cancel', url: '/api/admin/qualifications/imports/none/cancel', expect: { anonymous: 401, account: 401, enterprise: 401, natural: 401, operator: 404 } },
  { route: 'GET /api/admin/qualifications/imports/:id/errors', url: '/api/admin/qualifications/imports/none/errors', expect: { anonymous: 401, account: 401, enterprise: 401, natural: 401, operator: 404 } },
  // 管理端 【登记查询】, 【工作台】, 【系统设置】 (部级 only); per role (省级 上海, 市级, other region → 404, 403): test/server/admin/registration-query.test.ts
  { route: 'POST /api/admin/registrations/search', body: { filter: { region: 'x' } }, expect: { anonymous: 401, account: 401, enterprise: 401, natural: 401, operator: 400 } },
  { route: 'GET /api/admin/registrations/:id', url: '/api/admin/registrations/none', expect: { anonymous: 401, account: 401, enterprise: 401, natural: 401, operator: 404 } },
  { route: 'POST /api/admin/registrations/export', body: { filter: { region: 'x' } }, expect: { anonymous: 401, account: 401, enterprise: 401, natural: 401, operator: 400 } },
  { route: 'GET /api/admin/dashboard', expect: { anonymous: 401, account: 401, enterprise: 401, natural: 401, operator: 200 } },
  { route: 'GET /api/admin/settings', expect: { anonymous: 401, account: 401, enterprise: 401, natural: 401, operator: 200 } },
  { route: 'POST /api/admin/settings/window', body: {}, expect: { anonymous: 401, account: 401, enterprise: 401, natural: 401, operator: 400 } },
  { route: 'POST /api/admin/settings/notice', body: {}, expect: { anonymous: 401, account: 401, enterprise: 401, natural: 401, operator: 400 } },
  { route: 'POST /api/admin/settings/catalogue', body: {}, expect: { anonymous: 401, account: 401, enterprise: 401, natural: 401, operator: 400 } },
  { route: 'POST /api/admin/settings/recompute', body: { dataYear: 'x' }, expect: { anonymous: 401, account: 401, enterprise: 401, natural: 401, operator: 400 } },
  // platform (relying party of the OIDC provider)
  { route: 'GET /auth/login', expect: { anonymous: 302, account: 302, enterprise: 302, natural: 302, operator: 302 } },
  { route: 'GET /auth/callback', expect: { anonymous: 400, account: 400, enterprise: 400, natural: 400, operator: 400 } },
  { route: 'POST /auth/logout', body: {}, expect: { anonymous: 303, account: 303, enterprise: 303, natural: 303, operator: 303 } },
  { route: 'POST /auth/backchannel-logout', body: {}, expect: { anonymous: 400, account: 400, enterprise: 400, natural: 400, operator: 400 } },
  { route: 'GET /api/platform/home', expect: { anonymous: 200, account: 200, enterprise: 200, natural: 200, operator: 200 } },
  { route: 'GET /api/platform/me', expect: { anonymous: 200, account: 200, enterprise: 200, natural: 200, operator: 200 } },
  { route: 'GET /api/platform/content/:id', url: '/api/platform/content/none', expect: { anonymous: 404, account: 404, enterprise: 404, natural: 404, operator: 404 } },
  // 融资服务专区 → 【去登记】 (issue 14): the gate answers a 自然人 with its dialog; the rest is for verified 法人 (demo_xjr: qualified, 企业信息 complete)
  { route: 'GET /api/platform/financing/gate', expect: { anonymous: 401, account: 401, enterprise: 200, natural: 200, operator: 401 } },
  { route: 'GET /api/platform/financing/notice', expect: { anonymous: 401, account: 401, enterprise: 200, natural: 403, operator: 401 } },
  { route: 'POST /api/platform/financing/consent', body: {}, expect: { anonymous: 401, account: 401, enterprise: 400, natural: 403, operator: 401 } },
  { route: 'GET /api/platform/financing/form', expect: { anonymous: 401, account: 401, enterprise: 200, natural: 403, operator: 401 } },
  { route: 'POST /api/platform/financing/draft', body: {}, expect: { anonymous: 401, account: 401, enterprise: 400, natural: 403, operator: 401 } },
  { route: 'POST /api/platform/financing/draft/autosave', body: {}, expect: { anonymous: 401, account: 401, enterprise: 400, natural: 403, operator: 401 } },
  { route: 'POST /api/platform/financing/submit', body: {}, expect: { anonymous: 401, account: 401, enterprise: 400, natural: 403, operator: 401 } },
  { route: 'POST /api/platform/financing/modify', body: {}, expect: { anonymous: 401, account: 401, enterprise: 400, natural: 403, operator: 401 } },
  { route: 'GET /api/platform/financing/versions', expect: { anonymous: 401, account: 401, enterprise: 200, natural: 403, operator: 401 } },
  { route: 'GET /api/platform/financing/versions/:id/receipt', url: '/api/platform/financing/versions/none/receipt', expect: { anonymous: 401, account: 401, enterprise: 404, natural: 403, operator: 401 } },
  { route: 'POST /api/platform/financing/attachments', body: {}, expect: { anonymous: 401, account: 401, enterprise: 415, natural: 403, operator: 401 } },
  { route: 'GET /api/platform/financing/attachments/:id', url: '/api/platform/financing/attachments/none', expect: { anonymous: 401, account: 401, enterprise: 404, natural: 403, operator: 401 } },
  // 创新积分（自评）: the enterprise's own latest score (by the verified USCC; demo_xjr has none yet → score null)
  { route: 'GET /api/platform/score', expect: { anonymous: 401, account: 401, enterprise: 200, natural: 403, operator: 401 } },
  // platform 企业信息管理: verified 法人 sessions only, each scoped to its own USCC (test/server/platform/enterprise.test.ts)
  { route: 'GET /api/platform/enterprise/profile', expect: { anonymous: 401, account: 401, enterprise: 200, natural: 403, operator: 401 } },
  { route: 'PUT /api/platform/enterprise/profile', body: {}, expect: { anonymous: 401, account: 401, enterprise: 400, natural: 403, operator: 401 } },
  { route: 'GET /api/platform/enterprise/qualifications', expect: { anonymous: 401, account: 401, enterprise: 200, natural: 403, operator: 401 } },
  // 融资对接 (platform): the enterprise's own activity by its verified USCC; 【撤回授权】 (demo_xjr has no consent: a no-op)
  { route: 'GET /api/platform/matchmaking', expect: { anonymous: 401, account: 401, enterprise: 200, natural: 403, operator: 401, institution: 401 } },
  { route: 'POST /api/platform/matchmaking/withdraw', expect: { anonymous: 401, account: 401, enterprise: 200, natural: 403, operator: 401, institution: 401 } },
  // 金融机构端: login is public; the rest needs an institution session (objects: test/server/institution/institution.test.ts)
  { route: 'POST /api/institution/login', body: {}, expect: { anonymous: 400, account: 400, enterprise: 400, natural: 400, operator: 400, institution: 400 } },
  { route: 'POST /api/institution/login/enroll', body: {}, expect: { anonymous: 400, account: 400, enterprise: 400, natural: 400, operator: 400, institution: 400 } },
  { route: 'POST /api/institution/logout', expect: { anonymous: 200, account: 200, enterprise: 200, natural: 200, operator: 200, institution: 200 } },
  { route: 'GET /api/institution/me', expect: { anonymous: 200, account: 200, enterprise: 200, natural: 200, operator: 200, institution: 200 } },
  { route: 'GET /api/institution/profile', expect: { anonymous: 401, account: 401, enterprise: 401, natural: 401, operator: 401, institution: 200 } },
  { route: 'GET /api/institution/records', expect: { anonymous: 401, account: 401, enterprise: 401, natural: 401, operator: 401, institution: 200 } },
  { route: 'POST /api/institution/enterprises', body: { pageSize: 0 }, expect: { anonymous: 401, account: 401, enterprise: 401, natural: 401, operator: 401, institution: 400 } },
  { route: 'POST /api/institution/enterprises/detail', body: {}, expect: { anonymous: 401, account: 401, enterprise: 401, natural: 401, operator: 401, institution: 400 } },
  { route: 'POST /api/institution/enterprises/contact', body: {}, expect: { anonymous: 401, account: 401, enterprise: 401, natural: 401, operator: 401, institution: 400 } },
  { route: 'POST /api/institution/matchmaking', body: {}, expect: { anonymous: 401, account: 401, enterprise: 401, natural: 401, operator: 401, institution: 400 } },
  { route: 'GET /api/admin/institutions', expect: { anonymous: 401, account: 401, enterprise: 401, natural: 401, operator: 200, institution: 401 } },
  { route: 'POST /api/admin/institutions', body: {}, expect: { anonymous: 401, account: 401, enterprise: 401, natural: 401, operator: 400, institution: 401 } },
  { route: 'POST /api/institution/matchmaking/timeline', body: {}, expect: { anonymous: 401, account: 401, enterprise: 401, natural: 401, operator: 401, institution: 400 } },
];

/** The expected status of a caller (an absent `institution` is the anonymous one). */
const expected = (row: Row, who: Principal): number => (who === 'institution' ? (row.expect.institution ?? row.expect.anonymous) : row.expect[who]);

/** Routes that cannot carry an `access` declaration (registered by a plugin we do not configure per route). */
const UNDECLARED_ALLOWED = ['GET /assets/*'];

let ctx: TestContext;
let unverifiedAccountId: string;
let enterpriseAccountId: string;
let naturalAccountId: string;
let operatorId: string;
let institutionUserId: string;

/** How to make each kind of caller: the cookies of a fresh session (fresh per request, so logout and the like cannot leak into the next row). */
const principals: Record<Principal, () => Promise<Record<string, string>>> = {
  anonymous: async () => ({}),
  account: async () => ({ uc_sid: await ctx.deps.sessions.create('uc', unverifiedAccountId, {}) }),
  enterprise: async () => ({ pf_sid: await ctx.deps.sessions.create('platform', enterpriseAccountId, platformSessionData(ctx.deps.pii)) }),
  natural: async () => ({
    pf_sid: await ctx.deps.sessions.create('platform', naturalAccountId, platformSessionData(ctx.deps.pii, { displayNameEnc: ctx.deps.pii.encrypt('刘洋'), userType: 'natural', uscc: null })),
  }),
  operator: async () => ({ adm_sid: await ctx.deps.sessions.create('admin', operatorId, operatorSessionData()) }),
  institution: async () => ({ inst_sid: await ctx.deps.sessions.create('institution', institutionUserId, { role: 'province', regionCode: '', name: '京华银行客户经理' }) }),
};
const principalNames = Object.keys(principals) as Principal[];

beforeAll(async () => {
  ctx = await createTestContext();
  // The plainest account: registered through the real flow, not 实名认证.
  const client = new TestClient(ctx.app);
  const mobile = '13900001111';
  expect((await client.post('/api/uc/register/sms-code', { mobile, ...(await solveCaptcha(ctx, client)) })).statusCode).toBe(200);
  const registered = await client.post('/api/uc/register', {
    loginName: 'authz_plain',
    mobile,
    smsCode: latestCode(ctx, mobile),
    password: 'Strong#Pass2025',
    confirmPassword: 'Strong#Pass2025',
    agree: true,
  });
  expect(registered.statusCode, registered.body).toBe(200);
  unverifiedAccountId = (await ctx.deps.db.kysely.selectFrom('accounts').select('id').where('login_name', '=', 'authz_plain').executeTakeFirstOrThrow()).id;
  // Demo accounts (seeded in the template): demo_xjr is 法人 for 91110108MA01A1B215, demo_person a 自然人.
  enterpriseAccountId = (await ctx.deps.db.kysely.selectFrom('accounts').select('id').where('login_name', '=', 'demo_xjr').executeTakeFirstOrThrow()).id;
  naturalAccountId = (await ctx.deps.db.kysely.selectFrom('accounts').select('id').where('login_name', '=', 'demo_person').executeTakeFirstOrThrow()).id;
  operatorId = (await ctx.deps.db.kysely.selectFrom('operators').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow()).id;
  institutionUserId = (await ctx.deps.db.kysely.selectFrom('institution_users').select('id').where('username', '=', 'bank_demo').executeTakeFirstOrThrow()).id;
});
afterAll(async () => ctx?.close());

const routeKey = (r: { method: string; url: string }) => `${r.method} ${r.url}`;

/** One request as `who`, with a valid CSRF token so that only authorisation decides. */
async function call(row: Row, who: Principal) {
  const csrf = await ctx.app.inject('/api/csrf');
  const cookies = { ...(await principals[who]()), csrf_secret: csrf.cookies.find((c) => c.name === 'csrf_secret')!.value };
  const [method, pattern] = row.route.split(' ') as [Method, string];
  return ctx.app.inject({
    method,
    url: row.url ?? pattern,
    cookies,
    headers: { ...row.headers, 'x-csrf-token': csrf.json().token },
    ...(row.body === undefined ? {} : { payload: row.body as object }),
  });
}

describe('authorisation matrix', () => {
  it('every registered route has a row', () => {
    const rows = new Set(matrix.map((r) => r.route as string));
    const missing = ctx.app.routeAccess.map(routeKey).filter((k) => !rows.has(k));
    expect(missing, 'add a row to the matrix in test/server/authz-matrix.test.ts for each of these routes').toEqual([]);
  });

  it('every row is a registered route (no stale rows) and appears once', () => {
    const registered = new Set(ctx.app.routeAccess.map(routeKey));
    const stale = matrix.filter((r) => !r.optional && !registered.has(r.route)).map((r) => r.route);
    expect(stale).toEqual([]);
    const seen = matrix.map((r) => r.route);
    expect(seen.length).toBe(new Set(seen).size);
  });

  it('every row has a status for every column', () => {
    for (const row of matrix) {
      for (const who of principalNames) expect(expected(row, who), `${row.route} × ${who}`).toEqual(expect.any(Number));
    }
  });

  it('every route declares who may call it', () => {
    const undeclared = ctx.app.routeAccess.filter((r) => r.access === undefined).map(routeKey);
    expect(undeclared.filter((k) => !UNDECLARED_ALLOWED.includes(k))).toEqual([]);
  });

  it('rows agree with the declarations: account routes are 401 for anonymous callers', () => {
    for (const r of ctx.app.routeAccess.filter((r) => r.access === 'account')) {
      const row = matrix.find((m) => m.route === routeKey(r));
      if (row) expect(row.expect.anonymous, routeKey(r)).toBe(401);
    }
  });

  for (const row of matrix) {
    // An optional row whose route is absent from this build still gets its answer (the 404 handler).
    it(`${row.route}: ${principalNames.map((p) => `${p} ${expected(row, p)}`).join(', ')}`, async () => {
      for (const who of principalNames) {
        const res = await call(row, who);
        expect(res.statusCode, `${row.route} as ${who}: ${res.body.slice(0, 300)}`).toBe(expected(row, who));
        if (res.statusCode === 401 || res.statusCode === 403) {
          expect(res.json().message, `${row.route} as ${who}`).toMatch(/[\u4e00-\u9fa5]/);
        }
      }
    });
  }
});

describe('access: account', () => {
  const accountRoutes = () => ctx.app.routeAccess.filter((r) => r.access === 'account');
  const concrete = (url: string) => url.replace(/:[A-Za-z0-9_]+/g, 'x').replace(/\*/g, 'x');

  async function expectUnauthenticated(r: { method: string; url: string }, cookies: Record<string, string>, what: string) {
    const csrf = await ctx.app.inject('/api/csrf');
    const res = await ctx.app.inject({
      method: r.method as Method,
      url: concrete(r.url),
      cookies: { ...cookies, csrf_secret: csrf.cookies.find((c) => c.name === 'csrf_secret')!.value },
      headers: { 'x-csrf-token': csrf.json().token },
      ...(r.method === 'GET' ? {} : { payload: {} }),
    });
    expect(res.statusCode, `${routeKey(r)} ${what}`).toBe(401);
    expect(res.json(), `${routeKey(r)} ${what}`).toMatchObject({ code: 'UNAUTHENTICATED', message: '请先登录', fieldErrors: {} });
  }

  it('there are such routes', () => {
    expect(accountRoutes().length).toBeGreaterThan(5);
  });

  it('anonymous callers get 401 UNAUTHENTICATED on every one', async () => {
    for (const r of accountRoutes()) await expectUnauthenticated(r, {}, 'anonymous');
  });

  it('a session of another realm, an unknown token or an expired session is no account session', async () => {
    const platformToken = await ctx.deps.sessions.create('platform', unverifiedAccountId, platformSessionData(ctx.deps.pii));
    const adminToken = await ctx.deps.sessions.create('admin', unverifiedAccountId, operatorSessionData());
    for (const r of accountRoutes()) {
      await expectUnauthenticated(r, { pf_sid: platformToken, adm_sid: adminToken, uc_sid: platformToken }, 'with another realm’s session');
      await expectUnauthenticated(r, { uc_sid: 'not-a-session' }, 'with an unknown token');
    }
    const expiring = await ctx.deps.sessions.create('uc', unverifiedAccountId, {});
    ctx.clock.advance(31 * 60_000);
    for (const r of accountRoutes()) await expectUnauthenticated(r, { uc_sid: expiring }, 'with an idle-expired session');
  });

  it('routes of the other apps (管理端, 金融机构端, the platform’s 法人 pages) refuse a 统一登录系统 session', async () => {
    const others = ctx.app.routeAccess.filter((r) => r.access !== undefined && !['anonymous', 'dev', 'account', 'scraper'].includes(r.access));
    for (const r of others) {
      const token = await ctx.deps.sessions.create('uc', unverifiedAccountId, {});
      await expectUnauthenticated(r, { uc_sid: token }, 'with a 统一登录系统 session');
    }
  });

  it('a session of a disabled (注销) account is refused on account routes', async () => {
    const token = await ctx.deps.sessions.create('uc', unverifiedAccountId, {});
    await ctx.deps.db.kysely.updateTable('accounts').set({ status: 'disabled' }).where('id', '=', unverifiedAccountId).execute();
    try {
      const res = await ctx.app.inject({ method: 'GET', url: '/api/uc/account/export', cookies: { uc_sid: token } });
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('UNAUTHENTICATED');
    } finally {
      await ctx.deps.db.kysely.updateTable('accounts').set({ status: 'active' }).where('id', '=', unverifiedAccountId).execute();
    }
  });
});
