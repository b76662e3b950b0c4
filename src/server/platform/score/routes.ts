import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { SCORE_ROUTES, scoreResultResponse } from '../../../shared/schemas/score.js';
import { requireEnterprise } from '../enterprise-session.js';
import type { ScoringService } from '../../scoring/service.js';

/** 创新积分（自评）: the enterprise's own latest score, scoped by the session's verified USCC. */
export const scoreRoutes =
  (service: ScoringService): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(SCORE_ROUTES.mine, { config: { access: 'legal' }, schema: { tags: ['financing'], summary: '创新积分（自评）：本企业最新积分及各项指标说明', response: { 200: scoreResultResponse } } }, async (request) => ({
      score: await service.latestOf(requireEnterprise(request).uscc),
    }));
  };
