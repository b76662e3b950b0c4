import crypto from 'node:crypto';
import type { Clock } from '../../clock.js';
import type { AuditLog } from '../../security/audit.js';
import type { PasswordHasher } from '../../security/password-hasher.js';
import type { OperatorScope } from '../../security/region-scope.js';
import type { SessionStore } from '../../security/sessions.js';
import type { OperatorRepo } from '../../db/repos/operators.js';
import type { OperatorRole, OperatorTable } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { isOperatorRegion } from '../../../shared/operator-regions.js';
import type { OperatorStatus } from '../../../shared/operator-labels.js';
import { creatableRoles, managedScopeOf, mayCreate, mayManage, maySetAuditor } from './policy.js';

/** Initial passwords: 16 characters with upper, lower, digit and symbol, without look-alikes (0O1lI). */
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const LOWER = 'abcdefghijkmnpqrstuvwxyz';
const DIGITS = '23456789';
const SYMBOLS = '#%+=@!';
const ALL = UPPER + LOWER + DIGITS + SYMBOLS;

export function initialPassword(): string {
  const pick = (set: string) => set[crypto.randomInt(set.length)];
  const chars = [pick(UPPER), pick(LOWER), pick(DIGITS), pick(SYMBOLS)];
  while (chars.length < 16) chars.push(pick(ALL));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = crypto.randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}

/**
 * 管理端 【账号管理】 for operator accounts. Every read and change goes through the caller's
 * ManagedScope (policy.ts) in the repository, so an account outside it is "not found"
 * (404), never listed, never changed; acting on one's own account is refused.
 *
 * Seam for the 金融机构端 (next issue): institution accounts get a service of the same
 * shape over their own repository, with managedScopeOf / mayManage deciding which ones a
 * 部级 or 省级 operator sees; the 【账号管理】 page shows them as a second tab.
 */
export function createOperatorAccountService(deps: {
  operators: OperatorRepo;
  hasher: PasswordHasher;
  sessions: Pick<SessionStore, 'destroyAllFor'>;
  audit: AuditLog;
  clock: Clock;
  isUniqueViolation(error: unknown): boolean;
}) {
  const { operators, audit, clock } = deps;

  const operatorAudit = (scope: OperatorScope, action: string, target: Pick<OperatorTable, 'id' | 'username'>, ip: string, details: Record<string, unknown> = {}) =>
    audit.append({ actorType: 'operator', actorId: scope.operatorId, action, targetType: 'operator', targetId: target.id, ip, details: { username: target.username, ...details } });

  /** The account, if the caller may act on it; else 404 (outside its scope) or 403 (its own). */
  async function manageable(scope: OperatorScope, id: string): Promise<OperatorTable> {
    const target = await operators.byIdManaged(managedScopeOf(scope), id);
    if (!target) throw new AppError('NOT_FOUND');
    if (target.id === scope.operatorId) throw new AppError('OPERATOR_SELF');
    if (!mayManage(scope, target)) throw new AppError('NOT_FOUND');
    return target;
  }

  async function change(scope: OperatorScope, target: OperatorTable, changes: Partial<OperatorTable>) {
    if (!(await operators.updateManaged(managedScopeOf(scope), target.id, { ...changes, updated_at: clock.now().toISOString() }))) throw new AppError('NOT_FOUND');
  }

  /** Ends the account's console sessions: a disabled account or a reset 动态口令 takes effect at once. */
  const endSessions = (id: string) => deps.sessions.destroyAllFor(id, { realms: ['admin'] });

  return {
    async list(scope: OperatorScope, query: { role?: OperatorRole; status?: OperatorStatus; keyword?: string; page: number; pageSize: number }) {
      const { rows, total } = await operators.listManaged(managedScopeOf(scope), {
        role: query.role,
        status: query.status,
        keyword: query.keyword || undefined,
        limit: query.pageSize,
        offset: (query.page - 1) * query.pageSize,
      });
      return {
        total,
        items: rows.map((r) => ({
          id: r.id,
          username: r.username,
          displayName: r.display_name,
          role: r.role,
          regionCode: r.region_code,
          status: r.status,
          totpEnrolled: r.totp_enrolled === 1,
          isAuditor: r.is_auditor === 1,
          createdAt: r.created_at,
          manageable: mayManage(scope, r),
          self: r.id === scope.operatorId,
        })),
        creatableRoles: [...creatableRoles(scope)],
        regionCode: scope.regionCode,
        canSetAuditor: maySetAuditor(scope),
      };
    },

    /** A new account with an initial password that the answer carries once (only its hash is kept). */
    async create(scope: OperatorScope, input: { username: string; displayName: string; role: OperatorRole; regionCode: string; isAuditor: boolean }, ip: string) {
      managedScopeOf(scope);
      if (!isOperatorRegion(input.role, input.regionCode)) throw new AppError('VALIDATION_FAILED', { regionCode: '请选择地区' });
      if (!mayCreate(scope, input.role, input.regionCode)) throw new AppError('FORBIDDEN');
      if (input.isAuditor && !maySetAuditor(scope)) throw new AppError('FORBIDDEN');
      const password = initialPassword();
      const at = clock.now().toISOString();
      const row: OperatorTable = {
        id: crypto.randomUUID(),
        username: input.username,
        display_name: input.displayName,
        password_hash: await deps.hasher.hash(password),
        role: input.role,
        region_code: input.regionCode,
        totp_secret_enc: null,
        totp_enrolled: 0,
        last_totp_step: 0,
        status: 'active',
        is_auditor: input.isAuditor ? 1 : 0,
        created_by: scope.operatorId,
        created_at: at,
        updated_at: at,
      };
      try {
        await operators.insert(row);
      } catch (error) {
        if (deps.isUniqueViolation(error)) throw new AppError('OPERATOR_USERNAME_TAKEN', { username: '账号已存在' });
        throw error;
      }
      await operatorAudit(scope, 'operator.create', row, ip, { role: row.role, region: row.region_code, isAuditor: input.isAuditor });
      return { id: row.id, username: row.username, initialPassword: password };
    },

    async setStatus(scope: OperatorScope, id: string, status: OperatorStatus, ip: string) {
      const target = await manageable(scope, id);
      if (target.status !== status) await change(scope, target, { status });
      if (status === 'disabled') await endSessions(target.id);
      await operatorAudit(scope, status === 'disabled' ? 'operator.disable' : 'operator.enable', target, ip);
    },

    /** 【重置动态口令】: the next login enrols a new authenticator (production) or needs none (development). */
    async resetTotp(scope: OperatorScope, id: string, ip: string) {
      const target = await manageable(scope, id);
      await change(scope, target, { totp_secret_enc: null, totp_enrolled: 0 });
      await endSessions(target.id);
      await operatorAudit(scope, 'operator.reset_totp', target, ip);
    },

    async setAuditor(scope: OperatorScope, id: string, isAuditor: boolean, ip: string) {
      if (!maySetAuditor(scope)) throw new AppError('FORBIDDEN');
      const target = await manageable(scope, id);
      if (isAuditor && target.role !== 'ministry') throw new AppError('VALIDATION_FAILED', { isAuditor: '只有部级账号可以设为审计员' });
      await change(scope, target, { is_auditor: isAuditor ? 1 : 0 });
      await operatorAudit(scope, 'operator.set_auditor', target, ip, { isAuditor });
    },
  };
}

export type OperatorAccountService = ReturnType<typeof createOperatorAccountService>;
