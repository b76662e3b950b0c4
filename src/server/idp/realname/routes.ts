import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requestMeta } from '../../http/request-meta.js';
import { realnameLegalSchema, realnameManualFieldsSchema, realnameManualResponse, realnameNaturalSchema, UPLOAD_MAX_BYTES } from '../../../shared/schemas/realname.js';
import { okResponse } from '../../../shared/schemas/common.js';
import { readMultipartForm, validateMultipartFields } from '../../security/uploads.js';
import type { Clock } from '../../clock.js';
import type { RealnameService } from './service.js';


/** 实名认证 (用户中心 → 【账号设置】 → 【实名认证】). */
export const realnameRoutes =
  (realname: RealnameService, clock: Clock): FastifyPluginAsyncZod =>
  async (app) => {
    const today = () => clock.now();
    app.post(
      '/api/uc/realname/legal',
      { config: { access: 'account' }, schema: { tags: ['uc'], summary: '实名认证（法人，居民身份证）', body: realnameLegalSchema(today), response: { 200: okResponse } } },
      async (request) => {
        await realname.verifyLegal(request.auth!.accountId, request.body, requestMeta(request));
        return { ok: true as const };
      },
    );

    app.post(
      '/api/uc/realname/natural',
      { config: { access: 'account' }, schema: { tags: ['uc'], summary: '实名认证（自然人）', body: realnameNaturalSchema(today), response: { 200: okResponse } } },
      async (request) => {
        await realname.verifyNatural(request.auth!.accountId, request.body, requestMeta(request));
        return { ok: true as const };
      },
    );

    app.post(
      '/api/uc/realname/legal-manual',
      { config: { access: 'account' }, schema: { tags: ['uc'], summary: '实名认证（法人，其他证件类型，人工核验）', consumes: ['multipart/form-data'], response: { 200: realnameManualResponse } } },
      async (request) => {
        const form = await readMultipartForm(request, ['businessLicense', 'idDocument'], UPLOAD_MAX_BYTES);
        const fields = validateMultipartFields(realnameManualFieldsSchema, form, ['businessLicense', 'idDocument']);
        const { files } = form;
        const acceptanceNo = await realname.requestManualLegal(
          request.auth!.accountId,
          fields,
          { businessLicense: files.businessLicense, idDocument: files.idDocument },
          requestMeta(request),
        );
        return { ok: true as const, acceptanceNo };
      },
    );
  };
