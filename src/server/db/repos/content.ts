import type { Db } from '../index.js';

export function contentRepo(db: Db) {
  return {
    async latest(kind: 'policy' | 'notice', limit: number) {
      return db.kysely
        .selectFrom('content_items')
        .select(['id', 'title', 'summary', 'published_on'])
        .where('kind', '=', kind)
        .orderBy('published_on', 'desc')
        .orderBy('id')
        .limit(limit)
        .execute();
    },
    async byId(id: string) {
      return db.kysely.selectFrom('content_items').selectAll().where('id', '=', id).executeTakeFirst();
    },
  };
}

export type ContentRepo = ReturnType<typeof contentRepo>;
