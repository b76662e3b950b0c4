import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditFilterSchema, auditSearchResponse, auditSearchSchema, auditVerifyResponse } from '../../../shared/schemas/admin-audit.js';
import { operatorScopeOf } from '../../operator-auth/routes.js';
import type { AuditConsoleService } from './service.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** A file streamed as it is written (never serialized). */
const streamedFile = z.custom<Readable>((value) => value instanceof Readable).meta({ type: 'string', format: 'binary' });

/** 管理端 【审计日志】 (审计员 only). Filters travel in POST bodies: they may name a USCC or an account. */
export const auditConsoleRoutes =
  (auditConsole: AuditConsoleService): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/admin/audit/search',
      { config: { access: 'operator' }, schema: { tags: ['admin'], summary: '审计日志：查询（审计员）', body: auditSearchSchema, response: { 200: auditSearchResponse } } },
      async (request, reply) => {
        reply.header('cache-control', 'no-store');
        return auditConsole.search(operatorScopeOf(request), request.body, request.ip);
      },
    );

    app.get('/api/admin/audit/verify', { config: { access: 'operator' }, schema: { tags: ['admin'], summary: '审计日志：哈希链校验（审计员）', response: { 200: auditVerifyResponse } } }, async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return auditConsole.verify(operatorScopeOf(request), request.ip);
    });

    app.post(
      '/api/admin/audit/export',
      { config: { access: 'operator' }, schema: { tags: ['admin'], summary: '审计日志：导出XLSX（审计员）', body: auditFilterSchema, produces: [XLSX_TYPE], response: { 200: streamedFile.describe('审计日志（XLSX）') } } },
      async (request, reply) => {
        const { stream, fileName } = await auditConsole.export(operatorScopeOf(request), request.body, request.ip);
        reply
          .type(XLSX_TYPE)
          .header('content-disposition', `attachment; filename="audit-log.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
          .header('cache-control', 'no-store');
        return reply.send(stream);
      },
    );
  };
