import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { fileResponse } from '../../../shared/schemas/common.js';
import {
  FINANCING_ROUTES,
  attachmentInfo,
  attachmentParams,
  consentRequest,
  consentState,
  draftRequest,
  draftSavedResponse,
  formStateResponse,
  gateResponse,
  modifyRequest,
  noticeResponse,
  receiptParams,
  receiptResponse,
  submitRequest,
  submitResponse,
  versionsResponse,
} from '../../../shared/schemas/registration.js';
import { UPLOAD_MAX_BYTES } from '../../../shared/uploads.js';
import { errorMessages } from '../../../shared/errors.js';
import { AppError } from '../../errors.js';
import { sniffUpload, uploadMimeTypes } from '../../security/uploads.js';
import type { FinancingCaller, FinancingService } from './service.js';

/**
 * The platform session behind the request. `enterprise-owner` (the gate) lets a 自然人 session
 * in so that it hears why it cannot go on; `legal` routes have already refused it.
 */
function callerOf(request: FastifyRequest): FinancingCaller {
  const session = request.auth;
  if (!session || session.realm !== 'platform') throw new AppError('UNAUTHENTICATED');
  return { accountId: session.accountId, userType: session.data.userType, uscc: session.data.uscc, sessionKey: session.idHash };
}

const meta = (request: FastifyRequest) => ({ ip: request.ip });

/** 融资服务专区 → 【去登记】 (src/shared/schemas/registration.ts lists the routes). */
export const financingRoutes =
  (service: FinancingService): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['financing'];

    app.get(FINANCING_ROUTES.gate, { config: { access: 'enterprise-owner' }, schema: { tags, summary: '去登记：准入检查（自然人、资质、企业信息）', response: { 200: gateResponse } } }, async (request) =>
      service.gate(callerOf(request)),
    );

    app.get(FINANCING_ROUTES.notice, { config: { access: 'legal' }, schema: { tags, summary: '提示事项（记录本会话打开时间）', response: { 200: noticeResponse } } }, async (request) =>
      service.notice(callerOf(request)),
    );

    app.post(FINANCING_ROUTES.consent, { config: { access: 'legal' }, schema: { tags, summary: '同意将本企业登记信息推送至合作金融机构', body: consentRequest, response: { 200: consentState } } }, async (request) =>
      service.setConsent(callerOf(request), request.body, meta(request)),
    );

    app.get(FINANCING_ROUTES.form, { config: { access: 'legal' }, schema: { tags, summary: '登记表（表头、填报期、草稿或最新版本）', response: { 200: formStateResponse } } }, async (request) =>
      service.form(callerOf(request)),
    );

    app.post(FINANCING_ROUTES.draft, { config: { access: 'legal' }, schema: { tags, summary: '保存草稿', body: draftRequest, response: { 200: draftSavedResponse } } }, async (request) =>
      service.saveDraft(callerOf(request), request.body),
    );

    app.post(FINANCING_ROUTES.autosave, { config: { access: 'legal' }, schema: { tags, summary: '自动保存草稿', body: draftRequest, response: { 200: draftSavedResponse } } }, async (request) =>
      service.saveDraft(callerOf(request), request.body),
    );

    app.post(FINANCING_ROUTES.submit, { config: { access: 'legal' }, schema: { tags, summary: '提交（保存为新版本）', body: submitRequest, response: { 200: submitResponse } } }, async (request) =>
      service.submit(callerOf(request), request.body, meta(request)),
    );

    app.post(FINANCING_ROUTES.modify, { config: { access: 'legal' }, schema: { tags, summary: '修改（以最新版本开始新草稿）', body: modifyRequest, response: { 200: formStateResponse } } }, async (request) =>
      service.modify(callerOf(request), request.body, meta(request)),
    );

    app.get(FINANCING_ROUTES.versions, { config: { access: 'legal' }, schema: { tags, summary: '版本记录', response: { 200: versionsResponse } } }, async (request) =>
      service.versions(callerOf(request)),
    );

    app.get(FINANCING_ROUTES.receipt, { config: { access: 'legal' }, schema: { tags, summary: '登记回执', params: receiptParams, response: { 200: receiptResponse } } }, async (request) =>
      service.receipt(callerOf(request), request.params.id),
    );

    app.post(
      FINANCING_ROUTES.attachments,
      { config: { access: 'legal' }, schema: { tags, summary: '上传附件（multipart：file，PDF/JPG/PNG，≤5MB）', consumes: ['multipart/form-data'], response: { 200: attachmentInfo } } },
      async (request) => {
        const caller = callerOf(request);
        if (!request.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
        const data = await request.file({ limits: { fileSize: UPLOAD_MAX_BYTES, files: 1, fields: 5, fieldSize: 200 } });
        if (!data || data.fieldname !== 'file') {
          data?.file.resume();
          throw new AppError('UPLOAD_REQUIRED', { file: errorMessages.UPLOAD_REQUIRED });
        }
        const content = await data.toBuffer();
        if (data.file.truncated) throw new AppError('UPLOAD_TOO_LARGE', { file: errorMessages.UPLOAD_TOO_LARGE });
        const kind = sniffUpload(content);
        if (!kind) throw new AppError('UPLOAD_TYPE', { file: errorMessages.UPLOAD_TYPE });
        return service.uploadAttachment(caller, { content, kind, name: data.filename });
      },
    );

    app.get(
      FINANCING_ROUTES.attachment,
      { config: { access: 'legal' }, schema: { tags, summary: '下载附件', params: attachmentParams, produces: ['image/jpeg', 'image/png', 'application/pdf'], response: { 200: fileResponse.describe('附件（JPG、PNG或PDF）') } } },
      async (request, reply) => {
        const file = await service.attachment(callerOf(request), request.params.id);
        reply
          .type(uploadMimeTypes[file.kind])
          .header('content-disposition', `attachment; filename="attachment.${file.kind}"; filename*=UTF-8''${encodeURIComponent(file.name)}`)
          .header('x-content-type-options', 'nosniff')
          .header('content-security-policy', "default-src 'none'");
        return file.content;
      },
    );
  };
