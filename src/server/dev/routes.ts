import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CaptchaGenerator } from '../adapters/captcha.js';
import type { Outbox } from '../adapters/outbox.js';
import { escapeHtml } from '../http/html-page.js';
import { AppError } from '../errors.js';
import type { RegistryPicker } from './registry-pick.js';
import { captchaAnswerResponse, outboxResponse, pickQualifications, registryPickResponse } from '../../shared/schemas/dev.js';

/** Development and test tooling (spec README, "Development outbox"). Never registered in production. */
export const devRoutes =
  (outbox: Outbox, captcha: CaptchaGenerator, registry: RegistryPicker): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/__dev/outbox',
      {
        config: { access: 'dev' },
        schema: { hide: true, querystring: z.object({ to: z.string().max(254).optional() }), response: { 200: outboxResponse } },
      },
      async (request) => outbox.list(request.query.to),
    );

    app.get('/__dev/captcha/latest', { config: { access: 'dev' }, schema: { hide: true, response: { 200: captchaAnswerResponse } } }, async () => ({
      answer: captcha.latestAnswer(),
    }));

    app.get(
      '/__dev/registry/pick',
      {
        config: { access: 'dev' },
        schema: { hide: true, querystring: z.object({ qualification: z.enum(pickQualifications).default('none') }), response: { 200: registryPickResponse } },
      },
      async (request) => {
        const picked = await registry.pick(request.query.qualification);
        if (!picked) throw new AppError('NOT_FOUND', {}, '登记库中已没有可分配的此类企业，请重建开发数据库');
        return picked;
      },
    );

    app.get('/__dev', { config: { access: 'dev' }, schema: { hide: true } }, async (_request, reply) => {
      const rows = outbox
        .list()
        .slice(0, 50)
        .map(
          (m) =>
            `<tr><td>${escapeHtml(m.sentAt)}</td><td>${m.channel === 'sms' ? '短信' : '邮件'}</td><td>${escapeHtml(m.to)}</td>` +
            `<td>${escapeHtml(m.subject)}</td><td>${escapeHtml(m.text)}</td><td>${escapeHtml(m.code ?? '')}</td></tr>`,
        )
        .join('');
      reply.type('text/html; charset=utf-8').send(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>开发工具</title></head>
<body><main><h1>开发工具（仅开发和测试环境）</h1>
<ul><li><a href="/__dev/outbox">/__dev/outbox</a>：短信和邮件发件箱（JSON，可加 ?to=手机号或邮箱）</li>
<li><a href="/__dev/captcha/latest">/__dev/captcha/latest</a>：最新图形验证码答案</li>
<li><a href="/__dev/registry/pick?qualification=none">/__dev/registry/pick?qualification=none|valid|kjx-expired</a>：取一家未被任何账号认证、此前未分配过的登记库企业（用于注册和实名认证测试）</li></ul>
<h2>最近的消息</h2>
${rows ? `<table border="1" cellpadding="4"><thead><tr><th>时间</th><th>渠道</th><th>收件人</th><th>主题</th><th>内容</th><th>验证码</th></tr></thead><tbody>${rows}</tbody></table>` : '<p>发件箱为空。注册或找回密码时发送的短信和邮件会出现在这里。</p>'}
</main></body></html>`);
    });
  };
