import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { adminEnrollSchema, adminLoginSchema, operatorEnrollResponse, operatorLoginResponse, operatorMeResponse } from '../../shared/schemas/admin.js';
import { okResponse } from '../../shared/schemas/common.js';
import { OPERATOR_ROLE_LABELS } from '../../shared/operator-labels.js';
import { AppError } from '../errors.js';
import type { OperatorTable } from '../db/schema.js';
import type { Realm } from '../security/sessions.js';
import type { OperatorScope } from '../security/region-scope.js';
import type { OperatorAuthService } from './service.js';

export interface OperatorAuthRouteOptions {
  /** e.g. /api/admin: login, login/enroll, logout and me are mounted under it. */
  basePath: string;
  realm: Extract<Realm, 'admin' | 'institution'>;
  /** OpenAPI tag and the console's name in summaries (管理端, 金融机构端). */
  tag: string;
  consoleName: string;
}

/** The operator's region scope, from the console session that the access check loaded. */
export function operatorScopeOf(request: FastifyRequest): OperatorScope {
  const session = request.auth;
  if (session?.realm !== 'admin' && session?.realm !== 'institution') throw new AppError('UNAUTHENTICATED');
  return { operatorId: session.accountId, role: session.data.role, regionCode: session.data.regionCode };
}

/** A console's 登录 / 退出 and who is logged in. */
export const operatorAuthRoutes =
  (auth: OperatorAuthService, options: OperatorAuthRouteOptions): FastifyPluginAsyncZod =>
  async (app) => {
    const { basePath, realm, tag, consoleName } = options;
    const startOperatorSession = (reply: FastifyReply, operator: OperatorTable) =>
      reply.startSession(realm, operator.id, { role: operator.role, regionCode: operator.region_code, name: operator.display_name });

    app.post(`${basePath}/login`, { config: { access: 'anonymous' }, schema: { tags: [tag], summary: `${consoleName}登录`, body: adminLoginSchema, response: { 200: operatorLoginResponse } } }, async (request, reply) => {
      const result = await auth.login(request.body, request.ip);
      if (result.step === 'enroll') return { step: 'enroll' as const, enrollToken: result.enrollToken, secret: result.secret, otpauthUrl: result.otpauthUrl };
      await startOperatorSession(reply, result.operator);
      return { step: 'done' as const };
    });

    app.post(`${basePath}/login/enroll`, { config: { access: 'anonymous' }, schema: { tags: [tag], summary: `${consoleName}：绑定动态口令`, body: adminEnrollSchema, response: { 200: operatorEnrollResponse } } }, async (request, reply) => {
      await startOperatorSession(reply, await auth.enroll(request.body.enrollToken, request.body.totpCode, request.ip));
      return { step: 'done' as const };
    });

    app.post(`${basePath}/logout`, { config: { access: 'anonymous' }, schema: { tags: [tag], summary: `${consoleName}退出`, response: { 200: okResponse } } }, async (_request, reply) => {
      await reply.endSession(realm);
      return { ok: true as const };
    });

    app.get(`${basePath}/me`, { config: { access: 'anonymous' }, schema: { tags: [tag], summary: `${consoleName}：当前用户`, response: { 200: operatorMeResponse } } }, async (request) => {
      const session = await request.sessionOf(realm);
      if (!session) return { loggedIn: false as const };
      const { name, role, regionCode } = session.data;
      const isAuditor = await auth.isAuditor(session.accountId);
      return { loggedIn: true as const, name, role, roleLabel: OPERATOR_ROLE_LABELS[role], regionCode, isAuditor };
    });
  };
