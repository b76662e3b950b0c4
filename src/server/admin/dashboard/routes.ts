import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { dashboardResponse } from '../../../shared/schemas/admin-registrations.js';
import { operatorScopeOf } from '../../operator-auth/routes.js';
import { AppError } from '../../errors.js';
import type { DashboardService } from './service.js';

/** 管理端 【工作台】: totals and chart data inside the operator's region. */
export const dashboardRoutes =
  (service: DashboardService): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/api/admin/dashboard', { config: { access: 'operator' }, schema: { tags: ['admin'], summary: '工作台统计（按地区范围）', response: { 200: dashboardResponse } } }, async (request) => {
      if (request.auth?.realm !== 'admin') throw new AppError('FORBIDDEN');
      return service.overview(operatorScopeOf(request));
    });
  };
