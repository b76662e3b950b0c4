import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Clock } from '../../clock.js';
import { requireEnterprise } from '../enterprise-session.js';
import { enterpriseProfileInput, enterpriseProfileResponse, qualificationsResponse } from '../../../shared/schemas/enterprise.js';
import type { EnterpriseProfiles } from './service.js';

/** 企业信息管理: 【企业信息】 (read, 【保存】) and 【认定情况】 of the caller's own enterprise. */
export const enterpriseRoutes =
  (profiles: EnterpriseProfiles, clock: Clock): FastifyPluginAsyncZod =>
  async (app) => {
    const today = () => clock.now();

    app.get(
      '/api/platform/enterprise/profile',
      { config: { access: 'legal' }, schema: { tags: ['platform'], summary: '企业信息', response: { 200: enterpriseProfileResponse } } },
      async (request) => profiles.read(requireEnterprise(request)),
    );

    app.put(
      '/api/platform/enterprise/profile',
      { config: { access: 'legal' }, schema: { tags: ['platform'], summary: '保存企业信息', body: enterpriseProfileInput(today), response: { 200: enterpriseProfileResponse } } },
      async (request) => profiles.save(requireEnterprise(request), request.body, { ip: request.ip }),
    );

    app.get(
      '/api/platform/enterprise/qualifications',
      { config: { access: 'legal' }, schema: { tags: ['platform'], summary: '认定情况', response: { 200: qualificationsResponse } } },
      async (request) => profiles.qualifications(requireEnterprise(request)),
    );
  };
