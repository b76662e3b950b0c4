import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const projectRoot = fileURLToPath(new URL('.', import.meta.url));
const webRoot = `${projectRoot}src/web`;

/**
 * The five front-end apps: the folder under src/web that holds each app's index.html and the
 * URL root it is served under. The production server (src/server) serves
 * dist/web/<folder>/index.html as the SPA fallback under <root>.
 */
const apps = [
  { folder: 'platform', root: '/' },
  { folder: 'portal', root: '/portal' },
  { folder: 'idp', root: '/uc' },
  { folder: 'admin', root: '/admin' },
  { folder: 'institution', root: '/institution' },
] as const;

/** Paths handled by the Node server, proxied by the dev server. */
const apiTarget = 'http://127.0.0.1:3000';
const proxied = ['/api', '/uc/oidc', '/auth', '/__dev'];

function underPrefix(pathname: string, prefix: string): boolean {
  return prefix === '/' || pathname === prefix || pathname.startsWith(`${prefix}/`);
}

/**
 * Dev server only: maps page URLs to the right app's index.html the way the production
 * server does (/portal/sme → portal/index.html, /uc/register → idp/index.html, / → platform).
 * Runs after Vite's own middlewares (module requests are already answered by then).
 */
function appFallback(): Plugin {
  return {
    name: 'tidu-app-fallback',
    apply: 'serve',
    configureServer(server) {
      return () => {
        server.middlewares.use((req, _res, next) => {
          const url = req.url ?? '/';
          const pathname = url.split('?')[0] ?? '/';
          const accept = req.headers.accept ?? '';
          const isPage = (req.method === 'GET' || req.method === 'HEAD') && accept.includes('text/html');
          if (!isPage || proxied.some((p) => underPrefix(pathname, p)) || /\.[a-z0-9]+$/i.test(pathname)) {
            next();
            return;
          }
          const app = apps.find((a) => a.root !== '/' && underPrefix(pathname, a.root)) ?? apps[0];
          req.url = `/${app.folder}/index.html`;
          next();
        });
      };
    },
  };
}

function chunkFor(id: string): string | undefined {
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
  plugins: [react(), appFallback()],
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
      input: Object.fromEntries(apps.map((a) => [a.folder, `${webRoot}/${a.folder}/index.html`])),
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
