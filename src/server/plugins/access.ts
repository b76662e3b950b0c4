import type { FastifyInstance } from 'fastify';

/**
 * Who may call a route, declared on every route as `config: { access }` (authorisation as
 * data). `anonymous`: anyone; `dev`: development/test tooling; later rows add account,
 * 法人, enterprise owner, operator with region and institution with region. `scraper`: the
 * metrics scraper, by bearer token or allow-listed address, no session (metrics/routes.ts).
 */
export type Access = 'anonymous' | 'dev' | 'account' | 'legal' | 'enterprise-owner' | 'operator' | 'institution' | 'scraper';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
}

export interface RouteAccessEntry {
  method: string;
  url: string;
  access: Access | undefined;
}

/** Records the declared access of every route so a test can fail on an undeclared one. */
export function trackRouteAccess(app: FastifyInstance): RouteAccessEntry[] {
  const entries: RouteAccessEntry[] = [];
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD') continue;
      entries.push({ method, url: route.url, access: (route.config as { access?: Access } | undefined)?.access });
    }
  });
  return entries;
}
