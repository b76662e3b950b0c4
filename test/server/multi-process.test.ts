import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { withAdmin } from '../helpers/context.js';

/**
 * Two app processes (src/server/main.ts, as `npm start` runs it) on different ports, one
 * database and one Redis (REDIS_URL): a load balancer may send each request to either, so
 * they must behave as one. On the PostgreSQL run the database is PostgreSQL (the deployment
 * docs/scaling.md describes); on the SQLite run it is one SQLite file the two share.
 *
 * Each step does one half on A and the other half on B; state kept per process would fail it.
 */

const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const redisKeyPrefix = `tidu:mp:${crypto.randomBytes(6).toString('hex')}:`;

interface AppProcess {
  child: ChildProcess;
  base: string;
  output: string[];
}

let a: AppProcess;
let b: AppProcess;
let dataDir: string;
let dropDatabase = async () => {};

/** Distinct free ports: all are held open until each is known, so two calls cannot get the same one. */
async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, () =>
      new Promise<net.Server>((resolve, reject) => {
        const server = net.createServer();
        server.on('error', reject);
        server.listen(0, '127.0.0.1', () => resolve(server));
      }),
    ),
  );
  const ports = servers.map((server) => (server.address() as net.AddressInfo).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

function start(env: Record<string, string>, port: number): AppProcess {
  const output: string[] = [];
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: { PATH: process.env.PATH ?? '', ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  return { child, base: `http://127.0.0.1:${port}`, output };
}

async function ready(app: AppProcess, deadline: number) {
  while (Date.now() < deadline) {
    if (app.child.exitCode !== null) throw new Error(`app exited (${app.child.exitCode}):\n${app.output.join('')}`);
    try {
      const res = await fetch(`${app.base}/readyz`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`app at ${app.base} not ready:\n${app.output.join('')}`);
}

async function stop(app: AppProcess | undefined) {
  if (!app || app.child.exitCode !== null) return;
  const exited = new Promise((r) => app.child.once('exit', r));
  app.child.kill('SIGTERM');
  const timer = setTimeout(() => app.child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** A browser: its own cookie jar, sending each request to whichever process the caller names. */
class Browser {
  private readonly cookies = new Map<string, string>();
  private csrfToken: string | null = null;

  async request(app: AppProcess, method: 'GET' | 'POST', url: string, body?: unknown) {
    if (method === 'POST' && this.csrfToken === null) this.csrfToken = ((await (await this.request(app, 'GET', '/api/csrf')).json()) as { token: string }).token;
    const headers: Record<string, string> = { 'user-agent': 'multi-process-test' };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (method === 'POST') {
      headers['x-csrf-token'] = this.csrfToken!;
      headers['content-type'] = 'application/json';
    }
    const res = await fetch(app.base + url, { method, headers, body: method === 'POST' ? JSON.stringify(body ?? {}) : undefined, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const [name, value] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
      const expired = value === '' || attributes.some((attr) => /^\s*max-age=0$/i.test(attr) || (/^\s*expires=/i.test(attr) && Date.parse(attr.split('=')[1]) < Date.now()));
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  get(app: AppProcess, url: string) {
    return this.request(app, 'GET', url);
  }

  post(app: AppProcess, url: string, body: unknown) {
    return this.request(app, 'POST', url, body);
  }

  /** A captcha issued by `issuer`; its answer from that process's development endpoint. */
  async captcha(issuer: AppProcess) {
    const { captchaId } = (await (await this.get(issuer, '/api/captcha')).json()) as { captchaId: string };
    const { answer } = (await (await this.get(issuer, '/__dev/captcha/latest')).json()) as { answer: string };
    return { captchaId, captchaAnswer: answer };
  }

  /** Another client holding the same cookies (someone who kept a copy of the session cookie). */
  copy(): Browser {
    const other = new Browser();
    for (const [name, value] of this.cookies) other.cookies.set(name, value);
    return other;
  }
}

/** The newest code the development outbox (one file in the shared DATA_DIR) holds for a mobile. */
function latestCode(mobile: string): string {
  const lines = fs.readFileSync(path.join(dataDir, 'outbox.jsonl'), 'utf8').trim().split('\n').reverse();
  for (const line of lines) {
    const message = JSON.parse(line) as { to: string; code?: string };
    if (message.to === mobile && message.code) return message.code;
  }
  throw new Error(`no code sent to ${mobile}`);
}

beforeAll(async () => {
  const template = inject('testTemplate');
  dataDir = fs.mkdtempSync(path.join(template.root, 'multi-process-'));
  let databaseUrl: string;
  if (template.dialect === 'postgres') {
    const name = `tidu_mp_${crypto.randomBytes(6).toString('hex')}`;
    await withAdmin(template.adminUrl, async (client) => {
      for (let attempt = 0; ; attempt++) {
        try {
          await client.query(`CREATE DATABASE ${name} TEMPLATE ${template.templateName}`);
          return;
        } catch (error) {
          if (attempt >= 20 || !/being accessed by other users/.test((error as Error).message)) throw error;
          await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
        }
      }
    });
    databaseUrl = template.adminUrl.replace(/\/[^/]*$/, `/${name}`);
    dropDatabase = async () => {
      await withAdmin(template.adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    };
  } else {
    const file = path.join(dataDir, 'app.db');
    fs.copyFileSync(template.databaseUrl.slice('sqlite:'.length), file);
    databaseUrl = `sqlite:${file}`;
  }
  // Every process of a deployment shares the secrets and the OIDC signing key (in production
  // both are files the operator provides; here they are made once, before either starts).
  const signingKeyFile = path.join(dataDir, 'oidc-signing-key.json');
  const { privateKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  fs.writeFileSync(signingKeyFile, JSON.stringify({ ...privateKey.export({ format: 'jwk' }), kid: 'multi-process', alg: 'ES256', use: 'sig' }), { mode: 0o600 });

  const [portA, portB] = await freePorts(2);
  const env = {
    APP_ENV: 'test',
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: redisKeyPrefix,
    SECRET_KEY_FILE: template.secretsFile,
    OIDC_SIGNING_KEY_FILE: signingKeyFile,
    PUBLIC_URL: `http://localhost:${portA}`,
    LOG_LEVEL: 'warn',
  };
  a = start(env, portA);
  b = start(env, portB);
  const deadline = Date.now() + 60_000;
  await Promise.all([ready(a, deadline), ready(b, deadline)]);
}, 90_000);

afterAll(async () => {
  await Promise.all([stop(a), stop(b)]);
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    const keys = await redis.keys(`${redisKeyPrefix}*`);
    if (keys.length) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
  await dropDatabase();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('two app processes, one database and one Redis', () => {
  it('both say they share state through Redis', async () => {
    for (const app of [a, b]) {
      const metrics = await (await fetch(`${app.base}/metrics`)).text();
      expect(metrics).toMatch(/app_info\{[^}]*multi_process="true"/);
    }
  });

  it('a captcha from A and a CSRF token from A work on B; the login on B is a session on A; logout on A ends it on B', async () => {
    const browser = new Browser();
    expect((await browser.get(a, '/api/csrf')).status).toBe(200);
    const login = await browser.post(b, '/api/uc/login', { identifier: 'demo_xjr', password: 'Demo@2025', ...(await browser.captcha(a)) });
    expect(login.status, await login.clone().text()).toBe(200);

    expect(await (await browser.get(a, '/api/uc/me')).json()).toMatchObject({ loggedIn: true });
    expect(await (await browser.get(b, '/api/uc/me')).json()).toMatchObject({ loggedIn: true });

    // Keep the token to ask B after the logout: a browser would drop the cookie, an attacker would not.
    const stolen = browser.copy();
    expect((await browser.post(a, '/api/uc/logout', {})).status).toBe(200);
    expect(await (await stolen.get(b, '/api/uc/me')).json()).toEqual({ loggedIn: false });
    expect(await (await stolen.get(a, '/api/uc/me')).json()).toEqual({ loggedIn: false });
  });

  it('a captcha is single-use across processes', async () => {
    const browser = new Browser();
    const captcha = await browser.captcha(a);
    const first = await browser.post(b, '/api/uc/login', { identifier: 'nobody_captcha_once', password: 'Wrong#Pass1', ...captcha });
    expect(first.status).toBe(401);
    const again = await browser.post(a, '/api/uc/login', { identifier: 'nobody_captcha_once', password: 'Wrong#Pass1', ...captcha });
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ code: 'CAPTCHA_INVALID' });
  });

  it('failed logins count on one lockout counter: 3 on A and 2 on B lock the identifier on both', async () => {
    const browser = new Browser();
    const identifier = `nobody_${crypto.randomBytes(4).toString('hex')}`;
    for (const app of [a, b, a, b, a]) {
      const res = await browser.post(app, '/api/uc/login', { identifier, password: 'Wrong#Pass1', ...(await browser.captcha(app)) });
      expect(res.status).toBe(401);
    }
    for (const app of [a, b]) {
      const res = await browser.post(app, '/api/uc/login', { identifier, password: 'Wrong#Pass1', ...(await browser.captcha(app)) });
      expect(res.status).toBe(429);
      expect(await res.json()).toMatchObject({ code: 'LOGIN_LOCKED' });
    }
  });

  it('SMS limits are shared (one code per mobile and minute), and a code sent by A registers on B', async () => {
    const browser = new Browser();
    const mobile = `139${String(crypto.randomInt(10_000_000, 99_999_999))}`;
    const sent = await browser.post(a, '/api/uc/register/sms-code', { mobile, ...(await browser.captcha(a)) });
    expect(sent.status, await sent.clone().text()).toBe(200);
    const again = await browser.post(b, '/api/uc/register/sms-code', { mobile, ...(await browser.captcha(b)) });
    expect(again.status).toBe(429);
    expect(await again.json()).toMatchObject({ code: 'SMS_TOO_FREQUENT' });

    const registered = await browser.post(b, '/api/uc/register', {
      loginName: `mp_${crypto.randomBytes(4).toString('hex')}`,
      mobile,
      smsCode: latestCode(mobile),
      password: 'Strong#Pass2025',
      confirmPassword: 'Strong#Pass2025',
      agree: true,
    });
    expect(registered.status, await registered.clone().text()).toBe(200);
  });
});
