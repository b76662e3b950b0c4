import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import type { KoaContextWithOIDC } from 'oidc-provider';
import type { Db } from '../../db/index.js';

/** What an OIDC session keeps per relying party (oidc-provider's Session payload). */
type Authorizations = Record<string, { sid?: string; grantId?: string }>;

/** oidc-provider's Client model has the call; its type declarations do not. */
interface BackchannelClient {
  backchannelLogoutUri?: string;
  backchannelLogout(sub: string, sid: string | undefined): Promise<void>;
}

/**
 * Single logout on the IdP side, outside the end_session endpoint: when the 统一登录系统 session
 * of a browser ends (【退出登录】 at /uc) or the account's credentials change, the OIDC sessions
 * end too, every relying party in them is told over the back channel, and their grants are
 * revoked with every token issued under them.
 */
export function createSingleLogout(provider: Provider, db: Db, logError: (error: Error) => void) {
  const q = db.kysely;

  async function tellRelyingParties(accountId: string, authorizations: Authorizations) {
    await Promise.all(
      Object.entries(authorizations).map(async ([clientId, { sid }]) => {
        const client = (await provider.Client.find(clientId).catch(() => undefined)) as BackchannelClient | undefined;
        if (!client?.backchannelLogoutUri) return;
        // One unreachable relying party must not keep the others logged in.
        await client.backchannelLogout(accountId, sid).catch((error: Error) => logError(error));
      }),
    );
  }

  /** The grants and, through grant_id, every code and token issued under them. */
  async function revokeGrants(grantIds: string[]) {
    if (grantIds.length === 0) return;
    await q.deleteFrom('oidc_payloads').where('grant_id', 'in', grantIds).execute();
    await q.deleteFrom('oidc_payloads').where('model', '=', 'Grant').where('id', 'in', grantIds).execute();
  }

  async function endSession(accountId: string, authorizations: Authorizations, destroy: () => Promise<void>) {
    await tellRelyingParties(accountId, authorizations);
    await revokeGrants(Object.values(authorizations).flatMap((a) => (a.grantId ? [a.grantId] : [])));
    await destroy();
  }

  return {
    /** The OIDC session of this browser (its oidc_session cookie), if logged in. */
    async endBrowserSession(req: IncomingMessage, res: ServerResponse) {
      const session = await provider.Session.get({ req, res } as unknown as KoaContextWithOIDC);
      if (!session.accountId) return;
      await endSession(session.accountId, (session.authorizations ?? {}) as Authorizations, () => session.destroy());
    },

    /** Every OIDC session and grant of an account (after a credential change). */
    async endAllFor(accountId: string) {
      // Payloads are JSON text on both databases; LIKE narrows, the parsed accountId decides.
      const rows = await q
        .selectFrom('oidc_payloads')
        .select(['model', 'id', 'payload'])
        .where('model', 'in', ['Session', 'Grant'])
        .where('payload', 'like', `%${JSON.stringify(accountId).slice(1, -1)}%`)
        .execute();
      const mine = rows.filter((row) => (JSON.parse(row.payload) as { accountId?: string }).accountId === accountId);
      for (const row of mine.filter((r) => r.model === 'Session')) {
        const { authorizations = {} } = JSON.parse(row.payload) as { authorizations?: Authorizations };
        await endSession(accountId, authorizations, async () => {
          await q.deleteFrom('oidc_payloads').where('model', '=', 'Session').where('id', '=', row.id).execute();
        });
      }
      await revokeGrants(mine.filter((r) => r.model === 'Grant').map((r) => r.id));
    },
  };
}

export type SingleLogout = ReturnType<typeof createSingleLogout>;
