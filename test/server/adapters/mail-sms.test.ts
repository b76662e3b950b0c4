import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, describe, expect, it } from 'vitest';
import { smtpMailSender } from '../../../src/server/adapters/smtp-mail.js';
import { httpSmsSender } from '../../../src/server/adapters/http-sms.js';
import { loadConfig } from '../../../src/server/config.js';

describe('SMTP mail adapter (nodemailer) against a local SMTP server', () => {
  const received: { to: string[]; data: string }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let data = '';
      stream.on('data', (chunk: Buffer) => (data += chunk.toString()));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), data });
        callback();
      });
    },
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('delivers a verification e-mail', async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.server.address() as AddressInfo;
    const mail = smtpMailSender(`smtp://127.0.0.1:${port}?ignoreTLS=true`, 'noreply@example.gov.cn');
    await mail.send({ to: 'someone@example.com', subject: '梯度培育平台邮箱验证码', text: '您的邮箱验证码为123456，5分钟内有效。' });
    mail.close();
    expect(received).toHaveLength(1);
    expect(received[0].to).toEqual(['someone@example.com']);
    expect(received[0].data).toMatch(/Subject: =\?UTF-8\?/);
  });
});

describe('HTTP SMS gateway adapter', () => {
  it('posts the text with the bearer token and reports gateway failures', async () => {
    const calls: { auth?: string; body: string }[] = [];
    let status = 200;
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        calls.push({ auth: req.headers.authorization, body });
        res.statusCode = status;
        res.end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/send`;
    const sms = httpSmsSender(url, 'token-1');
    await sms.send({ to: '13800000001', text: '【梯度培育平台】测试' });
    expect(calls[0]).toEqual({ auth: 'Bearer token-1', body: JSON.stringify({ to: '13800000001', text: '【梯度培育平台】测试' }) });
    status = 500;
    await expect(sms.send({ to: '13800000001', text: 'x' })).rejects.toThrow(/500/);
    server.close();
  });
});

describe('production configuration', () => {
  it('refuses the development outbox and missing secrets', () => {
    expect(() => loadConfig({ APP_ENV: 'production' })).toThrow(/outbox/);
    expect(() => loadConfig({ APP_ENV: 'production', SMS_ADAPTER: 'http', SMS_GATEWAY_URL: 'https://sms.example.gov.cn/send', SMS_GATEWAY_TOKEN: 't', MAIL_ADAPTER: 'smtp', SMTP_URL: 'smtps://u:p@mail.example.gov.cn' })).toThrow(/SECRET_KEY_FILE/);
    expect(
      loadConfig({ APP_ENV: 'production', SMS_ADAPTER: 'http', SMS_GATEWAY_URL: 'https://sms.example.gov.cn/send', SMS_GATEWAY_TOKEN: 't', MAIL_ADAPTER: 'smtp', SMTP_URL: 'smtps://u:p@mail.example.gov.cn', SECRET_KEY_FILE: '/run/secrets/tidu.json', PUBLIC_URL: 'https://tidu.example.gov.cn' }).appEnv,
    ).toBe('production');
  });
});
