import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { okResponse } from '../../../shared/schemas/common.js';
import { operatorAuditorSchema, operatorCreateSchema, operatorCreatedResponse, operatorListQuerySchema, operatorListResponse } from '../../../shared/schemas/admin-operators.js';
import { operatorScopeOf } from '../../operator-auth/routes.js';
import type { OperatorAccountService } from './service.js';

const idParams = z.object({ id: z.string().min(1).max(64) });

/** 管理端 【账号管理】 (operator accounts). Who may act on which account: policy.ts. */
export const operatorAccountRoutes =
  (accounts: OperatorAccountService): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/admin/operators',
      { config: { access: 'operator' }, schema: { tags: ['admin'], summary: '账号管理：管理端账号列表', querystring: operatorListQuerySchema, response: { 200: operatorListResponse } } },
      async (request, reply) => {
        reply.header('cache-control', 'no-store');
        return accounts.list(operatorScopeOf(request), request.query);
      },
    );

    app.post(
      '/api/admin/operators',
      { config: { access: 'operator' }, schema: { tags: ['admin'], summary: '账号管理：新建管理端账号（初始密码只显示一次）', body: operatorCreateSchema, response: { 200: operatorCreatedResponse } } },
      async (request, reply) => {
        reply.header('cache-control', 'no-store');
        return accounts.create(operatorScopeOf(request), request.body, request.ip);
      },
    );

    app.post('/api/admin/operators/:id/disable', { config: { access: 'operator' }, schema: { tags: ['admin'], summary: '账号管理：停用', params: idParams, response: { 200: okResponse } } }, async (request) => {
      await accounts.setStatus(operatorScopeOf(request), request.params.id, 'disabled', request.ip);
      return { ok: true as const };
    });

    app.post('/api/admin/operators/:id/enable', { config: { access: 'operator' }, schema: { tags: ['admin'], summary: '账号管理：启用', params: idParams, response: { 200: okResponse } } }, async (request) => {
      await accounts.setStatus(operatorScopeOf(request), request.params.id, 'active', request.ip);
      return { ok: true as const };
    });

    app.post('/api/admin/operators/:id/reset-totp', { config: { access: 'operator' }, schema: { tags: ['admin'], summary: '账号管理：重置动态口令', params: idParams, response: { 200: okResponse } } }, async (request) => {
      await accounts.resetTotp(operatorScopeOf(request), request.params.id, request.ip);
      return { ok: true as const };
    });

    app.post(
      '/api/admin/operators/:id/auditor',
      { config: { access: 'operator' }, schema: { tags: ['admin'], summary: '账号管理：设置审计员（部级）', params: idParams, body: operatorAuditorSchema, response: { 200: okResponse } } },
      async (request) => {
        await accounts.setAuditor(operatorScopeOf(request), request.params.id, request.body.isAuditor, request.ip);
        return { ok: true as const };
      },
    );
  };
