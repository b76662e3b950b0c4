import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply } from 'fastify';
import { adminEnrollSchema, adminLoginSchema, operatorRoleLabels } from '../../../shared/schemas/admin.js';
import type { OperatorTable } from '../../db/schema.js';
import type { AdminAuthService } from './service.js';

async function startOperatorSession(reply: FastifyReply, operator: OperatorTable) {
  await reply.startSession('admin', operator.id, { role: operator.role, regionCode: operator.region_code, name: operator.display_name });
}

/** 管理端 登录 / 退出 and who is logged in. */
export const adminAuthRoutes =
  (auth: AdminAuthService): FastifyPluginAsyncZod =>
  async (app) => {
    app.post('/api/admin/login', { config: { access: 'anonymous' }, schema: { tags: ['admin'], summary: '管理端登录', body: adminLoginSchema } }, async (request, reply) => {
      const result = await auth.login(request.body, request.ip);
      if (result.step === 'enroll') return { step: 'enroll' as const, enrollToken: result.enrollToken, secret: result.secret, otpauthUrl: result.otpauthUrl };
      await startOperatorSession(reply, result.operator);
      return { step: 'done' as const };
    });

    app.post('/api/admin/login/enroll', { config: { access: 'anonymous' }, schema: { tags: ['admin'], summary: '管理端：绑定动态口令', body: adminEnrollSchema } }, async (request, reply) => {
      await startOperatorSession(reply, await auth.enroll(request.body.enrollToken, request.body.totpCode, request.ip));
      return { step: 'done' as const };
    });

    app.post('/api/admin/logout', { config: { access: 'anonymous' }, schema: { tags: ['admin'], summary: '管理端退出' } }, async (_request, reply) => {
      await reply.endSession('admin');
      return { ok: true as const };
    });

    app.get('/api/admin/me', { config: { access: 'anonymous' }, schema: { tags: ['admin'], summary: '当前管理员' } }, async (request) => {
      const session = await request.sessionOf('admin');
      if (!session) return { loggedIn: false as const };
      const role = session.data.role as keyof typeof operatorRoleLabels;
      return { loggedIn: true as const, name: String(session.data.name), role, roleLabel: operatorRoleLabels[role], regionCode: String(session.data.regionCode) };
    });
  };
