import type { Db } from '../../db/index.js';

/**
 * oidc-provider's storage adapter over kysely, so that several app processes share
 * sessions, interactions, codes and grants (its memory adapter cannot).
 */
export function kyselyOidcAdapter(db: Db, now: () => number = Date.now) {
  const q = db.kysely;
  return class KyselyOidcAdapter {
    constructor(private readonly model: string) {}

    async upsert(id: string, payload: Record<string, any>, expiresIn: number) {
      const row = {
        model: this.model,
        id,
        payload: JSON.stringify(payload),
        grant_id: payload.grantId ?? null,
        user_code: payload.userCode ?? null,
        uid: payload.uid ?? null,
        expires_at: expiresIn ? now() + expiresIn * 1000 : null,
        consumed_at: null,
      };
      await q
        .insertInto('oidc_payloads')
        .values(row)
        .onConflict((oc) => oc.columns(['model', 'id']).doUpdateSet({ payload: row.payload, grant_id: row.grant_id, user_code: row.user_code, uid: row.uid, expires_at: row.expires_at }))
        .execute();
    }

    private async findWhere(column: 'id' | 'uid' | 'user_code', value: string) {
      const row = await q.selectFrom('oidc_payloads').selectAll().where('model', '=', this.model).where(column, '=', value).executeTakeFirst();
      if (!row || (row.expires_at !== null && Number(row.expires_at) <= now())) return undefined;
      return { ...JSON.parse(row.payload), ...(row.consumed_at ? { consumed: Math.floor(Number(row.consumed_at) / 1000) } : {}) };
    }

    find(id: string) {
      return this.findWhere('id', id);
    }

    findByUid(uid: string) {
      return this.findWhere('uid', uid);
    }

    findByUserCode(userCode: string) {
      return this.findWhere('user_code', userCode);
    }

    async consume(id: string) {
      await q.updateTable('oidc_payloads').set({ consumed_at: now() }).where('model', '=', this.model).where('id', '=', id).execute();
    }

    async destroy(id: string) {
      await q.deleteFrom('oidc_payloads').where('model', '=', this.model).where('id', '=', id).execute();
    }

    async revokeByGrantId(grantId: string) {
      await q.deleteFrom('oidc_payloads').where('grant_id', '=', grantId).execute();
    }
  };
}
