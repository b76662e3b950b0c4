import { sql } from 'kysely';
import type { Clock } from '../clock.js';
import { shanghaiDate } from '../clock.js';
import type { Db } from '../db/index.js';
import type { EnterpriseRegistry } from '../adapters/enterprise-registry.js';
import type { PiiCrypto } from '../security/pii-crypto.js';
import type { StateStore } from '../security/state-store.js';
import { fixedEnterprises } from '../seed/fixed-enterprises.js';
import type { PickedEnterprise, PickQualification } from '../../shared/schemas/dev.js';

/** Picks are remembered in the state store, so a restarted dev server does not hand one out twice. */
const PICK_MEMORY_MS = 365 * 86400_000;

/**
 * `GET /__dev/registry/pick` (spec README, "Development outbox"): one generated enterprise of
 * the registry stand-in that no account holds and no earlier pick returned. The fixed
 * enterprises belong to the demo accounts and the demo data and are never picked.
 *
 * Each qualification class keeps an atomic counter n; the n-th pick is the n-th candidate in
 * USCC order among those no account holds. Enterprises only ever leave that list (an account
 * verifies one), so every pick lies further along the USCC order than the one before it.
 */
export function createRegistryPicker(deps: { db: Db; pii: Pick<PiiCrypto, 'decrypt'>; store: StateStore; clock: Clock; registry: EnterpriseRegistry }) {
  const fixed = fixedEnterprises.map((e) => e.uscc);

  function candidates(qualification: PickQualification) {
    const today = shanghaiDate(deps.clock.now());
    const live = (type?: 'kjx') =>
      sql<boolean>`exists (select 1 from qualifications q where q.uscc = r.uscc and q.status = 'active' and q.valid_until >= ${today}${type ? sql` and q.type = ${type}` : sql``})`;
    let query = deps.db.kysely
      .selectFrom('enterprise_registry as r')
      .select(['r.uscc', 'r.legal_rep_id_enc'])
      .where('r.uscc', 'not in', fixed)
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('accounts as a').select('a.id').whereRef('a.verified_uscc', '=', 'r.uscc'))));
    if (qualification === 'none') {
      query = query.where(({ not, exists, selectFrom }) => not(exists(selectFrom('qualifications as q').select('q.id').whereRef('q.uscc', '=', 'r.uscc'))));
    } else if (qualification === 'valid') {
      query = query.where(live());
    } else {
      query = query
        .where(({ exists, selectFrom }) =>
          exists(selectFrom('qualifications as q').select('q.id').whereRef('q.uscc', '=', 'r.uscc').where('q.type', '=', 'kjx').where('q.valid_until', '<', today)),
        )
        .where(sql<boolean>`not ${live()}`);
    }
    return query.orderBy('r.uscc');
  }

  return {
    /** The next enterprise of the class, or null when none is left. */
    async pick(qualification: PickQualification): Promise<PickedEnterprise | null> {
      const n = await deps.store.increment(`dev:registry-pick:${qualification}`, PICK_MEMORY_MS);
      const row = await candidates(qualification)
        .limit(1)
        .offset(n - 1)
        .executeTakeFirst();
      if (!row) return null;
      const entry = await deps.registry.find(row.uscc);
      if (!entry) return null;
      return { name: entry.name, uscc: entry.uscc, legalRep: entry.legalRepName, legalRepIdNumber: deps.pii.decrypt(row.legal_rep_id_enc), qualification };
    },
  };
}

export type RegistryPicker = ReturnType<typeof createRegistryPicker>;
