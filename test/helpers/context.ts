import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type AppConfig } from '../../src/server/config.js';
import { createDeps, type AppDeps } from '../../src/server/deps.js';
import { buildApp } from '../../src/server/app.js';
import { FakeClock } from '../../src/server/clock.js';
import { TEST_EPOCH } from './template.js';

export interface TestContext {
  app: FastifyInstance;
  deps: AppDeps;
  clock: FakeClock;
  config: AppConfig;
  close(): Promise<void>;
}

/** A fresh database copied from the migrated, seeded template, and an app built on it. */
export async function createTestContext(env: Record<string, string> = {}, appOptions: Parameters<typeof buildApp>[1] = {}): Promise<TestContext> {
  const template = inject('testTemplate');
  const dataDir = fs.mkdtempSync(path.join(template.root, 'ctx-'));
  let databaseUrl: string;
  let dropDatabase = async () => {};
  if (template.dialect === 'sqlite') {
    const file = path.join(dataDir, 'app.db');
    fs.copyFileSync(template.databaseUrl.slice('sqlite:'.length), file);
    databaseUrl = `sqlite:${file}`;
  } else {
    const name = `tidu_t_${crypto.randomBytes(6).toString('hex')}`;
    await withAdmin(template.adminUrl, (c) => createFromTemplate(c, name, template.templateName));
    databaseUrl = template.adminUrl.replace(/\/[^/]*$/, `/${name}`);
    dropDatabase = async () => {
      await withAdmin(template.adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    };
  }
  const config = loadConfig({ APP_ENV: 'test', DATA_DIR: dataDir, DATABASE_URL: databaseUrl, SECRET_KEY_FILE: template.secretsFile, OIDC_IN_PROCESS: 'true', LOG_LEVEL: 'error', ...env });
  const clock = new FakeClock(TEST_EPOCH);
  const deps = createDeps(config, { clock });
  const app = await buildApp(deps, appOptions);
  await app.ready();
  return {
    app,
    deps,
    clock,
    config,
    async close() {
      await app.close();
      await deps.close();
      await dropDatabase();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function withAdmin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Concurrent copies of one template can collide ("being accessed by other users"): retry. */
async function createFromTemplate(client: pg.Client, name: string, templateName: string) {
  for (let attempt = 0; ; attempt++) {
    try {
      await client.query(`CREATE DATABASE ${name} TEMPLATE ${templateName}`);
      return;
    } catch (error) {
      if (attempt >= 20 || !/being accessed by other users/.test((error as Error).message)) throw error;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
}

/** The environment of a production deployment (real adapters, https PUBLIC_URL), for tests of APP_ENV=production. */
export const PRODUCTION_PUBLIC_URL = 'https://tidu.example.gov.cn';
export const PRODUCTION_ENV = {
  APP_ENV: 'production',
  PUBLIC_URL: PRODUCTION_PUBLIC_URL,
  SMS_ADAPTER: 'http',
  SMS_GATEWAY_URL: 'https://sms.example.gov.cn/send',
  SMS_GATEWAY_TOKEN: 't',
  MAIL_ADAPTER: 'smtp',
  SMTP_URL: 'smtps://u:p@mail.example.gov.cn',
};

/** A test context under APP_ENV=production, with its own OIDC signing key (production never generates one). */
export async function createProductionTestContext(env: Record<string, string> = {}): Promise<TestContext> {
  const keyDir = fs.mkdtempSync(path.join(inject('testTemplate').root, 'prod-key-'));
  const keyFile = path.join(keyDir, 'oidc-signing-key.json');
  const { privateKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  fs.writeFileSync(keyFile, JSON.stringify({ ...privateKey.export({ format: 'jwk' }), kid: 'production-test', alg: 'ES256', use: 'sig' }));
  const ctx = await createTestContext({ ...PRODUCTION_ENV, OIDC_SIGNING_KEY_FILE: keyFile, ...env });
  return {
    ...ctx,
    async close() {
      await ctx.close();
      fs.rmSync(keyDir, { recursive: true, force: true });
    },
  };
}
