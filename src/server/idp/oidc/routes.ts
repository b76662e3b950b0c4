import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type Provider from 'oidc-provider';
import { escapeHtml, renderPage } from '../../http/html-page.js';
import { scopeDescriptions } from './pages.js';
import { OIDC_MOUNT, pinToIssuer } from './provider.js';

/**
 * oidc-provider (Koa) mounted under /uc/oidc, and the interaction pages it sends people to:
 * login (our /uc/login page, or the existing 统一登录系统 session) and consent.
 */
export const oidcRoutes =
  (provider: Provider, firstPartyClientIds: Set<string>): FastifyPluginAsync =>
  async (app) => {
    const callback = provider.callback();

    await app.register(async (scope: FastifyInstance) => {
      // oidc-provider reads request bodies itself: leave the stream untouched.
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', (_request, _payload, done) => done(null));
      scope.route({
        method: ['GET', 'POST', 'OPTIONS'],
        url: `${OIDC_MOUNT}/*`,
        // Protocol endpoints called by relying parties and browsers on other sites.
        config: { access: 'anonymous', csrf: false, writesRaw: true },
        schema: { hide: true },
        handler: (request, reply) => {
          reply.hijack();
          const raw = request.raw as typeof request.raw & { originalUrl?: string };
          pinToIssuer(raw, provider.issuer, request.ip);
          raw.originalUrl = raw.url;
          raw.url = raw.url!.slice(OIDC_MOUNT.length) || '/';
          void callback(raw, reply.raw);
        },
      });
    });

    const typed = app.withTypeProvider<ZodTypeProvider>();
    const uidParams = z.object({ uid: z.string().min(1).max(64) });

    typed.get('/uc/oidc-assets/logout.js', { config: { access: 'anonymous' }, schema: { hide: true } }, async (_request, reply) => {
      // The relying party's 【退出】 already expressed the wish: confirm without a second click.
      reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600');
      return "document.addEventListener('DOMContentLoaded',function(){var b=document.getElementById('logout-confirm');if(b){b.click();}});";
    });

    typed.get('/uc/interaction/:uid', { config: { access: 'anonymous', writesRaw: true }, schema: { hide: true, params: uidParams } }, async (request, reply) => {
      let details;
      try {
        details = await provider.interactionDetails(request.raw, reply.raw);
      } catch {
        return sendPage(reply, '登录已过期', '<h1>登录已过期</h1><p>本次登录请求已失效，请回到应用重新点击【登录】。</p><div class="actions"><a class="button" href="/">返回首页</a></div>', 400);
      }
      const uc = await request.sessionOf('uc');
      if (details.prompt.name === 'login') {
        if (!uc) return reply.redirect(`/uc/login?return_to=${encodeURIComponent(`/uc/interaction/${details.uid}`)}`);
        reply.hijack();
        await provider.interactionFinished(request.raw, reply.raw, { login: { accountId: uc.accountId } }, { mergeWithLastSubmission: false });
        return;
      }
      if (details.prompt.name === 'consent') {
        const clientId = String(details.params.client_id);
        const client = await provider.Client.find(clientId);
        const scopes = String(details.params.scope ?? 'openid').split(' ').filter((s) => s in scopeDescriptions);
        const items = scopes.map((s) => `<li>${escapeHtml(scopeDescriptions[s])}</li>`).join('');
        return sendPage(
          reply,
          '授权确认',
          `<h1>授权确认</h1><p>应用“${escapeHtml(client?.clientName ?? clientId)}”请求通过统一登录系统获取您的以下信息：</p><ul>${items}</ul>
<form method="post" action="/uc/interaction/${escapeHtml(details.uid)}/consent"><input type="hidden" name="_csrf" value="${escapeHtml(reply.generateCsrf())}">
<div class="actions"><button type="submit" name="decision" value="approve">同意</button><button type="submit" name="decision" value="deny" class="secondary">拒绝</button></div></form>
<p class="muted">同意后，该应用可使用上述信息为您办理业务。${firstPartyClientIds.has(clientId) ? '' : '您可以随时在用户中心撤销授权。'}</p>`,
        );
      }
      return sendPage(reply, '无法完成登录', '<h1>无法完成登录</h1><p>请回到应用重新登录。</p>', 400);
    });

    typed.post(
      '/uc/interaction/:uid/consent',
      { config: { access: 'anonymous', writesRaw: true }, schema: { hide: true, params: uidParams, body: z.object({ decision: z.enum(['approve', 'deny']), _csrf: z.string().optional() }) } },
      async (request, reply) => {
        const details = await provider.interactionDetails(request.raw, reply.raw);
        reply.hijack();
        if (request.body.decision === 'deny') {
          await provider.interactionFinished(request.raw, reply.raw, { error: 'access_denied', error_description: '用户拒绝授权' }, { mergeWithLastSubmission: false });
          return;
        }
        const accountId = details.session!.accountId;
        const grant = details.grantId
          ? (await provider.Grant.find(details.grantId))!
          : new provider.Grant({ accountId, clientId: String(details.params.client_id) });
        const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
        if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
        if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
        const grantId = await grant.save();
        await provider.interactionFinished(request.raw, reply.raw, { consent: { grantId } }, { mergeWithLastSubmission: true });
      },
    );
  };

function sendPage(reply: import('fastify').FastifyReply, title: string, body: string, status = 200) {
  const { html } = renderPage(title, body, { nonce: reply.cspNonce.style });
  return reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
}
