import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { INSTITUTION_ROUTES, activityResponse } from '../../../shared/schemas/institution.js';
import { requireEnterprise } from '../enterprise-session.js';
import type { MatchmakingService } from './service.js';

/** 【融资对接】 (verified 法人 sessions, by the verified USCC). */
export const matchmakingRoutes =
  (service: MatchmakingService): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(INSTITUTION_ROUTES.mine, { config: { access: 'legal' }, schema: { tags: ['financing'], summary: '融资对接：查看、联系本企业的金融机构及结果', response: { 200: activityResponse } } }, async (request) =>
      service.activity(requireEnterprise(request).uscc),
    );

    app.post(INSTITUTION_ROUTES.withdraw, { config: { access: 'legal' }, schema: { tags: ['financing'], summary: '撤回授权（金融机构即时失去访问）', response: { 200: activityResponse } } }, async (request) =>
      service.withdraw(requireEnterprise(request), request.ip),
    );
  };
