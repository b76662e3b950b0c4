import type { Db } from '../db/index.js';

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
}

/** Development stand-in: a local table seeded with demo enterprises. */
export function localEnterpriseRegistry(db: Db, lookupHash: (value: string, purpose: string) => string): EnterpriseRegistry {
  return {
    async verify(claim) {
      const row = await db.kysely
        .selectFrom('enterprise_registry')
        .select(['name', 'legal_rep_name', 'legal_rep_id_hash'])
        .where('uscc', '=', claim.uscc)
        .executeTakeFirst();
      return (
        row !== undefined &&
        row.name === claim.name &&
        row.legal_rep_name === claim.legalRepName &&
        row.legal_rep_id_hash === lookupHash(claim.legalRepIdNumber, 'id_number')
      );
    },
    async find(uscc) {
      const row = await db.kysely.selectFrom('enterprise_registry').selectAll().where('uscc', '=', uscc).executeTakeFirst();
      if (!row) return null;
      return {
        uscc: row.uscc,
        name: row.name,
        legalRepName: row.legal_rep_name,
        divisionCode: row.division_code,
        industryCode: row.industry_code,
        establishedOn: row.established_on,
        registeredCapital: row.registered_capital,
        address: row.address,
      };
    },
  };
}
