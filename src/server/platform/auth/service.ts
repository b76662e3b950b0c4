import * as oidc from 'openid-client';
import { createRemoteJWKSet, customFetch, jwtVerify } from 'jose';
import type { StateStore } from '../../security/state-store.js';
import type { SessionStore } from '../../security/sessions.js';
import { sameSitePath } from '../../../shared/same-site-path.js';

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
  /** The IdP's session id for this login (ID token `sid`): back-channel logout names it. */
  sid: string | null;
}

const PENDING_TTL_MS = 10 * 60_000;
const SCOPE = 'openid profile enterprise';
const BACKCHANNEL_LOGOUT_EVENT = 'http://schemas.openid.net/event/backchannel-logout';

/**
 * The platform as an OpenID Connect client of 统一登录系统: authorization code + PKCE (S256),
 * state and nonce checked, discovery done lazily on first use (after the server listens).
 */
export function createRelyingParty(config: RelyingPartyConfig, store: StateStore, sessions: SessionStore) {
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
  let jwks: ReturnType<typeof createRemoteJWKSet> | null = null;
  const issuerKeys = async () => {
    jwks ??= createRemoteJWKSet(new URL((await configuration()).serverMetadata().jwks_uri!), config.fetch ? { [customFetch]: config.fetch } : {});
    return jwks;
  };

  /** The claims of a valid logout token (OpenID Connect Back-Channel Logout 1.0, 2.6), else null. */
  async function verifyLogoutToken(token: string): Promise<{ sub: string; sid: string | null } | null> {
    try {
      const { payload } = await jwtVerify(token, await issuerKeys(), {
        issuer: config.issuer,
        audience: config.clientId,
        algorithms: ['ES256'],
        typ: 'logout+jwt',
        requiredClaims: ['iat', 'jti', 'events'],
        maxTokenAge: '5m',
      });
      const events = payload.events as Record<string, unknown> | undefined;
      const event = events?.[BACKCHANNEL_LOGOUT_EVENT];
      if (typeof event !== 'object' || event === null || 'nonce' in payload) return null;
      // Our IdP always names the account; sid narrows the logout to one browser's login.
      if (typeof payload.sub !== 'string' || (payload.sid !== undefined && typeof payload.sid !== 'string')) return null;
      return { sub: payload.sub, sid: typeof payload.sid === 'string' ? payload.sid : null };
    } catch {
      return null;
    }
  }

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
          sid: typeof claims.sid === 'string' ? claims.sid : null,
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

    /**
     * Back-channel logout from the IdP: ends the platform sessions of the login the token names
     * (its sid), or of the whole account without one. False when the token is not valid.
     */
    async backchannelLogout(logoutToken: string): Promise<boolean> {
      const claims = await verifyLogoutToken(logoutToken);
      if (!claims) return false;
      for (const session of await sessions.listFor(claims.sub, 'platform')) {
        if (claims.sid === null || session.data.sid === claims.sid) await sessions.destroyById(session.idHash);
      }
      return true;
    },
  };
}

export type RelyingParty = ReturnType<typeof createRelyingParty>;

/** Where to go after login: a path of this site (shared/same-site-path.ts), else the home page. */
export function safeReturnTo(value: unknown, publicUrl: string): string {
  return sameSitePath(value, publicUrl) ?? '/';
}
