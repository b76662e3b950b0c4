import path from 'node:path';
import type { AppConfig } from './config.js';
import { systemClock, type Clock } from './clock.js';
import { openDatabase, type Db } from './db/index.js';
import { Outbox } from './adapters/outbox.js';
import { outboxSmsSender, type SmsSender } from './adapters/sms.js';
import { outboxMailSender, type MailSender } from './adapters/mail.js';
import { svgCaptchaGenerator, type CaptchaGenerator } from './adapters/captcha.js';
import { localFileStorage, type FileStorage } from './adapters/file-storage.js';
import { localEnterpriseRegistry, type EnterpriseRegistry } from './adapters/enterprise-registry.js';
import { devPersonRegistry, type PersonRegistry } from './adapters/person-registry.js';
import { loadSecrets, type Secrets } from './security/secrets.js';
import { createPiiCrypto, type PiiCrypto } from './security/pii-crypto.js';

/** Everything the app needs from the outside world, built once from the config. */
export interface AppDeps {
  config: AppConfig;
  clock: Clock;
  db: Db;
  secrets: Secrets;
  pii: PiiCrypto;
  outbox: Outbox | null;
  sms: SmsSender;
  mail: MailSender;
  captcha: CaptchaGenerator;
  files: FileStorage;
  enterpriseRegistry: EnterpriseRegistry;
  personRegistry: PersonRegistry;
}

export function createDeps(config: AppConfig, overrides: { clock?: Clock; db?: Db } = {}): AppDeps {
  const clock = overrides.clock ?? systemClock;
  const db = overrides.db ?? openDatabase(config.databaseUrl);
  const secrets = loadSecrets({ appEnv: config.appEnv, dataDir: config.dataDir, secretKeyFile: config.secretKeyFile });
  const pii = createPiiCrypto(secrets);
  if (config.appEnv === 'production') {
    // assertProductionSafe() already refused the outbox; real gateways are configured here.
    throw new Error('No production SMS gateway adapter is configured in this build');
  }
  const outbox = new Outbox(config.dataDir, clock);
  return {
    config,
    clock,
    db,
    secrets,
    pii,
    outbox,
    sms: outboxSmsSender(outbox),
    mail: outboxMailSender(outbox),
    captcha: svgCaptchaGenerator(),
    files: localFileStorage(path.join(config.dataDir, 'uploads')),
    enterpriseRegistry: localEnterpriseRegistry(db, pii.lookupHash),
    personRegistry: devPersonRegistry(clock),
  };
}
