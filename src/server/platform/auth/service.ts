import * as oidc from 'openid-client';
import type { StateStore } from '../../security/state-store.js';

export interface RelyingPartyConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  postLogoutRedirectUri: string;
  /** Tests route the relying party's HTTP calls into app.inject. */
  fetch?: typeof fetch;
}

export interface PlatformIdentity {
  sub: string;
  displayName: string;
  userType: 'legal' | 'natural';
  realnameStatus: 'verified' | 'unverified';
  uscc: string | null;
  idToken: string;
}

const PENDING_TTL_MS = 10 * 60_000;
const SCOPE = 'openid profile enterprise';

/**
 * The platform as an OpenID Connect client of 统一登录系统: authorization code + PKCE (S256),
 * state and nonce checked, discovery done lazily on first use (after the server listens).
 */
export function createRelyingParty(config: RelyingPartyConfig, store: StateStore) {
  let discovered: Promise<oidc.Configuration> | null = null;
  const configuration = () => {
    discovered ??= oidc
      .discovery(new URL(config.issuer), config.clientId, config.clientSecret, oidc.ClientSecretBasic(config.clientSecret), {
        ...(config.issuer.startsWith('http:') ? { execute: [oidc.allowInsecureRequests] } : {}),
        ...(config.fetch ? { [oidc.customFetch]: config.fetch } : {}),
      })
      .catch((error: unknown) => {
        discovered = null; // try again on the next login
        throw error;
      });
    return discovered;
  };

  return {
    /** Where to send the browser, and the state to bind to it (a cookie). */
    async startLogin(returnTo: string) {
      const cfg = await configuration();
      const state = oidc.randomState();
      const nonce = oidc.randomNonce();
      const verifier = oidc.randomPKCECodeVerifier();
      await store.set(`rp:${state}`, JSON.stringify({ verifier, nonce, returnTo }), PENDING_TTL_MS);
      const url = oidc.buildAuthorizationUrl(cfg, {
        redirect_uri: config.redirectUri,
        scope: SCOPE,
        state,
        nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
      });
      return { url: url.href, state };
    },

    /** Exchanges the code; null when the state is unknown, expired or already used. */
    async finishLogin(callbackUrl: URL, browserState: string | undefined): Promise<{ identity: PlatformIdentity; returnTo: string } | null> {
      const state = callbackUrl.searchParams.get('state');
      if (!state || state !== browserState) return null;
      const pending = await store.take(`rp:${state}`);
      if (!pending) return null;
      const { verifier, nonce, returnTo } = JSON.parse(pending) as { verifier: string; nonce: string; returnTo: string };
      const tokens = await oidc.authorizationCodeGrant(await configuration(), callbackUrl, {
        pkceCodeVerifier: verifier,
        expectedState: state,
        expectedNonce: nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims()!;
      return {
        returnTo,
        identity: {
          sub: claims.sub,
          displayName: String(claims.name ?? claims.preferred_username ?? ''),
          userType: claims.user_type === 'natural' ? 'natural' : 'legal',
          realnameStatus: claims.realname_status === 'verified' ? 'verified' : 'unverified',
          uscc: typeof claims.uscc === 'string' ? claims.uscc : null,
          idToken: tokens.id_token!,
        },
      };
    },

    async logoutUrl(idToken: string | undefined) {
      const cfg = await configuration();
      return oidc.buildEndSessionUrl(cfg, {
        post_logout_redirect_uri: config.postLogoutRedirectUri,
        ...(idToken ? { id_token_hint: idToken } : {}),
      }).href;
    },
  };
}

export type RelyingParty = ReturnType<typeof createRelyingParty>;

/** Only same-site relative paths are followed after login (no open redirect). */
export function safeReturnTo(value: unknown): string {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') && value.length < 500 ? value : '/';
}
