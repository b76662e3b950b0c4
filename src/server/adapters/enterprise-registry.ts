import type { Db } from '../db/index.js';
import type { PiiCrypto } from '../security/pii-crypto.js';

export interface EnterpriseClaim {
  name: string;
  uscc: string;
  legalRepName: string;
  legalRepIdNumber: string;
}

export interface RegistryEnterprise {
  uscc: string;
  name: string;
  legalRepName: string;
  divisionCode: string;
  industryCode: string;
  establishedOn: string;
  registeredCapital: string;
  address: string;
}

/** The market-regulation registry, the real-name source for enterprises. */
export interface EnterpriseRegistry {
  /** True only when name, USCC, legal representative and ID number belong together. */
  verify(claim: EnterpriseClaim): Promise<boolean>;
  find(uscc: string): Promise<RegistryEnterprise | null>;
  /** Name and 住所 division code of many enterprises at once (imports); unknown USCCs are absent. */
  namesOf(usccs: readonly string[]): Promise<Map<string, { name: string; divisionCode: string }>>;
}

/** Development stand-in: a local table seeded with demo enterprises (names and ID numbers encrypted). */
export function localEnterpriseRegistry(db: Db, pii: Pick<PiiCrypto, 'decrypt' | 'lookupHash'>): EnterpriseRegistry {
  return {
    async verify(claim) {
      const row = await db.kysely
        .selectFrom('enterprise_registry')
        .select(['name', 'legal_rep_name_hash', 'legal_rep_id_hash'])
        .where('uscc', '=', claim.uscc)
        .executeTakeFirst();
      return (
        row !== undefined &&
        row.name === claim.name &&
        row.legal_rep_name_hash === pii.lookupHash(claim.legalRepName, 'legal_rep_name') &&
        row.legal_rep_id_hash === pii.lookupHash(claim.legalRepIdNumber, 'id_number')
      );
    },
    async namesOf(usccs) {
      const found = new Map<string, { name: string; divisionCode: string }>();
      for (let i = 0; i < usccs.length; i += 1000) {
        const rows = await db.kysely
          .selectFrom('enterprise_registry')
          .select(['uscc', 'name', 'division_code'])
          .where('uscc', 'in', usccs.slice(i, i + 1000))
          .execute();
        for (const row of rows) found.set(row.uscc, { name: row.name, divisionCode: row.division_code });
      }
      return found;
    },
    async find(uscc) {
      const row = await db.kysely.selectFrom('enterprise_registry').selectAll().where('uscc', '=', uscc).executeTakeFirst();
      if (!row) return null;
      return {
        uscc: row.uscc,
        name: row.name,
        legalRepName: pii.decrypt(row.legal_rep_name_enc),
        divisionCode: row.division_code,
        industryCode: row.industry_code,
        establishedOn: row.established_on,
        registeredCapital: row.registered_capital,
        address: row.address,
      };
    },
  };
}
