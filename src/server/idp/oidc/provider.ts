import crypto from 'node:crypto';
import fs from 'node:fs';
import type { IncomingMessage } from 'node:http';
import Provider, { interactionPolicy, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import type { Db } from '../../db/index.js';
import type { AccountRepo } from '../../db/repos/accounts.js';
import type { SessionStore } from '../../security/sessions.js';
import { oidcErrorMessage } from './pages.js';
import { escapeHtml, renderPage } from '../../http/html-page.js';
import { hostCookieName, secureCookieName } from '../../http/cookie-names.js';
import { sessionCookieNames } from '../../plugins/session.js';
import type { AppEnv } from '../../config.js';

export const OIDC_MOUNT = '/uc/oidc';
export const PLATFORM_CLIENT_ID = 'tidu-platform';

export interface OidcClientMetadata {
  client_id: string;
  client_secret: string;
  redirect_uris: string[];
  post_logout_redirect_uris?: string[];
  client_name?: string;
  /** OIDC back-channel logout: told when the person's 统一登录系统 session ends. */
  backchannel_logout_uri?: string;
  backchannel_logout_session_required?: boolean;
}

/** The platform's client secret, derived from the cookie secret both sides of one deployment share. */
export function platformClientSecret(cookieSecret: Buffer): string {
  return crypto.createHmac('sha256', cookieSecret).update('oidc-client:tidu-platform').digest('base64url');
}

export function platformClient(publicUrl: string, secret: string): OidcClientMetadata {
  return {
    client_id: PLATFORM_CLIENT_ID,
    client_secret: secret,
    client_name: '优质中小企业梯度培育平台',
    redirect_uris: [`${publicUrl}/auth/callback`],
    post_logout_redirect_uris: [`${publicUrl}/`],
    backchannel_logout_uri: `${publicUrl}/auth/backchannel-logout`,
    backchannel_logout_session_required: true,
  };
}

/** Further relying parties (other government services) from OIDC_CLIENTS_FILE. */
export function loadExtraClients(file: string | undefined): OidcClientMetadata[] {
  if (!file) return [];
  const list = JSON.parse(fs.readFileSync(file, 'utf8')) as OidcClientMetadata[];
  if (!Array.isArray(list)) throw new Error('OIDC_CLIENTS_FILE must hold a JSON array of client metadata');
  for (const c of list) {
    if (!c.client_id || !c.client_secret || !Array.isArray(c.redirect_uris)) throw new Error(`OIDC_CLIENTS_FILE: client ${c.client_id ?? '?'} needs client_id, client_secret and redirect_uris`);
  }
  return list;
}

export interface ProviderDeps {
  issuer: string;
  db: Db;
  accounts: AccountRepo;
  sessions: SessionStore;
  signingKey: crypto.JsonWebKey & { kid: string };
  cookieKeys: string[];
  secureCookies: boolean;
  appEnv: AppEnv;
  /** Requests to this site answered inside the process (app.inject): back-channel logout to the platform. */
  fetchOwnSite: typeof fetch;
  clients: OidcClientMetadata[];
  firstPartyClientIds: Set<string>;
  adapter: NonNullable<Configuration['adapter']>;
  logError(error: Error): void;
}

/** The live 统一登录系统 session (uc_sid cookie) behind an OIDC request, if any. */
async function ucSessionOf(ctx: KoaContextWithOIDC, deps: ProviderDeps) {
  return deps.sessions.read('uc', ctx.cookies.get(hostCookieName(sessionCookieNames.uc, deps.appEnv)) ?? undefined);
}

/**
 * oidc-provider (Koa, `proxy = true`) builds every URL it publishes or redirects to, and its
 * Secure-cookie decision, from Host and X-Forwarded-*. Those are overwritten with the issuer's
 * own host and scheme before the provider sees a request, so no header a client or a misbehaving
 * proxy sends can change them (a cached discovery document naming another host would send
 * codes and client secrets there), and a missing X-Forwarded-Proto cannot make Koa refuse its
 * Secure cookies. The client address is the one Fastify settled on (TRUSTED_PROXIES).
 */
export function pinToIssuer(raw: IncomingMessage, issuer: string, clientIp: string) {
  const url = new URL(issuer);
  const headers = raw.headers;
  delete headers.forwarded;
  delete headers['x-forwarded-port'];
  headers.host = url.host;
  headers['x-forwarded-host'] = url.host;
  headers['x-forwarded-proto'] = url.protocol.slice(0, -1);
  headers['x-forwarded-for'] = clientIp;
}

/**
 * oidc-provider configured as the spec README says: code flow with PKCE S256 only, ES256 ID
 * tokens, scopes openid / profile / enterprise, first-party clients skip consent, and every
 * page it shows rendered in Chinese.
 */
export function createOidcProvider(deps: ProviderDeps): Provider {
  const policy = interactionPolicy.base();
  // Single sign-on follows the 统一登录系统 session: when it ended (【退出登录】 at /uc) or
  // belongs to another account, the provider's own session no longer counts.
  policy.get('login')!.checks.add(
    new interactionPolicy.Check('uc_session', '统一登录系统会话已结束', async (ctx) => {
      const uc = await ucSessionOf(ctx, deps);
      return !uc || uc.accountId !== ctx.oidc.session?.accountId ? interactionPolicy.Check.REQUEST_PROMPT : interactionPolicy.Check.NO_NEED_TO_PROMPT;
    }),
    0,
  );

  const configuration: Configuration = {
    adapter: deps.adapter,
    clients: deps.clients.map((c) => ({
      ...c,
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
      id_token_signed_response_alg: 'ES256',
    })),
    jwks: { keys: [{ ...deps.signingKey, alg: 'ES256', use: 'sig' } as any] },
    cookies: {
      keys: deps.cookieKeys,
      // The session cookie is Path=/; the interaction and resume cookies are scoped to their paths.
      names: { session: hostCookieName('oidc_session', deps.appEnv), interaction: secureCookieName('oidc_interaction', deps.appEnv), resume: secureCookieName('oidc_resume', deps.appEnv) },
      // Koa sets Secure cookies only on HTTPS requests: follow the issuer's scheme.
      long: { httpOnly: true, sameSite: 'lax', secure: deps.issuer.startsWith('https:'), signed: true },
      short: { httpOnly: true, sameSite: 'lax', secure: deps.issuer.startsWith('https:'), signed: true },
    },
    claims: {
      openid: ['sub'],
      profile: ['name', 'preferred_username'],
      enterprise: ['user_type', 'realname_status', 'uscc'],
    },
    scopes: ['openid', 'profile', 'enterprise'],
    // Claims of the requested scopes go into the ID token too: the platform needs no userinfo call.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    responseTypes: ['code'],
    enabledJWA: { idTokenSigningAlgValues: ['ES256'] },
    // Back-channel logout. This site's platform is answered in the process: every process serves
    // it, and the provider's SSRF guard would refuse the private address an intranet PUBLIC_URL
    // may resolve to. Other relying parties are called over the network.
    fetch: (input, init) => (new URL(String(input instanceof Request ? input.url : input)).origin === new URL(deps.issuer).origin ? deps.fetchOwnSite(input, init) : globalThis.fetch(input, init)),
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true },
      userinfo: { enabled: true },
      backchannelLogout: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        async logoutSource(ctx, form) {
          // A relying party's own 【退出】 carries the ID token it got for this session (already
          // verified by the provider): the person asked, so the page confirms itself. Anything
          // else (a bare link from any site, another account's ID token) asks first.
          const hint = (ctx.oidc.entities as { IdTokenHint?: { payload?: { sub?: unknown } } }).IdTokenHint;
          const askedByRelyingParty = !!ctx.oidc.session?.accountId && hint?.payload?.sub === ctx.oidc.session.accountId;
          const confirm = `<button type="submit" form="op.logoutForm" name="logout" value="yes" id="logout-confirm">退出</button>`;
          const cancel = `<a class="button secondary" href="/uc/center">取消</a>`;
          const { html, csp } = askedByRelyingParty
            ? renderPage('退出登录', `<h1>正在退出统一登录系统</h1><p>您将退出统一登录系统及通过它登录的应用。</p>${form}<div class="actions">${confirm}${cancel}</div>`, {
                scripts: ['/uc/oidc-assets/logout.js'],
              })
            : renderPage('退出登录', `<h1>确定要退出统一登录系统吗？</h1><p>退出后，通过统一登录系统登录的应用也将一并退出。</p>${form}<div class="actions">${confirm}${cancel}</div>`);
          ctx.set('content-security-policy', csp);
          ctx.type = 'html';
          ctx.body = html;
        },
        async postLogoutSuccessSource(ctx) {
          const { html, csp } = renderPage('已退出', `<h1>您已安全退出</h1><p>统一登录系统的登录状态已结束。</p><div class="actions"><a class="button" href="/portal">返回政务服务门户</a></div>`);
          ctx.set('content-security-policy', csp);
          ctx.type = 'html';
          ctx.body = html;
        },
      },
    },
    interactions: {
      url: (_ctx, interaction) => `/uc/interaction/${interaction.uid}`,
      policy,
    },
    async findAccount(_ctx, sub) {
      const account = await deps.accounts.byId(sub);
      if (!account || account.status !== 'active') return undefined;
      return {
        accountId: sub,
        async claims() {
          const verified = account.realname_status === 'verified';
          const name = verified && account.user_type === 'legal' ? account.enterprise_name : verified && account.user_type === 'natural' ? account.person_name : null;
          return {
            sub,
            name: name ?? account.login_name,
            preferred_username: account.login_name,
            user_type: account.user_type === 'natural' ? 'natural' : 'legal',
            realname_status: verified ? 'verified' : 'unverified',
            ...(verified && account.user_type === 'legal' && account.verified_uscc ? { uscc: account.verified_uscc } : {}),
          };
        },
      };
    },
    // First-party clients (the platform) need no consent: their grant is made here.
    async loadExistingGrant(ctx) {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
      const existing = grantId ? await ctx.oidc.provider.Grant.find(grantId) : undefined;
      // A revoked grant (credential change) is made anew for first-party clients only.
      if (existing || !deps.firstPartyClientIds.has(ctx.oidc.client!.clientId)) return existing;
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
      grant.addOIDCScope('openid profile enterprise');
      await grant.save();
      return grant;
    },
    async renderError(ctx, out) {
      const message = oidcErrorMessage(out.error, out.error_description);
      const { html, csp } = renderPage('无法完成登录', `<h1>无法完成登录</h1><p>${escapeHtml(message)}</p><p class="muted">错误代码：${escapeHtml(String(out.error ?? 'error'))}</p><div class="actions"><a class="button" href="/">返回首页</a></div>`);
      ctx.set('content-security-policy', csp);
      ctx.type = 'html';
      ctx.body = html;
    },
    clientBasedCORS: () => false,
    ttl: {
      AccessToken: 3600,
      AuthorizationCode: 60,
      IdToken: 3600,
      Interaction: 3600,
      Session: 12 * 3600,
      Grant: 14 * 24 * 3600,
    },
  };

  const provider = new Provider(deps.issuer, configuration);
  provider.proxy = true;
  provider.on('server_error', (_ctx: unknown, error: Error) => deps.logError(error));
  provider.use(async (ctx, next) => {
    await next();
    if (ctx.oidc?.route === 'discovery' && ctx.status === 200) {
      // The same document for everybody (URLs from the issuer only): shared caches may keep it.
      ctx.set('cache-control', 'public, max-age=300');
    }
    // 【退出】 confirmed for a logged-in OIDC session also ends the 统一登录系统 session of this
    // browser. The provider confirms by itself when it holds no session; that must not end uc_sid.
    if (ctx.oidc?.route === 'end_session_confirm' && ctx.status === 303 && ctx.oidc.params?.logout && ctx.oidc.session?.accountId) {
      const name = hostCookieName(sessionCookieNames.uc, deps.appEnv);
      const token = ctx.cookies.get(name);
      if (token) {
        await deps.sessions.destroy(token);
        // Written by hand: Koa refuses Secure cookies on plain-HTTP requests (development, tests).
        ctx.append('set-cookie', `${name}=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax${deps.secureCookies ? '; Secure' : ''}`);
      }
    }
  });
  return provider;
}
