import { useState, type ReactNode } from 'react';
// antd by module path, never `from 'antd'`, in src/web/components: vite.config.ts puts this
// folder in the 'web-common' chunk with every static dependency of its modules, and the
// dependencies of antd's index are all of antd (every component any app uses would land in
// the chunk every page loads). Type-only imports from 'antd' are fine.
import AntApp from 'antd/es/app';
import ConfigProvider from 'antd/es/config-provider';
import type { ThemeConfig } from 'antd';
import zhCN from 'antd/es/locale/zh_CN';
// antd's own style engine (a dependency of antd): legacy-browser options for the
// older Chromium kernels of 360 浏览器 极速模式 (no `:where()` before Chrome 88, no logical
// properties such as `inset` before Chrome 87).
import { StyleProvider, legacyLogicalPropertiesTransformer } from '@ant-design/cssinjs';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter } from 'react-router';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { isApiError } from './api';

dayjs.locale('zh-cn');

export const PRIMARY_COLOR = '#1f5faa';

const theme: ThemeConfig = {
  token: {
    colorPrimary: PRIMARY_COLOR,
    colorLink: PRIMARY_COLOR,
    // antd derives a lighter hover shade (#3e7bb8: 4.44:1 under white text, below 4.5:1), and a
    // button stays hovered under the pointer after a click: hover and active go darker instead.
    colorPrimaryHover: '#114385',
    colorPrimaryActive: '#082a5e',
    colorLinkHover: '#114385',
    colorLinkActive: '#082a5e',
    colorInfo: PRIMARY_COLOR,
    // antd's default secondary grey (#8c8c8c on white) is below the 4.5:1 contrast ratio.
    colorTextSecondary: '#595959',
    colorTextTertiary: '#595959',
    colorTextDescription: '#595959',
    // antd's default red (#ff4d4f) is 3.3:1 on white: form errors and danger buttons need 4.5:1.
    colorError: '#cf1322',
    borderRadius: 4,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'Helvetica Neue', Arial, sans-serif",
    // People who asked their system for less motion get none: dialogs and messages appear in
    // place instead of zooming in (a button that is still moving is easy to miss on a slow machine).
    motion: !prefersReducedMotion(),
  },
};

function prefersReducedMotion(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/**
 * The CSP nonce of this page. The server replaces `__CSP_NONCE__` in
 * `<meta name="csp-nonce" content="__CSP_NONCE__">` with the request's nonce; antd's runtime
 * `<style>` tags carry it. The unreplaced placeholder (Vite dev server) means "no nonce".
 */
function readCspNonce(): string | undefined {
  const content = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content;
  return content && content !== '__CSP_NONCE__' ? content : undefined;
}

const cspNonce = readCspNonce();

/**
 * antd's own styles carry the nonce (ConfigProvider `csp`), but a few of its internals add
 * `<style>` elements without one (rc-util's dynamicCSS: the body scroll lock of Modal and
 * Drawer, the scrollbar measurement of Table), which the CSP then blocks with a console
 * error. Style elements created by this page's own scripts get the page's nonce; styles in
 * injected markup still do not.
 */
function giveScriptStylesTheNonce(nonce: string): void {
  const create = Document.prototype.createElement;
  Document.prototype.createElement = function createElement(this: Document, tagName: string, options?: ElementCreationOptions) {
    const element = create.call(this, tagName, options);
    if (element instanceof HTMLStyleElement && !element.nonce) element.nonce = nonce;
    return element;
  } as typeof Document.prototype.createElement;
}

if (cspNonce) giveScriptStylesTheNonce(cspNonce);

function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // Answers from the server (4xx/5xx with the error model) are final; retry only
        // when the network failed.
        retry: (failureCount, error) => failureCount < 2 && isApiError(error) && error.status === 0,
      },
      mutations: { retry: false },
    },
  });
}

export interface AppProvidersProps {
  /** The app's URL root: '/', '/portal', '/uc', '/admin' or '/institution'. */
  basename: string;
  children: ReactNode;
}

export function AppProviders({ basename, children }: AppProvidersProps) {
  const [queryClient] = useState(createQueryClient);
  return (
    <StyleProvider hashPriority="high" transformers={[legacyLogicalPropertiesTransformer]}>
      <ConfigProvider
        locale={zhCN}
        theme={theme}
        csp={cspNonce ? { nonce: cspNonce } : undefined}
        button={{ autoInsertSpace: false }}
      >
        <AntApp component={false}>
          <QueryClientProvider client={queryClient}>
            {/* No transitions: while a lazily loaded page downloads, the Suspense fallback
                replaces the previous page at once, so its form cannot be typed into or submitted. */}
            <BrowserRouter basename={basename} useTransitions={false}>
              {children}
            </BrowserRouter>
          </QueryClientProvider>
        </AntApp>
      </ConfigProvider>
    </StyleProvider>
  );
}
