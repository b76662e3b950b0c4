import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { inject } from 'vitest';
import { withAdmin } from '../helpers/context.js';

/**
 * The app as `npm start` runs it (src/server/main.ts in a child process) on a fresh copy of the
 * test template database (SQLite file or PostgreSQL database, TEST_DB), for tests that kill it.
 */
export interface ChildApp {
  child: ChildProcess;
  base: string;
  output: string[];
}

export interface ChildEnv {
  env: Record<string, string>;
  databaseUrl: string;
  dataDir: string;
  /** Drops the database and removes the data folder. */
  dispose(): Promise<void>;
}

export async function freshChildEnv(prefix: string): Promise<ChildEnv> {
  const template = inject('testTemplate');
  const dataDir = fs.mkdtempSync(path.join(template.root, `${prefix}-`));
  let databaseUrl: string;
  let drop = async () => {};
  if (template.dialect === 'postgres') {
    const name = `tidu_${prefix.replace(/\W/g, '_')}_${crypto.randomBytes(6).toString('hex')}`;
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
    drop = async () => {
      await withAdmin(template.adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    };
  } else {
    const file = path.join(dataDir, 'app.db');
    fs.copyFileSync(template.databaseUrl.slice('sqlite:'.length), file);
    databaseUrl = `sqlite:${file}`;
  }
  const signingKeyFile = path.join(dataDir, 'oidc-signing-key.json');
  const { privateKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  fs.writeFileSync(signingKeyFile, JSON.stringify({ ...privateKey.export({ format: 'jwk' }), kid: prefix, alg: 'ES256', use: 'sig' }), { mode: 0o600 });
  const [port] = await freePorts(1);
  return {
    databaseUrl,
    dataDir,
    env: {
      APP_ENV: 'test',
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      SECRET_KEY_FILE: template.secretsFile,
      OIDC_SIGNING_KEY_FILE: signingKeyFile,
      PUBLIC_URL: `http://localhost:${port}`,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
    },
    async dispose() {
      await drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

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

export async function startChild(env: Record<string, string>, timeoutMs = 60_000): Promise<ChildApp> {
  const output: string[] = [];
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const app = { child, base: `http://127.0.0.1:${env.PORT}`, output };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`app exited (${child.exitCode}):\n${output.join('')}`);
    try {
      if ((await fetch(`${app.base}/readyz`)).status === 200) return app;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  child.kill('SIGKILL');
  throw new Error(`app not ready:\n${output.join('')}`);
}

/** kill -9: no shutdown hook runs, in-flight transactions are cut off. */
export async function killHard(app: ChildApp) {
  if (app.child.exitCode !== null || app.child.signalCode !== null) return;
  const exited = new Promise((r) => app.child.once('exit', r));
  app.child.kill('SIGKILL');
  await exited;
}

export async function stopChild(app: ChildApp | undefined) {
  if (!app || app.child.exitCode !== null || app.child.signalCode !== null) return;
  const exited = new Promise((r) => app.child.once('exit', r));
  app.child.kill('SIGTERM');
  const timer = setTimeout(() => app.child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** A client with its own cookies (a session cookie set by the test) and CSRF token. */
export class HttpClient {
  readonly cookies = new Map<string, string>();
  private csrf: string | null = null;

  constructor(private readonly app: () => ChildApp) {}

  async request(method: 'GET' | 'POST', url: string, body?: unknown, headers: Record<string, string> = {}) {
    if (method === 'POST' && this.csrf === null) this.csrf = ((await (await this.request('GET', '/api/csrf')).json()) as { token: string }).token;
    const all: Record<string, string> = { 'user-agent': 'crash-safety-test', ...headers };
    if (this.cookies.size) all.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    let payload: string | Buffer | undefined;
    if (method === 'POST') {
      all['x-csrf-token'] = this.csrf!;
      if (Buffer.isBuffer(body)) payload = body;
      else {
        all['content-type'] = 'application/json';
        payload = JSON.stringify(body ?? {});
      }
    }
    const res = await fetch(this.app().base + url, { method, headers: all, body: payload, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const pair = line.split(';')[0];
      this.cookies.set(pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1));
    }
    return res;
  }
}
