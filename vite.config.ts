import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const projectRoot = fileURLToPath(new URL('.', import.meta.url));
const webRoot = `${projectRoot}src/web`;

/**
 * The five front-end apps: the folder under src/web that holds each app's entry (main.tsx),
 * the URL root it is served under and the page title. Each app's index.html is made from
 * this table and one template (appPages below); the production server (src/server) serves
 * dist/web/<folder>/index.html as the SPA fallback under <root>.
 */
const apps = [
  { folder: 'platform', root: '/', title: '优质中小企业梯度培育平台' },
  { folder: 'portal', root: '/portal', title: '工业和信息化部政务服务门户' },
  { folder: 'idp', root: '/uc', title: '工业和信息化部统一登录系统' },
  { folder: 'admin', root: '/admin', title: '优质中小企业梯度培育平台管理端' },
  { folder: 'institution', root: '/institution', title: '金融机构服务端 - 优质中小企业梯度培育平台' },
] as const;
type WebApp = (typeof apps)[number];

/** The page of one app before Vite adds its scripts and styles. */
function appHtml(app: WebApp): string {
  return `<!doctype html>
<html lang="zh-CN">
  <head>
    <meta charset="UTF-8" />
    <meta http-equiv="X-UA-Compatible" content="IE=edge" />
    <!-- 双核浏览器（360 浏览器等）默认使用极速（webkit）内核 -->
    <meta name="renderer" content="webkit" />
    <meta name="force-rendering" content="webkit" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <!-- CSP nonce, filled in by the server per request: antd style tags (name=), Vite preloads (property=) -->
    <meta name="csp-nonce" content="__CSP_NONCE__" />
    <meta property="csp-nonce" nonce="__CSP_NONCE__" />
    <link rel="icon" type="image/svg+xml" href="/components/emblem.svg" />
    <title>${app.title}</title>
  </head>
  <body>
    <div id="legacy-banner" class="legacy-banner" role="alert">您正在使用的浏览器版本过低或处于兼容模式，请切换至极速模式或使用新版浏览器访问</div>
    <noscript><p class="noscript-message">您的浏览器未启用JavaScript，页面无法正常显示。请启用JavaScript后刷新页面，或更换新版浏览器访问。</p></noscript>
    <div id="root"></div>
    <script type="module" src="/${app.folder}/main.tsx"></script>
  </body>
</html>
`;
}

const htmlPath = (app: WebApp) => `${webRoot}/${app.folder}/index.html`;

/**
 * The apps' index.html files exist only here: the build takes them as inputs by their usual
 * paths (so they land in dist/web/<folder>/index.html), the dev server answers with them.
 */
function appPages(): Plugin {
  const byPath = new Map<string, WebApp>(apps.map((a) => [htmlPath(a), a]));
  return {
    name: 'tidu-app-pages',
    enforce: 'pre',
    resolveId(id) {
      return byPath.has(id) ? id : null;
    },
    load(id) {
      const app = byPath.get(id);
      return app ? appHtml(app) : null;
    },
  };
}

/** Paths handled by the Node server, proxied by the dev server. */
const apiTarget = 'http://127.0.0.1:3000';
const proxied = ['/api', '/uc/oidc', '/auth', '/__dev'];

function underPrefix(pathname: string, prefix: string): boolean {
  return prefix === '/' || pathname === prefix || pathname.startsWith(`${prefix}/`);
}

/**
 * Dev server only: answers page URLs with the right app's index.html the way the production
 * server does (/portal/sme → portal, /uc/register → idp, / → platform; /idp/index.html too).
 * Runs after Vite's own middlewares (module requests are already answered by then).
 */
function appFallback(): Plugin {
  return {
    name: 'tidu-app-fallback',
    apply: 'serve',
    configureServer(server) {
      return () => {
        server.middlewares.use((req, res, next) => {
          const url = req.url ?? '/';
          const pathname = url.split('?')[0] ?? '/';
          const accept = req.headers.accept ?? '';
          const isPage = (req.method === 'GET' || req.method === 'HEAD') && accept.includes('text/html');
          const named = apps.find((a) => pathname === `/${a.folder}/index.html`);
          if (!named && (!isPage || proxied.some((p) => underPrefix(pathname, p)) || /\.[a-z0-9]+$/i.test(pathname))) {
            next();
            return;
          }
          const app = named ?? apps.find((a) => a.root !== '/' && underPrefix(pathname, a.root)) ?? apps[0];
          server
            .transformIndexHtml(`/${app.folder}/index.html`, appHtml(app), req.originalUrl)
            .then((html) => {
              res.setHeader('content-type', 'text/html; charset=utf-8');
              res.end(html);
            })
            .catch(next);
        });
      };
    },
  };
}

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/**
 * Build only: a brotli and a gzip copy (best compression) next to every bundle in assets/, which
 * the server sends to browsers that accept them (@fastify/static `preCompressed`). Compressing
 * once here costs nothing per request. Small files and files that do not shrink stay as they are.
 */
function precompress(): Plugin {
  return {
    name: 'tidu-precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const files = Object.keys(bundle).filter((file) => file.startsWith('assets/') && /\.(js|css|svg|json|txt)$/.test(file));
      await Promise.all(
        files.map(async (file) => {
          const full = path.join(options.dir!, file);
          const content = await fs.readFile(full);
          if (content.length < 1024) return;
          const [br, gz] = await Promise.all([
            brotli(content, {
              params: {
                [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
                [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
                [zlib.constants.BROTLI_PARAM_SIZE_HINT]: content.length,
              },
            }),
            gzip(content, { level: zlib.constants.Z_BEST_COMPRESSION }),
          ]);
          if (br.length < content.length) await fs.writeFile(`${full}.br`, br);
          if (gz.length < content.length) await fs.writeFile(`${full}.gz`, gz);
        }),
      );
    },
  };
}

function chunkFor(id: string): string | undefined {
  // The form kit: only the pages with forms load it (never the portal or the platform home).
  if (id.startsWith(`${webRoot}/components/form/`)) return undefined;
  // The shared frame (providers, header, footer, API client) of every app, with the antd
  // core it pulls in.
  if (id.startsWith(`${webRoot}/components/`) || id.startsWith('\0vite/')) return 'web-common';
  if (!id.includes('/node_modules/')) return undefined;
  // Small libraries every app loads in full: one long-cached chunk. antd is left to Rollup's
  // default splitting so each page only loads the components it (and its siblings) use.
  if (/\/node_modules\/(react|react-dom|scheduler|react-router|@tanstack\/[^/]+|cookie|set-cookie-parser)\//.test(id)) {
    return 'vendor-react';
  }
  return undefined;
}

export default defineConfig({
  root: webRoot,
  base: '/',
  appType: 'mpa',
  publicDir: false,
  plugins: [react(), appPages(), appFallback(), precompress()],
  build: {
    outDir: `${projectRoot}dist/web`,
    emptyOutDir: true,
    // 360 浏览器 极速模式 and other domestic browsers often run older Chromium (80+);
    // older engines get the static banner in index.html instead.
    target: ['es2020', 'chrome80', 'edge80', 'firefox78', 'safari14'],
    // No data: URLs (CSP img-src/font-src stay 'self'): every asset is a file under /assets.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 700,
    rollupOptions: {
      input: Object.fromEntries(apps.map((a) => [a.folder, htmlPath(a)])),
      output: {
        manualChunks: chunkFor,
      },
    },
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: true,
    proxy: Object.fromEntries(proxied.map((p) => [p, { target: apiTarget, changeOrigin: false }])),
  },
  preview: {
    host: '127.0.0.1',
  },
});
