import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** The five browser apps and the URL roots they own (spec README, "Fixed app roots"). */
export const webApps = [
  { root: '/uc', dir: 'idp', title: '统一登录系统' },
  { root: '/portal', dir: 'portal', title: '政务服务门户' },
  { root: '/admin', dir: 'admin', title: '管理端' },
  { root: '/institution', dir: 'institution', title: '金融机构端' },
  { root: '/', dir: 'platform', title: '优质中小企业梯度培育平台' },
] as const;

const NOT_BUILT_HTML = (title: string) =>
  `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title></head>` +
  `<body><main><h1>${title}</h1><p>页面资源尚未构建，请运行 npm run build 后刷新。</p></main></body></html>`;

function appFor(urlPath: string) {
  return webApps.find((a) => a.root === '/' || urlPath === a.root || urlPath.startsWith(`${a.root}/`))!;
}

export interface WebPages {
  /** Answers a GET for a page URL with its app's index.html; false when it is not a page URL. */
  serve(request: FastifyRequest, reply: FastifyReply): boolean;
}

/**
 * A page template cut once at the places that take this response's CSP nonces (the style nonce
 * the page hands to antd, and every <script> tag), so that a response only joins strings.
 */
export function compileTemplate(html: string): (nonces: { script: string; style: string }) => string {
  const SLOT = '\u0000';
  const parts = html
    .replaceAll('__CSP_NONCE__', `${SLOT}style${SLOT}`)
    .replace(/<script(?![^>]*\snonce=)/g, `<script nonce="${SLOT}script${SLOT}"`)
    .split(SLOT);
  return (nonces) => {
    let page = parts[0];
    for (let i = 1; i < parts.length; i += 2) page += nonces[parts[i] as 'script' | 'style'] + parts[i + 1];
    return page;
  };
}

export async function registerWeb(app: FastifyInstance, distDir: string): Promise<WebPages> {
  const templates = new Map<string, (nonces: { script: string; style: string }) => string>();
  for (const web of webApps) {
    const file = path.join(distDir, web.dir, 'index.html');
    templates.set(web.dir, compileTemplate(fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : NOT_BUILT_HTML(web.title)));
  }
  const assetsDir = path.join(distDir, 'assets');
  if (fs.existsSync(assetsDir)) {
    await app.register(fastifyStatic, {
      root: assetsDir,
      prefix: '/assets/',
      // The build writes a brotli and a gzip copy next to each bundle (vite.config.ts).
      preCompressed: true,
      // Hashed bundles: the same URL always holds the same bytes (public, max-age=31536000, immutable).
      immutable: true,
      maxAge: '365d',
      setHeaders: (res) => res.setHeader('vary', 'accept-encoding'),
      index: false,
      wildcard: true,
    });
  }
  const publicFiles = new Set(['/favicon.svg', '/legacy-check.js', '/robots.txt']);
  return {
    serve(request, reply) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return false;
      const query = request.url.indexOf('?');
      const urlPath = query === -1 ? request.url : request.url.slice(0, query);
      if (/^\/(api|__dev|assets|auth)(\/|$)/.test(urlPath) || urlPath.startsWith('/uc/oidc')) return false;
      if (publicFiles.has(urlPath) && fs.existsSync(path.join(distDir, urlPath))) {
        reply.header('cache-control', 'public, max-age=3600').type(urlPath.endsWith('.js') ? 'text/javascript' : 'image/svg+xml');
        reply.send(fs.readFileSync(path.join(distDir, urlPath)));
        return true;
      }
      if (path.extname(urlPath) !== '') return false;
      const page = templates.get(appFor(urlPath).dir)!(reply.cspNonce);
      // Each page carries its own nonces: never cached.
      reply.header('cache-control', 'no-store').type('text/html; charset=utf-8').send(page);
      return true;
    },
  };
}
