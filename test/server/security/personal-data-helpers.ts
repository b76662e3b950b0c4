import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';
import { openDatabase, type Db } from '../../../src/server/db/index.js';
import { TestClient } from '../../helpers/client.js';
import { DEMO_PASSWORD, logIn } from '../../helpers/steps.js';
import { withAdmin, type TestContext } from '../../helpers/context.js';

export const ORIGIN = 'http://localhost:3000';

/** An empty database of the dialect under test (not migrated), and how to remove it. */
export async function emptyDatabase(): Promise<{ db: Db; url: string; file: string | null; drop(): Promise<void> }> {
  const template = inject('testTemplate');
  if (template.dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(template.root, 'empty-'));
    const file = path.join(dir, 'app.db');
    const url = `sqlite:${file}`;
    return { db: openDatabase(url), url, file, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `tidu_e_${crypto.randomBytes(6).toString('hex')}`;
  await withAdmin(template.adminUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = template.adminUrl.replace(/\/[^/]*$/, `/${name}`);
  return {
    db: openDatabase(url),
    url,
    file: null,
    drop: async () => {
      await withAdmin(template.adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/**
 * Everything the database holds, as bytes: the SQLite file and its WAL (what a copied disk
 * shows), or on PostgreSQL every row of every table as text.
 */
export async function storedBytes(ctx: TestContext): Promise<Buffer> {
  if (ctx.deps.db.dialect === 'sqlite') {
    const file = ctx.config.databaseUrl.slice('sqlite:'.length);
    return Buffer.concat([file, `${file}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)));
  }
  const { sql } = await import('kysely');
  const tables = await sql<{ tablename: string }>`select tablename from pg_tables where schemaname = 'public'`.execute(ctx.deps.db.kysely);
  const parts: string[] = [];
  for (const { tablename } of tables.rows) {
    const rows = await sql<{ t: string }>`select t::text as t from ${sql.table(tablename)} t`.execute(ctx.deps.db.kysely);
    parts.push(...rows.rows.map((r) => r.t));
  }
  return Buffer.from(parts.join('\n'), 'utf8');
}

/** The values of `wanted` that occur in `bytes` (UTF-8). */
export function foundIn(bytes: Buffer, wanted: Iterable<string>): string[] {
  return [...new Set(wanted)].filter((value) => bytes.includes(Buffer.from(value, 'utf8')));
}

/** Platform 【登录】 → IdP login → back on the platform, as a browser would. */
export async function platformLogin(ctx: TestContext, client: TestClient, identifier: string, password = DEMO_PASSWORD) {
  const start = await client.follow(await client.get('/auth/login?returnTo=/'));
  if (start.location === null && start.res.statusCode === 200) {
    const loginPage = start.visited.find((u) => u.includes('/uc/login'));
    if (!loginPage) throw new Error(`platform login stopped at ${start.visited.at(-1)}`);
    const interaction = new URL(loginPage).searchParams.get('return_to')!;
    await logIn(ctx, client, identifier, password);
    return client.follow(await client.get(interaction));
  }
  return start;
}

/** A 管理端 session of a demo operator, made directly (the login flow has its own tests). */
export async function operatorClient(ctx: TestContext, username = 'admin') {
  const op = await ctx.deps.db.kysely.selectFrom('operators').selectAll().where('username', '=', username).executeTakeFirstOrThrow();
  const client = new TestClient(ctx.app);
  client.cookies.set('adm_sid', await ctx.deps.sessions.create('admin', op.id, { role: op.role, regionCode: op.region_code, name: op.display_name }));
  return client;
}
