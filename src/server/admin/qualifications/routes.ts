import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { fileResponse, okResponse } from '../../../shared/schemas/common.js';
import { importJobResponse, importStartedResponse, qualificationListResponse, qualificationSearchSchema, revokeQualificationSchema, templateParams } from '../../../shared/schemas/qualifications.js';
import { IMPORT_MAX_BYTES } from '../../../shared/qualification-import.js';
import { QUALIFICATION_TYPES } from '../../../shared/qualification-labels.js';
import { operatorScopeOf } from '../../operator-auth/routes.js';
import { AppError } from '../../errors.js';
import type { QualificationService } from './service.js';

/** A file streamed from storage (never serialized). */
const streamedFile = z.custom<Readable>((value) => value instanceof Readable).meta({ type: 'string', format: 'binary' });
const idParams = z.object({ id: z.string().min(1).max(64) });

/** RFC 6266 attachment with a Chinese file name. */
const attachment = (fileName: string) => `attachment; filename="download${fileName.slice(fileName.lastIndexOf('.'))}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;

/** 管理端 【资质管理】: list, 【撤销】, templates, 【导入】 jobs. Filters and identifiers travel in bodies or opaque ids. */
export const qualificationRoutes =
  (service: QualificationService): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/admin/qualifications/search',
      { config: { access: 'operator' }, schema: { tags: ['admin'], summary: '资质列表（按地区范围）', body: qualificationSearchSchema, response: { 200: qualificationListResponse } } },
      async (request) => service.search(operatorScopeOf(request), request.body),
    );

    app.post(
      '/api/admin/qualifications/:id/revoke',
      { config: { access: 'operator' }, schema: { tags: ['admin'], summary: '撤销资质', params: idParams, body: revokeQualificationSchema, response: { 200: okResponse } } },
      async (request) => {
        await service.revoke(operatorScopeOf(request), request.params.id, request.body.reason, request.ip);
        return { ok: true as const };
      },
    );

    app.get(
      '/api/admin/qualifications/templates/:type/:format',
      {
        config: { access: 'operator' },
        schema: { tags: ['admin'], summary: '下载导入模板', params: templateParams, produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'], response: { 200: fileResponse.describe('导入模板') } },
      },
      async (request, reply) => {
        operatorScopeOf(request);
        const file = await service.template(request.params.type, request.params.format);
        reply.type(file.contentType).header('content-disposition', attachment(file.fileName));
        return file.content;
      },
    );

    app.post(
      '/api/admin/qualifications/imports',
      { config: { access: 'operator' }, schema: { tags: ['admin'], summary: '上传导入文件（CSV或XLSX，multipart：type、file）', consumes: ['multipart/form-data'], response: { 200: importStartedResponse } } },
      async (request) => {
        const scope = operatorScopeOf(request);
        if (!request.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
        const data = await request.file({ limits: { fileSize: IMPORT_MAX_BYTES, files: 1, fields: 5, fieldSize: 100 } });
        if (!data) throw new AppError('UPLOAD_REQUIRED', { file: '请选择要导入的文件' });
        const typeField = data.fields.type;
        const type = z.enum(QUALIFICATION_TYPES).safeParse(typeField && 'value' in typeField ? typeField.value : undefined);
        if (!type.success) {
          data.file.resume();
          throw new AppError('VALIDATION_FAILED', { type: '请选择资质类型' });
        }
        return service.upload(scope, { type: type.data, fileName: data.filename, file: data.file, truncated: () => data.file.truncated }, request.ip);
      },
    );

    app.get('/api/admin/qualifications/imports/:id', { config: { access: 'operator' }, schema: { tags: ['admin'], summary: '导入任务进度与结果', params: idParams, response: { 200: importJobResponse } } }, async (request) =>
      service.job(operatorScopeOf(request), request.params.id),
    );

    app.post('/api/admin/qualifications/imports/:id/confirm', { config: { access: 'operator' }, schema: { tags: ['admin'], summary: '确认导入', params: idParams, response: { 200: okResponse } } }, async (request) => {
      await service.confirm(operatorScopeOf(request), request.params.id, request.ip);
      return { ok: true as const };
    });

    app.post('/api/admin/qualifications/imports/:id/cancel', { config: { access: 'operator' }, schema: { tags: ['admin'], summary: '取消导入', params: idParams, response: { 200: okResponse } } }, async (request) => {
      await service.cancel(operatorScopeOf(request), request.params.id, request.ip);
      return { ok: true as const };
    });

    app.get(
      '/api/admin/qualifications/imports/:id/errors',
      { config: { access: 'operator' }, schema: { tags: ['admin'], summary: '下载错误报告（CSV）', params: idParams, produces: ['text/csv'], response: { 200: streamedFile.describe('错误报告') } } },
      async (request, reply) => {
        const report = await service.errorReport(operatorScopeOf(request), request.params.id, request.ip);
        reply.type('text/csv; charset=utf-8').header('content-disposition', attachment(report.fileName)).header('x-content-type-options', 'nosniff');
        return report.stream;
      },
    );
  };
