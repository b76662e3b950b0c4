import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { SessionStore } from '../security/sessions.js';
import type { CaptchaService } from '../security/captcha-service.js';
import { AppError } from '../errors.js';
import { captchaResponse, keepaliveResponse, sessionRealmSchema as realm, sessionStatusResponse } from '../../shared/schemas/security.js';

/** The warning dialog opens this long before the idle logout (flows.md: two minutes). */
const IDLE_WARNING_MS = 2 * 60_000;

/** Graphic captchas, the idle-warning API that every app's pages poll, and 【继续使用】. */
export const securityRoutes =
  (sessions: SessionStore, captcha: CaptchaService): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/captcha',
      {
        config: { access: 'anonymous' },
        schema: { tags: ['security'], summary: '图形验证码（看不清，换一张）', response: { 200: captchaResponse } },
      },
      async (_request, reply) => {
        reply.header('cache-control', 'no-store');
        return captcha.issue();
      },
    );

    app.get(
      '/api/session/status',
      { config: { access: 'anonymous' }, schema: { tags: ['security'], summary: '会话状态（空闲提醒）', querystring: z.object({ realm }), response: { 200: sessionStatusResponse } } },
      async (request) => {
        const session = await request.sessionOf(request.query.realm);
        if (!session) return { loggedIn: false as const };
        return {
          loggedIn: true as const,
          idleExpiresAt: new Date(session.idleExpiresAt).toISOString(),
          absoluteExpiresAt: new Date(session.absoluteExpiresAt).toISOString(),
          warnBeforeMs: IDLE_WARNING_MS,
        };
      },
    );
    app.post(
      '/api/session/keepalive',
      { config: { access: 'anonymous' }, schema: { tags: ['security'], summary: '继续使用（延长会话）', body: z.object({ realm }), response: { 200: keepaliveResponse } } },
      async (request) => {
        const session = await request.sessionOf(request.body.realm);
        if (!session) throw new AppError('SESSION_EXPIRED');
        const touched = await sessions.touch(session);
        return { ok: true as const, idleExpiresAt: new Date(touched.idleExpiresAt).toISOString() };
      },
    );
  };
