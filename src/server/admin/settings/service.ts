import type { Clock } from '../../clock.js';
import { shanghaiDate } from '../../clock.js';
import type { Db } from '../../db/index.js';
import type { FinancingRepo } from '../../db/repos/financing.js';
import type { ScoringRepo } from '../../db/repos/scoring.js';
import type { AuditLog } from '../../security/audit.js';
import type { OperatorScope } from '../../security/region-scope.js';
import { AppError } from '../../errors.js';
import { validateCatalogue } from '../../../shared/scoring/catalogue.js';
import type { SettingsData } from '../../../shared/schemas/admin-registrations.js';

const RUN_STATUS_LABELS = { running: '计算中', done: '已完成', failed: '失败' } as const;

/** What 【系统设置】 needs of scoring: the recomputation of a 数据年度 and dropping its cached catalogue. */
export interface SettingsScoring {
  recompute(dataYear: number, options: { reason: string; startedBy?: string | null }): Promise<unknown>;
  /** Called after a new catalogue version is active (the next score reads it). */
  catalogueChanged(): void;
}

/**
 * 【系统设置】 (部级 only, checked here for every action): the filing window, a new 提示事项
 * version, a new indicator catalogue version (scoring's validateCatalogue: form.md's bounds)
 * and 【重新计算积分】 (scoring's recomputation, progress in score_runs). Every change audited.
 */
export function createSettingsService(deps: { db: Db; financing: FinancingRepo; scoringRepo: ScoringRepo; scoring: SettingsScoring; audit: AuditLog; clock: Clock; log?: { error(obj: unknown, msg?: string): void } }) {
  const { db, financing, scoringRepo, scoring, audit, clock } = deps;
  const now = () => clock.now().toISOString();
  /** A recomputation started by this process and not finished yet (the run row appears a moment later). */
  let inFlight = false;
  const ministryOnly = (scope: OperatorScope) => {
    if (scope.role !== 'ministry') throw new AppError('FORBIDDEN');
  };
  const log = (scope: OperatorScope, action: string, ip: string, details: Record<string, unknown>) =>
    audit.append({ actorType: 'operator', actorId: scope.operatorId, action, targetType: 'settings', targetId: null, ip, details });

  return {
    async get(scope: OperatorScope): Promise<SettingsData> {
      ministryOnly(scope);
      const window = await financing.filingWindow(shanghaiDate(clock.now()));
      const notice = await financing.currentNotice();
      const catalogue = await scoringRepo.activeCatalogue();
      const runs = await scoringRepo.runs(window.dataYear, 10);
      return {
        window,
        notice: { version: notice.version, title: notice.title, body: notice.body, createdAt: notice.created_at },
        catalogue: { version: catalogue?.version ?? '', body: catalogue ? JSON.stringify(JSON.parse(catalogue.body), null, 2) : '' },
        runs: runs.map((r) => ({
          id: r.id,
          dataYear: r.data_year,
          catalogueVersion: r.catalogue_version,
          status: r.status,
          statusLabel: RUN_STATUS_LABELS[r.status],
          totalRows: r.total_rows,
          processedRows: r.processed_rows,
          changedRows: r.changed_rows,
          startedAt: r.started_at,
          finishedAt: r.finished_at,
        })),
      };
    },

    async setWindow(scope: OperatorScope, input: { dataYear: number; opensOn: string; closesOn: string }, ip: string): Promise<void> {
      ministryOnly(scope);
      const before = await financing.filingWindow(shanghaiDate(clock.now()));
      await financing.setFilingWindow({ ...input, by: scope.operatorId, at: now() });
      await log(scope, 'settings.window', ip, { before: { dataYear: before.dataYear, opensOn: before.opensOn, closesOn: before.closesOn }, after: input });
    },

    async publishNotice(scope: OperatorScope, input: { title: string; body: string; changesDataUse: boolean }, ip: string): Promise<{ version: number }> {
      ministryOnly(scope);
      const version = await financing.publishNotice({ ...input, by: scope.operatorId, at: now() });
      await log(scope, 'settings.notice', ip, { version, title: input.title, changesDataUse: input.changesDataUse });
      return { version };
    },

    /** A new catalogue version within form.md's bounds becomes the active one. */
    async newCatalogue(scope: OperatorScope, body: string, ip: string): Promise<{ version: string }> {
      ministryOnly(scope);
      let parsed: unknown;
      try {
        parsed = JSON.parse(body);
      } catch {
        throw new AppError('VALIDATION_FAILED', { body: '指标体系不是有效的JSON' });
      }
      const check = validateCatalogue(parsed);
      if (!check.ok) throw new AppError('VALIDATION_FAILED', { body: check.errors.slice(0, 5).join('；') });
      const version = check.catalogue.version;
      await db.kysely.transaction().execute(async (trx) => {
        const taken = await trx.selectFrom('indicator_catalogues').select('version').where('version', '=', version).executeTakeFirst();
        if (taken) throw new AppError('VALIDATION_FAILED', { body: `版本号“${version}”已存在，请使用新的版本号` });
        await trx.updateTable('indicator_catalogues').set({ active: 0 }).where('active', '=', 1).execute();
        await trx.insertInto('indicator_catalogues').values({ version, body: JSON.stringify(check.catalogue), active: 1, created_at: now(), created_by: scope.operatorId }).execute();
        await audit.append({ actorType: 'operator', actorId: scope.operatorId, action: 'settings.catalogue', targetType: 'settings', targetId: null, ip, details: { version } }, trx);
      });
      scoring.catalogueChanged();
      return { version };
    },

    /** 【重新计算积分】 of a 数据年度 (default: the window's), in the background; progress in score_runs. */
    async recompute(scope: OperatorScope, dataYear: number | undefined, ip: string): Promise<{ dataYear: number }> {
      ministryOnly(scope);
      const year = dataYear ?? (await financing.filingWindow(shanghaiDate(clock.now()))).dataYear;
      const running = (await scoringRepo.runs(year, 5)).some((r) => r.status === 'running');
      if (running || inFlight) throw new AppError('VALIDATION_FAILED', { dataYear: '积分正在重新计算，请等待完成后再试' });
      await log(scope, 'settings.recompute', ip, { dataYear: year });
      inFlight = true;
      void scoring
        .recompute(year, { reason: 'manual', startedBy: scope.operatorId })
        .catch((error: unknown) => deps.log?.error({ err: error }, 'recompute failed'))
        .finally(() => (inFlight = false));
      return { dataYear: year };
    },
  };
}

export type SettingsService = ReturnType<typeof createSettingsService>;
