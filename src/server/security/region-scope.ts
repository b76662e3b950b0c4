import type { OperatorRole } from '../db/schema.js';
import { AppError } from '../errors.js';

/**
 * What an operator (管理端, later 金融机构端) may see: 部级 everything, 省级 and 市级 the
 * division codes under their region. Enforced in the data layer with `regionPattern`.
 */
export interface OperatorScope {
  operatorId: string;
  role: OperatorRole;
  /** '' for 部级; 2 digits (省级) or 4 digits (市级). */
  regionCode: string;
}

const REGION_OF_ROLE: Record<Exclude<OperatorRole, 'ministry'>, RegExp> = { province: /^\d{2}$/, city: /^\d{4}$/ };

/**
 * The LIKE pattern for a division-code column, or null for 部级 (no restriction). A 省级 or
 * 市级 scope without a proper region fails closed instead of matching everything ('%').
 */
export function regionPattern(scope: OperatorScope): string | null {
  if (scope.role === 'ministry') return null;
  if (!REGION_OF_ROLE[scope.role]?.test(scope.regionCode)) throw new AppError('FORBIDDEN');
  return `${scope.regionCode}%`;
}
