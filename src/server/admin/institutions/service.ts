import type { Clock } from '../../clock.js';
import type { AuditLog } from '../../security/audit.js';
import type { PasswordHasher } from '../../security/password-hasher.js';
import type { OperatorScope } from '../../security/region-scope.js';
import type { InstitutionRepo } from '../../db/repos/institutions.js';
import { AppError } from '../../errors.js';
import { initialPassword } from '../operators/service.js';
import type { InstitutionCreateInput, InstitutionList } from '../../../shared/schemas/admin-institutions.js';

/**
 * 【账号管理】 → 金融机构账号: 部级 operators manage every institution, 省级 operators those whose
 * regions all lie in their province (and create them only there), 市级 none (flows.md: accounts
 * are created by 部级 or 省级 operators).
 */
export function createInstitutionAccountService(deps: { repo: InstitutionRepo; hasher: PasswordHasher; audit: AuditLog; clock: Clock; isUniqueViolation(error: unknown): boolean }) {
  const { repo, audit, clock } = deps;

  function prefixOf(scope: OperatorScope): string | null {
    if (scope.role === 'ministry') return null;
    if (scope.role === 'province' && /^\d{2}$/.test(scope.regionCode)) return scope.regionCode;
    throw new AppError('FORBIDDEN');
  }

  return {
    async list(scope: OperatorScope): Promise<InstitutionList> {
      const rows = await repo.listInstitutions(prefixOf(scope));
      return {
        items: rows.map((i) => ({
          id: i.id,
          name: i.name,
          status: i.status,
          regions: i.regions,
          users: i.users.map((u) => ({ id: u.id, username: u.username, displayName: u.display_name, status: u.status, totpEnrolled: u.totp_enrolled === 1 })),
          createdAt: i.created_at,
        })),
      };
    },

    async create(scope: OperatorScope, input: Required<InstitutionCreateInput>, ip: string) {
      const prefix = prefixOf(scope);
      if (prefix !== null && !input.regions.every((code) => code.startsWith(prefix))) throw new AppError('VALIDATION_FAILED', { regions: '只能选择本省（区、市）内的地区' });
      const password = initialPassword();
      const at = clock.now().toISOString();
      let created: { id: string; userId: string };
      try {
        created = await repo.createInstitution({
          name: input.name,
          regions: input.regions,
          user: { username: input.username, display_name: input.displayName, password_hash: await deps.hasher.hash(password), totp_secret_enc: null, totp_enrolled: 0, last_totp_step: 0, status: 'active', created_at: at, updated_at: at, created_by: scope.operatorId },
          by: scope.operatorId,
          at,
        });
      } catch (error) {
        if (deps.isUniqueViolation(error)) throw new AppError('VALIDATION_FAILED', { username: '账号或机构名称已存在' });
        throw error;
      }
      await audit.append({ actorType: 'operator', actorId: scope.operatorId, action: 'institution.create', targetType: 'institution', targetId: created.id, ip, details: { name: input.name, regions: input.regions, username: input.username } });
      return { id: created.id, username: input.username, initialPassword: password };
    },
  };
}

export type InstitutionAccountService = ReturnType<typeof createInstitutionAccountService>;
