import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../src/server/config.js';
import { createDeps } from '../src/server/deps.js';
import { migrateToLatest } from '../src/server/db/migrate.js';
import { seedDemoData } from '../src/server/seed/demo.js';
import { FakeClock } from '../src/server/clock.js';
import { TEST_EPOCH, type TestTemplate } from './helpers/template.js';

/**
 * Builds one migrated and seeded template database per run; every test file then gets its
 * own copy (a file copy on SQLite, CREATE DATABASE … TEMPLATE on PostgreSQL).
 */
export default async function setup(project: TestProject) {
  const dialect = process.env.TEST_DB === 'postgres' ? 'postgres' : 'sqlite';
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tidu-test-'));
  const secretsFile = path.join(root, 'secrets.json');
  const adminUrl = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const templateName = `tidu_tpl_${process.pid}`;
  let databaseUrl: string;
  if (dialect === 'postgres') {
    const client = new pg.Client({ connectionString: adminUrl });
    try {
      await client.connect();
    } catch (error) {
      throw new Error(`TEST_DB=postgres but PostgreSQL does not answer at ${adminUrl}: ${(error as Error).message}`);
    }
    await client.query(`DROP DATABASE IF EXISTS ${templateName}`);
    await client.query(`CREATE DATABASE ${templateName}`);
    await client.end();
    databaseUrl = adminUrl.replace(/\/[^/]*$/, `/${templateName}`);
  } else {
    databaseUrl = `sqlite:${path.join(root, 'template.db')}`;
  }
  const config = loadConfig({ APP_ENV: 'test', DATA_DIR: path.join(root, 'template-data'), DATABASE_URL: databaseUrl, SECRET_KEY_FILE: secretsFile });
  const deps = createDeps(config, { clock: new FakeClock(TEST_EPOCH) });
  await migrateToLatest(deps.db, deps.pii);
  await seedDemoData(deps);
  if (deps.db.dialect === 'sqlite') {
    const { sql } = await import('kysely');
    await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(deps.db.kysely);
  }
  await deps.close();

  const template: TestTemplate = { dialect, root, secretsFile, databaseUrl, adminUrl, templateName };
  project.provide('testTemplate', template);

  return async () => {
    if (dialect === 'postgres') {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${templateName} WITH (FORCE)`);
      await client.end();
    }
    fs.rmSync(root, { recursive: true, force: true });
  };
}
