import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { okResponse } from '../../../shared/schemas/common.js';
import { contentDetailAdminResponse, contentInputSchema, contentListQuerySchema, contentListResponse, contentSavedResponse } from '../../../shared/schemas/admin-content.js';
import { operatorScopeOf } from '../../operator-auth/routes.js';
import type { ContentAdminService } from './service.js';

const idParams = z.object({ id: z.string().min(1).max(64) });

/** 管理端 【内容管理】 (部级 only): 政策文件 and 通知公告 of the platform home. */
export const contentAdminRoutes =
  (contentAdmin: ContentAdminService): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/admin/content',
      { config: { access: 'operator' }, schema: { tags: ['admin'], summary: '内容管理：列表（部级）', querystring: contentListQuerySchema, response: { 200: contentListResponse } } },
      async (request, reply) => {
        reply.header('cache-control', 'no-store');
        return contentAdmin.list(operatorScopeOf(request), request.query);
      },
    );

    app.get('/api/admin/content/:id', { config: { access: 'operator' }, schema: { tags: ['admin'], summary: '内容管理：详情（部级）', params: idParams, response: { 200: contentDetailAdminResponse } } }, async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return contentAdmin.detail(operatorScopeOf(request), request.params.id);
    });

    app.post('/api/admin/content', { config: { access: 'operator' }, schema: { tags: ['admin'], summary: '内容管理：发布（部级）', body: contentInputSchema, response: { 200: contentSavedResponse } } }, async (request) =>
      contentAdmin.create(operatorScopeOf(request), request.body, request.ip),
    );

    app.post(
      '/api/admin/content/:id',
      { config: { access: 'operator' }, schema: { tags: ['admin'], summary: '内容管理：修改（部级）', params: idParams, body: contentInputSchema, response: { 200: okResponse } } },
      async (request) => {
        await contentAdmin.update(operatorScopeOf(request), request.params.id, request.body, request.ip);
        return { ok: true as const };
      },
    );

    app.post('/api/admin/content/:id/delete', { config: { access: 'operator' }, schema: { tags: ['admin'], summary: '内容管理：删除（部级）', params: idParams, response: { 200: okResponse } } }, async (request) => {
      await contentAdmin.remove(operatorScopeOf(request), request.params.id, request.ip);
      return { ok: true as const };
    });
  };
