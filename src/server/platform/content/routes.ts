import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contentDetailResponse, homeResponse, platformMeResponse } from '../../../shared/schemas/platform.js';
import { AppError } from '../../errors.js';
import type { ContentRepo } from '../../db/repos/content.js';
import type { PiiCrypto } from '../../security/pii-crypto.js';

/** 首页 blocks 政策文件 and 通知公告 (edited by operators in 管理端 【内容管理】). */
export const contentRoutes =
  (repo: ContentRepo, pii: Pick<PiiCrypto, 'decrypt'>): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/platform/home',
      {
        config: { access: 'anonymous' },
        schema: { tags: ['platform'], summary: '首页内容', response: { 200: homeResponse } },
      },
      async () => {
        const [policies, notices] = await Promise.all([repo.latest('policy', 8), repo.latest('notice', 8)]);
        const toItem = (r: { id: string; title: string; summary: string; published_on: string }) => ({
          id: r.id,
          title: r.title,
          summary: r.summary,
          publishedAt: r.published_on,
        });
        return { policies: policies.map(toItem), notices: notices.map(toItem) };
      },
    );

    app.get('/api/platform/me', { config: { access: 'anonymous' }, schema: { tags: ['platform'], summary: '平台登录状态', response: { 200: platformMeResponse } } }, async (request) => {
      const session = await request.sessionOf('platform');
      if (!session) return { loggedIn: false as const };
      return { loggedIn: true as const, displayName: pii.decrypt(session.data.displayNameEnc), userType: session.data.userType };
    });

    app.get(
      '/api/platform/content/:id',
      {
        config: { access: 'anonymous' },
        schema: {
          tags: ['platform'],
          summary: '政策文件或通知公告正文',
          params: z.object({ id: z.string().max(64) }),
          response: { 200: contentDetailResponse },
        },
      },
      async (request) => {
        const row = await repo.byId(request.params.id);
        if (!row) throw new AppError('NOT_FOUND');
        return { id: row.id, kind: row.kind, title: row.title, publishedAt: row.published_on, body: row.body };
      },
    );
  };
