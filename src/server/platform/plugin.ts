import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../deps.js';
import { contentRepo } from '../db/repos/content.js';
import { createRelyingParty, type RelyingPartyConfig } from './auth/service.js';
import { platformAuthRoutes } from './auth/routes.js';
import { contentRoutes } from './content/routes.js';

/** What the platform room takes from the other rooms. */
export interface PlatformSeams {
  /** Its OIDC client at the IdP (issuer, client id and secret), and `fetch` when the IdP is reached in-process. */
  identityProvider: Pick<RelyingPartyConfig, 'issuer' | 'clientId' | 'clientSecret' | 'fetch'>;
}

/** 优质中小企业梯度培育平台: single sign-on through the IdP, the public pages' content. */
export function platformRoom(deps: AppDeps, seams: PlatformSeams): FastifyPluginAsync {
  const { config } = deps;
  const relyingParty = createRelyingParty(
    {
      ...seams.identityProvider,
      redirectUri: `${config.publicUrl}/auth/callback`,
      postLogoutRedirectUri: `${config.publicUrl}/`,
    },
    deps.store,
    deps.sessions,
  );

  return async (app) => {
    await app.register(platformAuthRoutes(relyingParty, { publicUrl: config.publicUrl, secureCookies: config.appEnv !== 'development', pii: deps.pii }));
    await app.register(contentRoutes(contentRepo(deps.db), deps.pii));
  };
}
