import type { OperatorRole } from '../../db/schema.js';
import type { ManagedScope } from '../../db/repos/operators.js';
import { regionPattern, type OperatorScope } from '../../security/region-scope.js';
import { AppError } from '../../errors.js';

/**
 * Who manages which console accounts in 【账号管理】 (issue 16): a 部级 operator every account,
 * a 省级 operator the accounts below it in its province (市级 of its cities), a 市级 operator
 * none. The same rule — "below you, inside your region" — is meant for the 金融机构端
 * accounts that 部级 and 省级 operators will create (a second ManagedScope over their table).
 */
export interface ManagedTarget {
  id: string;
  role: OperatorRole;
  region_code: string;
}

/** The roles each role may create and manage. */
const ROLES_BELOW: Record<OperatorRole, readonly OperatorRole[]> = {
  ministry: ['ministry', 'province', 'city'],
  province: ['city'],
  city: [],
};

/** What the caller may see; 市级 (and any malformed scope) are refused outright. */
export function managedScopeOf(scope: OperatorScope): ManagedScope {
  if (scope.role === 'ministry') return { roles: null, regionPrefix: null };
  if (ROLES_BELOW[scope.role].length === 0) throw new AppError('FORBIDDEN');
  // Fails closed (FORBIDDEN) on a 省级 scope without a proper 2-digit region.
  regionPattern(scope);
  return { roles: ROLES_BELOW[scope.role], regionPrefix: scope.regionCode };
}

export const creatableRoles = (scope: OperatorScope): readonly OperatorRole[] => ROLES_BELOW[scope.role] ?? [];

/** Whether the caller may create an account of this role and region. */
export function mayCreate(scope: OperatorScope, role: OperatorRole, regionCode: string): boolean {
  if (!creatableRoles(scope).includes(role)) return false;
  return scope.role === 'ministry' || regionCode.startsWith(scope.regionCode);
}

/** Whether the caller may act on this account (never on its own: another operator does that). */
export function mayManage(scope: OperatorScope, target: ManagedTarget): boolean {
  if (target.id === scope.operatorId) return false;
  if (!creatableRoles(scope).includes(target.role)) return false;
  return scope.role === 'ministry' || target.region_code.startsWith(scope.regionCode);
}

/** Only 部级 operators mark 审计员 (who may open 【审计日志】). */
export const maySetAuditor = (scope: OperatorScope) => scope.role === 'ministry';
