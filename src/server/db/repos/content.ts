import type { Db } from '../index.js';
import type { ContentItemTable } from '../schema.js';
import type { ContentKind } from '../../../shared/content-labels.js';

export function contentRepo(db: Db) {
  return {
    async latest(kind: 'policy' | 'notice', limit: number) {
      return db.kysely
        .selectFrom('content_items')
        .select(['id', 'title', 'summary', 'published_on'])
        .where('kind', '=', kind)
        .orderBy('published_on', 'desc')
        // Of one day, the newest first (an item published in 【内容管理】 today leads).
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .limit(limit)
        .execute();
    },
    async byId(id: string) {
      return db.kysely.selectFrom('content_items').selectAll().where('id', '=', id).executeTakeFirst();
    },

    // ---- 管理端 【内容管理】 ------------------------------------------------------------------

    async list(filter: { kind?: ContentKind; limit: number; offset: number }) {
      let query = db.kysely.selectFrom('content_items');
      if (filter.kind) query = query.where('kind', '=', filter.kind);
      const [rows, count] = await Promise.all([
        query.select(['id', 'kind', 'title', 'summary', 'published_on', 'updated_at']).orderBy('published_on', 'desc').orderBy('created_at', 'desc').orderBy('id').limit(filter.limit).offset(filter.offset).execute(),
        query.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { rows, total: Number(count.n) };
    },
    insert: (row: ContentItemTable) => db.kysely.insertInto('content_items').values(row).execute(),
    async update(id: string, changes: Partial<ContentItemTable>): Promise<boolean> {
      const result = await db.kysely.updateTable('content_items').set(changes).where('id', '=', id).executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async delete(id: string): Promise<boolean> {
      const result = await db.kysely.deleteFrom('content_items').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },
  };
}

export type ContentRepo = ReturnType<typeof contentRepo>;
