import { execFileSync } from 'node:child_process';
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
 * shows), or on PostgreSQL a plain `pg_dump` of the database (what a backup shows).
 */
export async function storedBytes(ctx: TestContext): Promise<Buffer> {
  if (ctx.deps.db.dialect === 'sqlite') {
    const file = ctx.config.databaseUrl.slice('sqlite:'.length);
    return Buffer.concat([file, `${file}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)));
  }
  return execFileSync(pgTool('pg_dump'), ['--no-owner', '--no-privileges', ctx.config.databaseUrl], { maxBuffer: 512 * 1024 * 1024 });
}

/** Every file of the upload store (DATA_DIR/uploads), concatenated. */
export function uploadStoreBytes(ctx: TestContext): { files: number; paths: string[]; bytes: Buffer } {
  const root = path.join(ctx.config.dataDir, 'uploads');
  const files = fs.existsSync(root) ? (fs.readdirSync(root, { recursive: true, withFileTypes: true }) as fs.Dirent[]).filter((d) => d.isFile()) : [];
  const paths = files.map((d) => path.join(d.parentPath, d.name));
  return { files: files.length, paths, bytes: Buffer.concat(paths.map((p) => fs.readFileSync(p))) };
}

/**
 * A PostgreSQL client tool (pg_dump, pg_restore, psql): on the PATH, else the newest server
 * version's under /usr/lib/postgresql/<version>/bin.
 */
export function pgTool(name: 'pg_dump' | 'pg_restore' | 'psql'): string {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && fs.existsSync(path.join(dir, name))) return path.join(dir, name);
  }
  const base = '/usr/lib/postgresql';
  const versions = fs.existsSync(base) ? fs.readdirSync(base).sort((a, b) => Number(b) - Number(a)) : [];
  for (const version of versions) if (fs.existsSync(path.join(base, version, 'bin', name))) return path.join(base, version, 'bin', name);
  throw new Error(`${name} not found (install the PostgreSQL client tools)`);
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
