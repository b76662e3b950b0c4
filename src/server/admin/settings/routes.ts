import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { okResponse } from '../../../shared/schemas/common.js';
import { catalogueVersionRequest, recomputeRequest, recomputeStartedResponse, settingsResponse } from '../../../shared/schemas/admin-registrations.js';
import { filingWindowRequest, noticeVersionRequest } from '../../../shared/schemas/registration.js';
import { operatorScopeOf } from '../../operator-auth/routes.js';
import { AppError } from '../../errors.js';
import type { FastifyRequest } from 'fastify';
import type { SettingsService } from './service.js';

const adminScope = (request: FastifyRequest) => {
  if (request.auth?.realm !== 'admin') throw new AppError('FORBIDDEN');
  return operatorScopeOf(request);
};

/** 管理端 【系统设置】 (部级 only; the service refuses the others). */
export const settingsRoutes =
  (service: SettingsService): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/api/admin/settings', { config: { access: 'operator' }, schema: { tags: ['admin'], summary: '系统设置', response: { 200: settingsResponse } } }, async (request) => service.get(adminScope(request)));

    app.post(
      '/api/admin/settings/window',
      { config: { access: 'operator' }, schema: { tags: ['admin'], summary: '设置填报时间', body: filingWindowRequest, response: { 200: okResponse } } },
      async (request) => {
        await service.setWindow(adminScope(request), request.body, request.ip);
        return { ok: true as const };
      },
    );

    app.post(
      '/api/admin/settings/notice',
      { config: { access: 'operator' }, schema: { tags: ['admin'], summary: '发布新版提示事项', body: noticeVersionRequest, response: { 200: z.object({ version: z.number() }) } } },
      async (request) => service.publishNotice(adminScope(request), request.body, request.ip),
    );

    app.post(
      '/api/admin/settings/catalogue',
      { config: { access: 'operator' }, schema: { tags: ['admin'], summary: '发布新版指标体系', body: catalogueVersionRequest, response: { 200: z.object({ version: z.string() }) } } },
      async (request) => service.newCatalogue(adminScope(request), request.body.body, request.ip),
    );

    app.post(
      '/api/admin/settings/recompute',
      { config: { access: 'operator' }, schema: { tags: ['admin'], summary: '重新计算积分', body: recomputeRequest, response: { 200: recomputeStartedResponse } } },
      async (request) => service.recompute(adminScope(request), request.body.dataYear, request.ip),
    );
  };
