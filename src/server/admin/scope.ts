import type { OperatorRole } from '../db/schema.js';

/** What an operator may see: 部级 everything, 省级 and 市级 their division-code prefix. */
export interface OperatorScope {
  operatorId: string;
  role: OperatorRole;
  regionCode: string;
}

export function inScope(scope: OperatorScope, divisionCode: string): boolean {
  return scope.role === 'ministry' || divisionCode.startsWith(scope.regionCode);
}

/** The LIKE pattern for a region column, or null for 部级 (no restriction). */
export function regionPrefix(scope: OperatorScope): string | null {
  return scope.role === 'ministry' ? null : `${scope.regionCode}%`;
}
