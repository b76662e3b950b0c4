import { Migrator, type Migration } from 'kysely';
import type { Db } from './index.js';
import type { PiiCrypto } from '../security/pii-crypto.js';
import * as m0001 from './migrations/0001_core.js';
import * as m0002 from './migrations/0002_accounts.js';
import * as m0003 from './migrations/0003_review_requests.js';
import * as m0004 from './migrations/0004_oidc.js';
import * as m0005 from './migrations/0005_operators.js';
import * as m0006 from './migrations/0006_review_routing_totp_step.js';
import { personNamesEncrypted, purgeClearNames } from './migrations/0007_person_names_encrypted.js';
import * as m0008 from './migrations/0008_enterprise_profiles.js';
import * as m0009 from './migrations/0009_financing.js';
import * as m0010 from './migrations/0010_scoring.js';
import * as m0011 from './migrations/0011_jobs_qualification_region.js';
import * as m0012 from './migrations/0012_admin_console.js';
import * as m0013 from './migrations/0013_institutions.js';
import * as m0014 from './migrations/0014_registration_facets.js';

/**
 * The one migration set; each runs on SQLite and PostgreSQL. Append, never edit. Migrations
 * that encrypt stored data get the PII keys (`pii` is null only to read the names).
 */
export const migrationSet = (pii: PiiCrypto | null): Record<string, Migration> => ({
  '0001_core': m0001,
  '0002_accounts': m0002,
  '0003_review_requests': m0003,
  '0004_oidc': m0004,
  '0005_operators': m0005,
  '0006_review_routing_totp_step': m0006,
  '0007_person_names_encrypted': personNamesEncrypted(pii),
  '0008_enterprise_profiles': m0008,
  '0009_financing': m0009,
  '0010_scoring': m0010,
  '0011_jobs_qualification_region': m0011,
  '0012_admin_console': m0012,
  '0013_institutions': m0013,
  '0014_registration_facets': m0014,
});

export async function migrateToLatest(db: Db, pii: PiiCrypto): Promise<void> {
  const migrator = new Migrator({ db: db.kysely, provider: { getMigrations: async () => migrationSet(pii) } });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${String((error as Error)?.message ?? error)}`);
  }
  // Outside any transaction (VACUUM cannot run in one).
  if (results?.some((r) => r.migrationName === '0007_person_names_encrypted')) await purgeClearNames(db.kysely);
}

/** True when every known migration has been applied (used by /readyz). */
export async function migrationsApplied(db: Db): Promise<boolean> {
  const migrator = new Migrator({ db: db.kysely, provider: { getMigrations: async () => migrationSet(null) } });
  const list = await migrator.getMigrations();
  return list.every((m) => m.executedAt !== undefined);
}
