import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import {
  INSTITUTION_ROUTES,
  contactResponse,
  detailResponse,
  listRequest,
  listResponse,
  profileResponse,
  recordRequest,
  recordsResponse,
  timelineResponse,
  usccRequest,
} from '../../shared/schemas/institution.js';
import { AppError } from '../errors.js';
import type { InstitutionService } from './service.js';

const TAG = 'institution';

/** 金融机构端 routes (HTTP only): the caller comes from the institution session, fresh per request. */
export const institutionRoutes =
  (service: InstitutionService): FastifyPluginAsyncZod =>
  async (app) => {
    const callerOf = (request: FastifyRequest) => {
      const session = request.auth;
      if (session?.realm !== 'institution') throw new AppError('UNAUTHENTICATED');
      return service.caller(session.accountId);
    };

    app.get(INSTITUTION_ROUTES.profile, { config: { access: 'institution' }, schema: { tags: [TAG], summary: '金融机构端：本机构及服务地区', response: { 200: profileResponse } } }, async (request) => {
      const caller = await callerOf(request);
      return { institution: caller.institutionName, name: caller.name, regions: caller.regions };
    });

    app.post(INSTITUTION_ROUTES.list, { config: { access: 'institution' }, schema: { tags: [TAG], summary: '企业名单（已提交且同意推送、在服务地区内）', body: listRequest, response: { 200: listResponse } } }, async (request) =>
      service.list(await callerOf(request), request.body),
    );

    app.post(INSTITUTION_ROUTES.detail, { config: { access: 'institution' }, schema: { tags: [TAG], summary: '企业详情（个人信息脱敏；记入审计并告知企业）', body: usccRequest, response: { 200: detailResponse } } }, async (request) =>
      service.detail(await callerOf(request), request.body.uscc, request.ip),
    );

    app.post(INSTITUTION_ROUTES.contact, { config: { access: 'institution' }, schema: { tags: [TAG], summary: '查看联系方式（记入审计）', body: usccRequest, response: { 200: contactResponse } } }, async (request) =>
      service.contact(await callerOf(request), request.body.uscc, request.ip),
    );

    app.post(INSTITUTION_ROUTES.record, { config: { access: 'institution' }, schema: { tags: [TAG], summary: '登记对接', body: recordRequest, response: { 200: timelineResponse } } }, async (request) =>
      service.record(await callerOf(request), request.body, request.ip),
    );

    app.post(INSTITUTION_ROUTES.timeline, { config: { access: 'institution' }, schema: { tags: [TAG], summary: '与一家企业的对接记录', body: usccRequest, response: { 200: timelineResponse } } }, async (request) =>
      service.timeline(await callerOf(request), request.body.uscc),
    );

    app.get(INSTITUTION_ROUTES.records, { config: { access: 'institution' }, schema: { tags: [TAG], summary: '对接记录（本机构）', response: { 200: recordsResponse } } }, async (request) => ({
      entries: await service.records(await callerOf(request)),
    }));
  };
