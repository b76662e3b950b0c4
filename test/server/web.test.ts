import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerSecurityHeaders } from '../../src/server/plugins/security-headers.js';
import { compileTemplate, registerWeb } from '../../src/server/plugins/web.js';

/** The built browser apps as the server sends them: compressed, cached by hash, pages never cached. */

const bundle = `console.log(${JSON.stringify('梯度培育平台 '.repeat(400))});\n`;
const page = '<!doctype html><html><head><meta name="csp-nonce" content="__CSP_NONCE__"><script type="module" src="/assets/app-3f9a1c.js"></script></head><body><div id="root"></div></body></html>';

let dist: string;
let app: FastifyInstance;
beforeAll(async () => {
  dist = fs.mkdtempSync(path.join(os.tmpdir(), 'tidu-web-'));
  fs.mkdirSync(path.join(dist, 'assets'));
  fs.mkdirSync(path.join(dist, 'platform'));
  fs.writeFileSync(path.join(dist, 'platform', 'index.html'), page);
  // What the build writes (vite.config.ts precompress): the bundle and its two compressed copies.
  fs.writeFileSync(path.join(dist, 'assets', 'app-3f9a1c.js'), bundle);
  fs.writeFileSync(path.join(dist, 'assets', 'app-3f9a1c.js.br'), zlib.brotliCompressSync(bundle));
  fs.writeFileSync(path.join(dist, 'assets', 'app-3f9a1c.js.gz'), zlib.gzipSync(bundle));
  fs.writeFileSync(path.join(dist, 'assets', 'tiny-77aa01.js'), 'export{};');

  app = Fastify({ logger: false });
  registerSecurityHeaders(app, { appEnv: 'test' });
  const pages = await registerWeb(app, dist);
  app.setNotFoundHandler((request, reply) => {
    if (!pages.serve(request, reply)) void reply.code(404).send({ code: 'NOT_FOUND' });
  });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  fs.rmSync(dist, { recursive: true, force: true });
});

const IMMUTABLE = 'public, max-age=31536000, immutable';

describe('bundles', () => {
  it('are sent brotli-compressed to browsers that accept it, cached for a year as immutable', async () => {
    const res = await app.inject({ url: '/assets/app-3f9a1c.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toBe(IMMUTABLE);
    expect(String(res.headers.vary)).toMatch(/accept-encoding/i);
    expect(Number(res.headers['content-length'])).toBeLessThan(Buffer.byteLength(bundle) / 4);
    expect(zlib.brotliDecompressSync(res.rawPayload).toString()).toBe(bundle);
  });

  it('gzip-compressed to browsers that accept only gzip', async () => {
    const res = await app.inject({ url: '/assets/app-3f9a1c.js', headers: { 'accept-encoding': 'gzip' } });
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['cache-control']).toBe(IMMUTABLE);
    expect(zlib.gunzipSync(res.rawPayload).toString()).toBe(bundle);
  });

  it('as they are to clients that accept no encoding, and when no compressed copy exists', async () => {
    const plain = await app.inject({ url: '/assets/app-3f9a1c.js' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(bundle);
    expect(plain.headers['cache-control']).toBe(IMMUTABLE);
    const tiny = await app.inject({ url: '/assets/tiny-77aa01.js', headers: { 'accept-encoding': 'br' } });
    expect(tiny.statusCode).toBe(200);
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(tiny.body).toBe('export{};');
  });

  it('an unknown bundle is a 404, not cached', async () => {
    const res = await app.inject({ url: '/assets/nope-000000.js', headers: { 'accept-encoding': 'br' } });
    expect(res.statusCode).toBe(404);
    expect(res.headers['cache-control']).toBe('no-store');
  });
});

describe('pages', () => {
  it('are never cached (each carries its own nonces), and every script carries the script nonce', async () => {
    const res = await app.inject({ url: '/', headers: { 'accept-encoding': 'br' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['cache-control']).not.toContain('immutable');
    const csp = String(res.headers['content-security-policy']);
    const script = /script-src 'self' 'nonce-([0-9a-f]{32})'/.exec(csp)![1];
    const style = /style-src 'self' 'nonce-([0-9a-f]{32})'/.exec(csp)![1];
    expect(script).not.toBe(style);
    expect(res.body).toContain(`<meta name="csp-nonce" content="${style}">`);
    expect(res.body).toContain(`<script nonce="${script}" type="module" src="/assets/app-3f9a1c.js">`);
  });
});

describe('compileTemplate', () => {
  it('puts the nonces where the template asks, and leaves scripts that already carry one alone', () => {
    const render = compileTemplate('<style nonce="__CSP_NONCE__"></style><script src="/a.js"></script><script nonce="fixed">x</script><script>y</script>');
    expect(render({ script: 'S1', style: 'T1' })).toBe('<style nonce="T1"></style><script nonce="S1" src="/a.js"></script><script nonce="fixed">x</script><script nonce="S1">y</script>');
    expect(render({ script: 'S2', style: 'T2' })).toContain('<style nonce="T2">');
  });
});
