import type { Db } from '../index.js';
import type { OperatorTable } from '../schema.js';

export function operatorRepo(db: Db) {
  const q = db.kysely;
  return {
    byUsername: (username: string) => q.selectFrom('operators').selectAll().where('username', '=', username).executeTakeFirst(),
    byId: (id: string) => q.selectFrom('operators').selectAll().where('id', '=', id).executeTakeFirst(),
    update: (id: string, changes: Partial<OperatorTable>) => q.updateTable('operators').set(changes).where('id', '=', id).execute(),
  };
}

export type OperatorRepo = ReturnType<typeof operatorRepo>;
