import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requestMeta } from '../../http/request-meta.js';
import {
  bindEmailSchema,
  changeMobileSchema,
  changePasswordSchema,
  closeAccountSchema,
  closeCodeSchema,
  emailCodeSchema,
  loginSchema,
  mobileCodeSchema,
  registerCodeSchema,
  registerSchema,
  loginRecordsResponse,
  personalDataFileSchema,
  portalMeResponse,
  ucMeResponse,
} from '../../../shared/schemas/idp.js';
import { okResponse as ok } from '../../../shared/schemas/common.js';
import type { AccountService } from './service.js';
import type { SingleLogout } from '../oidc/single-logout.js';

const done = { ok: true as const };

/** HTTP of 注册, 登录 and 账号设置. The flows live in service.ts. */
export const accountRoutes =
  (accounts: AccountService, singleSignOn: Pick<SingleLogout, 'endBrowserSession'>): FastifyPluginAsyncZod =>
  async (app) => {
    app.post('/api/uc/register/sms-code', { config: { access: 'anonymous' }, schema: { tags: ['uc'], summary: '注册：获取短信验证码', body: registerCodeSchema, response: { 200: ok } } }, async (request) => {
      await accounts.sendRegisterCode(request.body, requestMeta(request));
      return done;
    });

    app.post('/api/uc/register', { config: { access: 'anonymous' }, schema: { tags: ['uc'], summary: '注册', body: registerSchema, response: { 200: ok } } }, async (request, reply) => {
      const account = await accounts.register(request.body, requestMeta(request));
      await reply.startSession('uc', account.id, {});
      return done;
    });

    app.post('/api/uc/login', { config: { access: 'anonymous' }, schema: { tags: ['uc'], summary: '登录（登录名或统一社会信用代码）', body: loginSchema, response: { 200: ok } } }, async (request, reply) => {
      const account = await accounts.login(request.body, requestMeta(request));
      await reply.startSession('uc', account.id, {});
      return done;
    });

    app.post('/api/uc/logout', { config: { access: 'anonymous' }, schema: { tags: ['uc'], summary: '退出登录', response: { 200: ok } } }, async (request, reply) => {
      const session = await request.sessionOf('uc');
      await reply.endSession('uc');
      // 【退出登录】 ends the single sign-on too: the platform and other relying parties are told.
      await singleSignOn.endBrowserSession(request.raw, reply.raw);
      if (session) await accounts.recordLogout(session.accountId, requestMeta(request));
      return done;
    });

    app.get('/api/uc/me', { config: { access: 'anonymous' }, schema: { tags: ['uc'], summary: '当前账号（用户中心）', response: { 200: ucMeResponse } } }, async (request) => {
      const session = await request.sessionOf('uc');
      if (!session) return { loggedIn: false as const };
      return { loggedIn: true as const, ...(await accounts.view(session.accountId)) };
    });

    app.get('/api/portal/me', { config: { access: 'anonymous' }, schema: { tags: ['portal'], summary: '门户登录状态', response: { 200: portalMeResponse } } }, async (request) => {
      const session = await request.sessionOf('uc');
      if (!session) return { loggedIn: false as const };
      const view = await accounts.view(session.accountId);
      return { loggedIn: true as const, displayName: displayNameOf(view), realnameStatus: view.realnameStatus };
    });

    app.post('/api/uc/account/password', { config: { access: 'account' }, schema: { tags: ['uc'], summary: '修改密码', body: changePasswordSchema, response: { 200: ok } } }, async (request) => {
      await accounts.changePassword(request.auth!.accountId, request.auth!.idHash, request.body, requestMeta(request));
      return done;
    });

    app.post('/api/uc/account/email/code', { config: { access: 'account' }, schema: { tags: ['uc'], summary: '绑定邮箱：发送邮箱验证码', body: emailCodeSchema, response: { 200: ok } } }, async (request) => {
      await accounts.sendBindEmailCode(request.auth!.accountId, request.body.email, requestMeta(request));
      return done;
    });

    app.post('/api/uc/account/email', { config: { access: 'account' }, schema: { tags: ['uc'], summary: '绑定邮箱', body: bindEmailSchema, response: { 200: ok } } }, async (request) => {
      await accounts.bindEmail(request.auth!.accountId, request.auth!.idHash, request.body, requestMeta(request));
      return done;
    });

    app.post('/api/uc/account/mobile/code', { config: { access: 'account' }, schema: { tags: ['uc'], summary: '修改手机号：获取验证码', body: mobileCodeSchema, response: { 200: ok } } }, async (request) => {
      await accounts.sendChangeMobileCode(request.auth!.accountId, request.body, requestMeta(request));
      return done;
    });

    app.post('/api/uc/account/mobile', { config: { access: 'account' }, schema: { tags: ['uc'], summary: '修改手机号', body: changeMobileSchema, response: { 200: ok } } }, async (request) => {
      await accounts.changeMobile(request.auth!.accountId, request.auth!.idHash, request.body, requestMeta(request));
      return done;
    });

    app.get('/api/uc/account/login-records', { config: { access: 'account' }, schema: { tags: ['uc'], summary: '登录记录', response: { 200: loginRecordsResponse } } }, async (request) => ({
      records: await accounts.loginRecords(request.auth!.accountId),
    }));

    app.get(
      '/api/uc/account/export',
      {
        config: { access: 'account' },
        schema: { tags: ['uc'], summary: '个人信息下载', response: { 200: personalDataFileSchema } },
        // A file people open and read: indented, and still only what the schema lists.
        serializerCompiler: () => (data) => JSON.stringify(personalDataFileSchema.parse(data), null, 2),
      },
      async (request, reply) => {
        const data = await accounts.exportPersonalData(request.auth!.accountId, requestMeta(request));
        reply
          .header('content-disposition', `attachment; filename="personal-data.json"; filename*=UTF-8''${encodeURIComponent('个人信息.json')}`)
          .header('cache-control', 'no-store')
          .type('application/json; charset=utf-8');
        return data;
      },
    );

    app.post('/api/uc/account/close/code', { config: { access: 'account' }, schema: { tags: ['uc'], summary: '注销账号：获取验证码', body: closeCodeSchema, response: { 200: ok } } }, async (request) => {
      await accounts.sendCloseCode(request.auth!.accountId, request.body, requestMeta(request));
      return done;
    });

    app.post('/api/uc/account/close', { config: { access: 'account' }, schema: { tags: ['uc'], summary: '注销账号', body: closeAccountSchema, response: { 200: ok } } }, async (request, reply) => {
      await accounts.closeAccount(request.auth!.accountId, request.body, requestMeta(request));
      await reply.endSession('uc');
      return done;
    });
  };

/** Header name: 企业名称 for 法人, the person's name for 自然人, else the 登录名. */
function displayNameOf(view: { realnameStatus: string; userType: string | null; enterpriseName: string | null; personName: string | null; loginName: string }) {
  if (view.realnameStatus === 'verified' && view.userType === 'legal' && view.enterpriseName) return view.enterpriseName;
  if (view.realnameStatus === 'verified' && view.userType === 'natural' && view.personName) return view.personName;
  return view.loginName;
}
