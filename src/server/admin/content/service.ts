import crypto from 'node:crypto';
import { shanghaiDate, type Clock } from '../../clock.js';
import type { AuditLog } from '../../security/audit.js';
import type { OperatorScope } from '../../security/region-scope.js';
import type { ContentRepo } from '../../db/repos/content.js';
import type { ContentItemTable } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import type { ContentKind } from '../../../shared/content-labels.js';

export interface ContentFields {
  kind: ContentKind;
  title: string;
  summary: string;
  body: string;
  publishedOn: string;
}

/** The first characters of the body when no 摘要 is given (the home page lists it under the title). */
export function summaryOf(fields: Pick<ContentFields, 'summary' | 'body'>): string {
  if (fields.summary) return fields.summary;
  const text = fields.body.replace(/\s+/g, ' ').trim();
  return [...text].length > 80 ? `${[...text].slice(0, 80).join('')}…` : text;
}

/**
 * 管理端 【内容管理】 (部级 only): 政策文件 and 通知公告 of the platform home. What is saved
 * shows there at once (the home reads the table on every request). Bodies are plain text,
 * paragraphs separated by blank lines: the platform renders them as text, never as HTML.
 */
export function createContentAdminService(deps: { content: ContentRepo; audit: AuditLog; clock: Clock }) {
  const { content, audit, clock } = deps;

  const requireMinistry = (scope: OperatorScope) => {
    if (scope.role !== 'ministry') throw new AppError('FORBIDDEN');
  };

  /** A 发布日期 from a real calendar day up to today (Asia/Shanghai). */
  function checkDate(publishedOn: string) {
    const parsed = new Date(`${publishedOn}T00:00:00Z`);
    if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== publishedOn) throw new AppError('VALIDATION_FAILED', { publishedOn: '请选择发布日期' });
    if (publishedOn > shanghaiDate(clock.now())) throw new AppError('VALIDATION_FAILED', { publishedOn: '发布日期不能晚于今天' });
  }

  const contentAudit = (scope: OperatorScope, action: string, id: string, ip: string, details: Record<string, unknown>) =>
    audit.append({ actorType: 'operator', actorId: scope.operatorId, action, targetType: 'content', targetId: id, ip, details });

  async function load(id: string) {
    const row = await content.byId(id);
    if (!row) throw new AppError('NOT_FOUND');
    return row;
  }

  const toItem = (r: Pick<ContentItemTable, 'id' | 'kind' | 'title' | 'summary' | 'published_on' | 'updated_at'>) => ({
    id: r.id,
    kind: r.kind,
    title: r.title,
    summary: r.summary,
    publishedOn: r.published_on,
    updatedAt: r.updated_at,
  });

  return {
    async list(scope: OperatorScope, query: { kind?: ContentKind; page: number; pageSize: number }) {
      requireMinistry(scope);
      const { rows, total } = await content.list({ kind: query.kind, limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
      return { total, items: rows.map(toItem) };
    },

    async detail(scope: OperatorScope, id: string) {
      requireMinistry(scope);
      const row = await load(id);
      return { ...toItem(row), body: row.body };
    },

    async create(scope: OperatorScope, fields: ContentFields, ip: string) {
      requireMinistry(scope);
      checkDate(fields.publishedOn);
      const at = clock.now().toISOString();
      const id = crypto.randomUUID();
      await content.insert({ id, kind: fields.kind, title: fields.title, summary: summaryOf(fields), body: fields.body, published_on: fields.publishedOn, created_at: at, updated_at: at });
      await contentAudit(scope, 'content.create', id, ip, { kind: fields.kind, title: fields.title });
      return { id };
    },

    async update(scope: OperatorScope, id: string, fields: ContentFields, ip: string) {
      requireMinistry(scope);
      const before = await load(id);
      checkDate(fields.publishedOn);
      const changes = { kind: fields.kind, title: fields.title, summary: summaryOf(fields), body: fields.body, published_on: fields.publishedOn };
      if (!(await content.update(id, { ...changes, updated_at: clock.now().toISOString() }))) throw new AppError('NOT_FOUND');
      const changed = (Object.keys(changes) as (keyof typeof changes)[]).filter((k) => changes[k] !== before[k]);
      await contentAudit(scope, 'content.update', id, ip, { kind: fields.kind, title: fields.title, changed });
    },

    async remove(scope: OperatorScope, id: string, ip: string) {
      requireMinistry(scope);
      const before = await load(id);
      if (!(await content.delete(id))) throw new AppError('NOT_FOUND');
      await contentAudit(scope, 'content.delete', id, ip, { kind: before.kind, title: before.title });
    },
  };
}

export type ContentAdminService = ReturnType<typeof createContentAdminService>;
