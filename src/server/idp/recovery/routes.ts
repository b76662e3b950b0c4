import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requestMeta } from '../../http/request-meta.js';
import { z } from 'zod';
import {
  flowTokenResponse,
  forgotCodeSchema,
  forgotResetSchema,
  manualReviewFieldsSchema,
  manualReviewFileRoles,
  mobileChangeByEmailSchema,
  mobileChangeEmailCodeSchema,
  mobileChangeNewMobileCodeSchema,
  mobileChangeStartSchema,
  mobileChangeFiledResponse,
  reviewStatusQuerySchema,
  reviewStatusResponse,
} from '../../../shared/schemas/recovery.js';
import { okMessageResponse as message, okResponse } from '../../../shared/schemas/common.js';
import { successMessages } from '../../../shared/messages.js';
import { UPLOAD_MAX_BYTES } from '../../../shared/schemas/realname.js';
import { readMultipartForm, validateMultipartFields } from '../../security/uploads.js';
import type { Clock } from '../../clock.js';
import type { RecoveryService } from './service.js';
import { authorizationTemplateRtf } from './authorization-template.js';

/** 忘记密码 and 手机号修改 on the login page (no login needed). */
export const recoveryRoutes =
  (recovery: RecoveryService, clock: Clock): FastifyPluginAsyncZod =>
  async (app) => {
    app.post('/api/uc/forgot/code', { config: { access: 'anonymous' }, schema: { tags: ['uc'], summary: '忘记密码：获取验证码', body: forgotCodeSchema, response: { 200: message } } }, async (request) => {
      await recovery.sendResetCode(request.body, requestMeta(request));
      return { ok: true as const, message: successMessages.forgotCodeSent };
    });

    app.post('/api/uc/forgot/reset', { config: { access: 'anonymous' }, schema: { tags: ['uc'], summary: '忘记密码：重置密码', body: forgotResetSchema, response: { 200: message } } }, async (request) => {
      await recovery.resetPassword(request.body, requestMeta(request));
      return { ok: true as const, message: successMessages.passwordReset };
    });

    app.post(
      '/api/uc/mobile-change/start',
      { config: { access: 'anonymous' }, schema: { tags: ['uc'], summary: '手机号修改：第一步', body: mobileChangeStartSchema, response: { 200: flowTokenResponse } } },
      async (request) => ({ flowToken: await recovery.startMobileChange(request.body) }),
    );

    app.post('/api/uc/mobile-change/email-code', { config: { access: 'anonymous' }, schema: { tags: ['uc'], summary: '邮箱核验：发送邮箱验证码', body: mobileChangeEmailCodeSchema, response: { 200: message } } }, async (request) => {
      await recovery.sendMobileChangeEmailCode(request.body.flowToken, requestMeta(request));
      return { ok: true as const, message: successMessages.recoveryEmailCodeSent };
    });

    app.post('/api/uc/mobile-change/new-mobile-code', { config: { access: 'anonymous' }, schema: { tags: ['uc'], summary: '手机号修改：新手机号验证码', body: mobileChangeNewMobileCodeSchema, response: { 200: okResponse } } }, async (request) => {
      await recovery.sendNewMobileCode(request.body, requestMeta(request));
      return { ok: true as const };
    });

    app.post('/api/uc/mobile-change/email', { config: { access: 'anonymous' }, schema: { tags: ['uc'], summary: '邮箱核验：提交', body: mobileChangeByEmailSchema, response: { 200: message } } }, async (request) => {
      await recovery.changeMobileByEmail(request.body, requestMeta(request));
      return { ok: true as const, message: successMessages.mobileChangedByEmail };
    });

    app.post('/api/uc/mobile-change/manual', { config: { access: 'anonymous' }, schema: { tags: ['uc'], summary: '人工核验：提交申请', consumes: ['multipart/form-data'], response: { 200: mobileChangeFiledResponse } } }, async (request) => {
      const form = await readMultipartForm(request, manualReviewFileRoles, UPLOAD_MAX_BYTES);
      // 法人 attach the enterprise's papers; 授权委托书 only when the applicant is not the legal representative.
      const required = form.fields.accountType === 'legal' ? ['businessLicense', 'legalRepIdFront', 'legalRepIdBack'] : [];
      const fields = validateMultipartFields(manualReviewFieldsSchema(() => clock.now()), form, required);
      const acceptanceNo = await recovery.fileManualReview(fields, form.files, requestMeta(request));
      return { ok: true as const, acceptanceNo, message: successMessages.mobileChangeFiled(acceptanceNo) };
    });

    // POST although it changes nothing: the mobile travels in the body, never in a URL (access logs).
    app.post('/api/uc/mobile-change/status', { config: { access: 'anonymous' }, schema: { tags: ['uc'], summary: '核验进度查询', body: reviewStatusQuerySchema, response: { 200: reviewStatusResponse } } }, async (request) =>
      recovery.reviewStatus(request.body.acceptanceNo, request.body.newMobile),
    );

    app.get('/api/uc/mobile-change/authorization-template', { config: { access: 'anonymous' }, schema: { tags: ['uc'], summary: '下载授权委托书模板', produces: ['application/rtf'], response: { 200: z.string().describe('RTF 文件') } } }, async (_request, reply) => {
      reply
        .type('application/rtf')
        .header('content-disposition', `attachment; filename="authorization.rtf"; filename*=UTF-8''${encodeURIComponent('授权委托书模板.rtf')}`);
      return authorizationTemplateRtf();
    });
  };
