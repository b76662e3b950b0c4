import type { Db } from '../index.js';
import type { OperatorTable } from '../schema.js';

export function operatorRepo(db: Db) {
  const q = db.kysely;
  return {
    byUsername: (username: string) => q.selectFrom('operators').selectAll().where('username', '=', username).executeTakeFirst(),
    byId: (id: string) => q.selectFrom('operators').selectAll().where('id', '=', id).executeTakeFirst(),
    update: (id: string, changes: Partial<OperatorTable>) => q.updateTable('operators').set(changes).where('id', '=', id).execute(),
    /**
     * Records a TOTP time step as used, once: false when this step or a later one was
     * accepted before (a replayed code), so two logins racing with one code get one success.
     */
    async acceptTotpStep(id: string, step: number): Promise<boolean> {
      const result = await q.updateTable('operators').set({ last_totp_step: step }).where('id', '=', id).where('last_totp_step', '<', step).executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}

export type OperatorRepo = ReturnType<typeof operatorRepo>;
