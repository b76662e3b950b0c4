import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { registrationDetailResponse, registrationExportSchema, registrationListResponse, registrationSearchSchema } from '../../../shared/schemas/admin-registrations.js';
import { operatorScopeOf } from '../../operator-auth/routes.js';
import { AppError } from '../../errors.js';
import type { RegistrationQueryService } from './service.js';

const streamedFile = z.custom<Readable>((value) => value instanceof Readable).meta({ type: 'string', format: 'binary' });
const idParams = z.object({ id: z.string().min(1).max(64) });
const attachment = (fileName: string) => `attachment; filename="download.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`;

/** 管理端 【登记查询】: list, detail and 【导出】 (filters in POST bodies, never in URLs). Operators of the 管理端 only. */
export const registrationQueryRoutes =
  (service: RegistrationQueryService): FastifyPluginAsyncZod =>
  async (app) => {
    const adminScope = (request: Parameters<typeof operatorScopeOf>[0]) => {
      if (request.auth?.realm !== 'admin') throw new AppError('FORBIDDEN');
      return operatorScopeOf(request);
    };

    app.post(
      '/api/admin/registrations/search',
      { config: { access: 'operator' }, schema: { tags: ['admin'], summary: '登记查询（按地区范围）', body: registrationSearchSchema, response: { 200: registrationListResponse } } },
      async (request) => service.search(adminScope(request), request.body),
    );

    app.get(
      '/api/admin/registrations/:id',
      { config: { access: 'operator' }, schema: { tags: ['admin'], summary: '登记详情（版本、积分明细）', params: idParams, response: { 200: registrationDetailResponse } } },
      async (request) => service.detail(adminScope(request), request.params.id, request.ip),
    );

    app.post(
      '/api/admin/registrations/export',
      {
        config: { access: 'operator' },
        schema: {
          tags: ['admin'],
          summary: '导出登记数据（XLSX）',
          body: registrationExportSchema,
          produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
          response: { 200: streamedFile.describe('登记数据') },
        },
      },
      async (request, reply) => {
        const file = await service.exportXlsx(adminScope(request), request.body, request.ip);
        reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', attachment(file.fileName))
          .header('x-export-rows', String(file.total))
          .header('x-content-type-options', 'nosniff');
        return file.stream;
      },
    );
  };
