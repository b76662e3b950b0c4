import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { emptyResponse } from '../../../shared/schemas/common.js';
import { renderPage } from '../../http/html-page.js';
import { sendError } from '../../plugins/errors.js';
import { safeReturnTo, type RelyingParty } from './service.js';
import type { PiiCrypto } from '../../security/pii-crypto.js';

const STATE_COOKIE = 'pf_oidc_state';

/** 【登录】 and 【退出】 of the platform: OpenID Connect against 统一登录系统. */
export const platformAuthRoutes =
  (rp: RelyingParty, options: { publicUrl: string; secureCookies: boolean; pii: Pick<PiiCrypto, 'encrypt' | 'decrypt'> }): FastifyPluginAsyncZod =>
  async (app) => {
    const cookieOptions = { httpOnly: true, sameSite: 'lax' as const, secure: options.secureCookies, path: '/auth' };

    const failurePage = (reply: import('fastify').FastifyReply, message: string) => {
      const { html } = renderPage('登录失败', `<h1>登录失败</h1><p>${message}</p><div class="actions"><a class="button" href="/auth/login">重新登录</a><a class="button secondary" href="/">返回首页</a></div>`, { nonce: reply.cspNonce.style });
      return reply.status(400).type('text/html; charset=utf-8').send(html);
    };

    app.get(
      '/auth/login',
      { config: { access: 'anonymous' }, schema: { tags: ['platform'], summary: '平台登录（跳转统一登录系统）', querystring: z.object({ returnTo: z.string().max(500).optional() }), response: { 302: emptyResponse.describe('跳转到统一登录系统') } } },
      async (request, reply) => {
        const { url, state } = await rp.startLogin(safeReturnTo(request.query.returnTo, options.publicUrl));
        reply.setCookie(STATE_COOKIE, state, { ...cookieOptions, maxAge: 600 });
        return reply.redirect(url);
      },
    );

    app.get(
      '/auth/callback',
      { config: { access: 'anonymous' }, schema: { hide: true, querystring: z.object({ code: z.string().max(500).optional(), state: z.string().max(200).optional(), error: z.string().max(100).optional(), iss: z.string().max(500).optional(), error_description: z.string().max(1000).optional() }) } },
      async (request, reply) => {
        reply.clearCookie(STATE_COOKIE, cookieOptions);
        if (request.query.error === 'access_denied') return failurePage(reply, '您已拒绝授权，未登录平台。');
        const callbackUrl = new URL(request.url, options.publicUrl);
        let result;
        try {
          result = await rp.finishLogin(callbackUrl, request.cookies[STATE_COOKIE]);
        } catch (error) {
          request.log.warn({ err: error }, 'oidc callback failed');
          return failurePage(reply, '登录凭证校验失败，请重新登录。');
        }
        if (!result) return failurePage(reply, '登录请求已过期或已使用，请重新登录。');
        const { identity, returnTo } = result;
        // Accounts without 实名认证 get no platform session: the 用户中心 tells them what to do.
        if (identity.realnameStatus !== 'verified') return reply.redirect('/uc/center');
        // Only what the pages need; the ID token (it carries the name) only encrypted, for id_token_hint.
        await reply.startSession('platform', identity.sub, {
          displayNameEnc: options.pii.encrypt(identity.displayName),
          userType: identity.userType,
          uscc: identity.uscc,
          idTokenEnc: options.pii.encrypt(identity.idToken),
          // Back-channel logout from the IdP names the login by its sid.
          sid: identity.sid,
        });
        // Checked again: a login started before an upgrade kept what the older check let through.
        return reply.redirect(safeReturnTo(returnTo, options.publicUrl));
      },
    );

    app.post('/auth/logout', { config: { access: 'anonymous' }, schema: { tags: ['platform'], summary: '退出（平台与统一登录系统）', response: { 303: emptyResponse.describe('跳转到统一登录系统退出') } } }, async (request, reply) => {
      const session = await request.sessionOf('platform');
      await reply.endSession('platform');
      return reply.redirect(await rp.logoutUrl(session ? options.pii.decrypt(session.data.idTokenEnc) : undefined), 303);
    });

    // OpenID Connect Back-Channel Logout: the IdP posts a signed logout token when a session
    // ends there (【退出】 anywhere, credential changes), and the platform session ends too.
    app.post(
      '/auth/backchannel-logout',
      { config: { access: 'anonymous', csrf: false }, schema: { hide: true, body: z.object({ logout_token: z.string().min(1).max(10_000) }), response: { 200: emptyResponse } } },
      async (request, reply) => {
        reply.header('cache-control', 'no-store');
        if (!(await rp.backchannelLogout(request.body.logout_token))) return sendError(reply, request, 400, 'VALIDATION_FAILED');
        return reply.status(200).send();
      },
    );
  };
