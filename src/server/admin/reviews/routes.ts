import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { rejectSchema, revealResponse, revealSchema, reviewDetailResponse, reviewListResponse, reviewQuerySchema } from '../../../shared/schemas/admin.js';
import { fileResponse, okResponse } from '../../../shared/schemas/common.js';
import { operatorScopeOf } from '../../operator-auth/routes.js';
import type { ReviewService } from './service.js';

const idParams = z.object({ id: z.string().min(1).max(64) });

/** 管理端 【人工核验】. Personal data: never cached. */
export const reviewRoutes =
  (reviews: ReviewService): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/admin/reviews',
      {
        config: { access: 'operator' },
        schema: {
          tags: ['admin'],
          summary: '人工核验队列',
          querystring: reviewQuerySchema,
          response: { 200: reviewListResponse },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store');
        return reviews.list(operatorScopeOf(request), request.query);
      },
    );

    app.get('/api/admin/reviews/:id', { config: { access: 'operator' }, schema: { tags: ['admin'], summary: '人工核验详情', params: idParams, response: { 200: reviewDetailResponse } } }, async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return reviews.detail(operatorScopeOf(request), request.params.id, request.ip);
    });

    app.post('/api/admin/reviews/:id/reveal', { config: { access: 'operator' }, schema: { tags: ['admin'], summary: '查看完整证件号码或手机号', params: idParams, body: revealSchema, response: { 200: revealResponse } } }, async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return reviews.reveal(operatorScopeOf(request), request.params.id, request.body, request.ip);
    });

    app.get(
      '/api/admin/reviews/:id/files/:role',
      {
        config: { access: 'operator' },
        schema: {
          tags: ['admin'],
          summary: '查看上传材料',
          params: z.object({ id: z.string().min(1).max(64), role: z.string().min(1).max(40) }),
          produces: ['image/jpeg', 'image/png', 'application/pdf'],
          response: { 200: fileResponse.describe('上传材料（JPG、PNG或PDF）') },
        },
      },
      async (request, reply) => {
        const file = await reviews.file(operatorScopeOf(request), request.params.id, request.params.role, request.ip);
        // Shown inline, never interpreted: its type comes from sniffing at upload.
        reply
          .type(file.contentType)
          .header('content-disposition', 'inline')
          .header('cache-control', 'no-store')
          .header('x-content-type-options', 'nosniff')
          // Viewable in the console (same-origin frame) and by the browser's PDF viewer; no scripts.
          .header('content-security-policy', "default-src 'none'; img-src 'self'; object-src 'self'; frame-ancestors 'self'")
          .header('x-frame-options', 'SAMEORIGIN');
        return file.content;
      },
    );

    app.post('/api/admin/reviews/:id/approve', { config: { access: 'operator' }, schema: { tags: ['admin'], summary: '通过', params: idParams, response: { 200: okResponse } } }, async (request) => {
      await reviews.approve(operatorScopeOf(request), request.params.id, request.ip);
      return { ok: true as const };
    });

    app.post('/api/admin/reviews/:id/reject', { config: { access: 'operator' }, schema: { tags: ['admin'], summary: '驳回', params: idParams, body: rejectSchema, response: { 200: okResponse } } }, async (request) => {
      await reviews.reject(operatorScopeOf(request), request.params.id, request.body.reason, request.ip);
      return { ok: true as const };
    });
  };
