import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ADMIN_INSTITUTION_ROUTES, institutionCreateSchema, institutionCreatedResponse, institutionListResponse } from '../../../shared/schemas/admin-institutions.js';
import { operatorScopeOf } from '../../operator-auth/routes.js';
import type { InstitutionAccountService } from './service.js';

/** 【账号管理】 → 金融机构账号 (部级 and 省级 operators). */
export const institutionAccountRoutes =
  (service: InstitutionAccountService): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(ADMIN_INSTITUTION_ROUTES.list, { config: { access: 'operator' }, schema: { tags: ['admin'], summary: '账号管理：金融机构账号列表', response: { 200: institutionListResponse } } }, async (request) =>
      service.list(operatorScopeOf(request)),
    );
    app.post(
      ADMIN_INSTITUTION_ROUTES.list,
      { config: { access: 'operator' }, schema: { tags: ['admin'], summary: '账号管理：新建金融机构及其账号（初始密码只显示一次）', body: institutionCreateSchema, response: { 200: institutionCreatedResponse } } },
      async (request) => service.create(operatorScopeOf(request), request.body, request.ip),
    );
  };
