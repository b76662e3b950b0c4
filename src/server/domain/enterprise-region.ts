import type { Db } from '../db/index.js';
import { usccDivisionCode } from '../../shared/validators/index.js';

/**
 * The enterprise's region for every operator and institution scope: the registry's 住所
 * division code, else the USCC's (chars 3–8) — never the 注册地址 the enterprise types in
 * 企业信息 (flows.md 管理端).
 */
export async function regionOfEnterprise(db: Db, uscc: string): Promise<string> {
  const row = await db.kysely.selectFrom('enterprise_registry').select('division_code').where('uscc', '=', uscc).executeTakeFirst();
  return row?.division_code || usccDivisionCode(uscc);
}
