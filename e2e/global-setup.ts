import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** The running server's log (JSON lines), for a failing test to show what the server did. */
    serverLog: string;
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

const DIST = 'dist/web';
/** Where the server log of the last run is kept (with every request and its response time). */
export const SERVER_LOG = 'test-results/e2e-server.log';

/** Every file under dir with its size and modification time. */
function listing(dir: string): string {
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const file = path.join(entry.parentPath, entry.name);
      const stat = fs.statSync(file);
      return `${path.relative(dir, file)} ${stat.size} ${stat.mtimeMs}`;
    })
    .sort()
    .join('\n');
}

/** Asset files that the pages and scripts of a build name but that are missing from it. */
function missingAssets(web: string): string[] {
  const assets = new Set(fs.readdirSync(path.join(web, 'assets')));
  const texts = [
    ...fs.readdirSync(web).filter((d) => fs.existsSync(path.join(web, d, 'index.html'))).map((d) => fs.readFileSync(path.join(web, d, 'index.html'), 'utf8')),
    ...[...assets].filter((f) => f.endsWith('.js')).map((f) => fs.readFileSync(path.join(web, 'assets', f), 'utf8')),
  ];
  const named = new Set(texts.flatMap((text) => [...text.matchAll(/(?:\/assets\/|assets\/|\.\/)([\w$-]+-[\w-]{8}\.(?:js|css))\b/g)].map((m) => m[1]!)));
  return [...named].filter((f) => !assets.has(f));
}

/**
 * A copy of the built apps for this run: teammates and editors rebuild dist/web while a run
 * is under way, and a rebuild deletes the hashed chunks the pages already loaded name, so a
 * lazily loaded page would never arrive. Copied again while a build is still writing.
 */
async function snapshotDist(target: string): Promise<void> {
  const started = Date.now();
  for (;;) {
    if (fs.existsSync(path.join(DIST, 'platform/index.html')) && fs.existsSync(path.join(DIST, 'assets'))) {
      const before = listing(DIST);
      fs.rmSync(target, { recursive: true, force: true });
      fs.cpSync(DIST, target, { recursive: true });
      if (listing(DIST) === before && missingAssets(target).length === 0) return;
    }
    if (Date.now() - started > 120_000) throw new Error(`dist/web stays incomplete or keeps changing: run \`npx vite build\` (missing: ${missingAssets(DIST).join(', ')})`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/**
 * Starts the real server (as `npm start` would, on built assets) with a fresh data
 * directory and therefore a fresh seeded SQLite database, unless E2E_DATABASE_URL says otherwise.
 */
export default async function setup(project: TestProject) {
  if (!fs.existsSync(`${DIST}/platform/index.html`)) throw new Error('dist/web is missing: run `npx vite build` first (npm run test:e2e does)');
  if (!fs.existsSync('/usr/bin/chromium')) throw new Error('/usr/bin/chromium is missing: apt-get install -y chromium (.ci/run does)');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidu-e2e-'));
  const webDir = path.join(dataDir, 'web');
  await snapshotDist(webDir);
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  const logFile = path.join(dataDir, 'server.log');
  const log = fs.openSync(logFile, 'a');
  const server: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: {
      ...process.env,
      APP_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: baseUrl,
      DATA_DIR: dataDir,
      WEB_DIST_DIR: webDir,
      // Every request with its response time: a button that stays "loading" shows up here.
      LOG_LEVEL: 'info',
      // The 人工核验 scenario sends the new mobile its 手机号修改 code and, seconds later after
      // the approval, its 忘记密码 code, where a person would have waited a minute. The
      // one-a-minute rule itself is tested in test/server/security/verification.test.ts.
      LIMITS_JSON: JSON.stringify({ smsPerMobilePerMinute: 2 }),
      ...(process.env.E2E_DATABASE_URL ? { DATABASE_URL: process.env.E2E_DATABASE_URL } : {}),
    },
    stdio: ['ignore', log, log],
  });
  const started = Date.now();
  for (;;) {
    if (server.exitCode !== null) throw new Error(`server exited: ${fs.readFileSync(logFile, 'utf8')}`);
    try {
      const res = await fetch(`${baseUrl}/readyz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > 90_000) throw new Error('server did not become ready in 90 s');
    await new Promise((r) => setTimeout(r, 250));
  }
  project.provide('baseUrl', baseUrl);
  project.provide('serverLog', logFile);
  return async () => {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    fs.mkdirSync(path.dirname(SERVER_LOG), { recursive: true });
    fs.copyFileSync(logFile, SERVER_LOG);
    console.log(`e2e server log: ${SERVER_LOG}`);
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
