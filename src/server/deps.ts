import path from 'node:path';
import type { AppConfig } from './config.js';
import { systemClock, type Clock } from './clock.js';
import { openDatabase, type Db } from './db/index.js';
import { Outbox } from './adapters/outbox.js';
import { outboxSmsSender, type SmsSender } from './adapters/sms.js';
import { outboxMailSender, type MailSender } from './adapters/mail.js';
import { smtpMailSender } from './adapters/smtp-mail.js';
import { httpSmsSender } from './adapters/http-sms.js';
import { svgCaptchaGenerator, type CaptchaGenerator } from './adapters/captcha.js';
import { localFileStorage, type FileStorage } from './adapters/file-storage.js';
import { localEnterpriseRegistry, type EnterpriseRegistry } from './adapters/enterprise-registry.js';
import { devPersonRegistry, type PersonRegistry } from './adapters/person-registry.js';
import { loadSecrets, type Secrets } from './security/secrets.js';
import { createPiiCrypto, type PiiCrypto } from './security/pii-crypto.js';
import { withDecryptCache } from './security/pii-cache.js';
import { createStateStore } from './security/state-store-factory.js';
import type { StateStore } from './security/state-store.js';
import { createPasswordHasher, type PasswordHasher } from './security/password-hasher.js';
import { createSessionStore, type SessionStore } from './security/sessions.js';
import { createCaptchaService, type CaptchaService } from './security/captcha-service.js';
import { createRateLimiter, type RateLimiter } from './security/rate-limiter.js';
import { createVerificationService, type VerificationService } from './security/verification.js';
import { createAuditLog, type AuditLog } from './security/audit.js';
import { createMetrics, type Metrics } from './metrics/metrics.js';

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
  store: StateStore;
  hasher: PasswordHasher;
  sessions: SessionStore;
  captchaService: CaptchaService;
  rateLimiter: RateLimiter;
  verification: VerificationService;
  audit: AuditLog;
  /** Prometheus metrics; jobs report progress here (`metrics.jobProgress.set({ kind }, ratio)`). */
  metrics: Metrics;
  /** Releases what the deps hold open (worker threads, Redis, the database). */
  close(): Promise<void>;
}

export function createDeps(config: AppConfig, overrides: { clock?: Clock; db?: Db; hasher?: PasswordHasher } = {}): AppDeps {
  const clock = overrides.clock ?? systemClock;
  const db = overrides.db ?? openDatabase(config.databaseUrl);
  const secrets = loadSecrets({ appEnv: config.appEnv, dataDir: config.dataDir, secretKeyFile: config.secretKeyFile });
  const pii = withDecryptCache(createPiiCrypto(secrets));
  // The outbox exists only outside production (assertProductionSafe refuses it there).
  const outbox = config.appEnv === 'production' ? null : new Outbox(config.dataDir, clock);
  const sms = config.smsAdapter === 'http' ? httpSmsSender(config.smsGatewayUrl!, config.smsGatewayToken!) : outboxSmsSender(outbox!);
  const smtp = config.mailAdapter === 'smtp' ? smtpMailSender(config.smtpUrl!, config.mailFrom) : null;
  const mail = smtp ?? outboxMailSender(outbox!);
  const captcha = svgCaptchaGenerator();
  const store = createStateStore({ redisUrl: config.redisUrl, db, clock, keyPrefix: config.redisKeyPrefix });
  const hasher = overrides.hasher ?? createPasswordHasher(config.argon2Workers);
  const captchaService = createCaptchaService(captcha, store, config.limits.captchaTtlSeconds);
  const rateLimiter = createRateLimiter(store);
  return {
    config,
    clock,
    db,
    secrets,
    pii,
    outbox,
    sms,
    mail,
    captcha,
    files: localFileStorage(path.join(config.dataDir, 'uploads'), pii),
    enterpriseRegistry: localEnterpriseRegistry(db, pii),
    personRegistry: devPersonRegistry(clock),
    store,
    hasher,
    sessions: createSessionStore(db, clock, config.limits),
    captchaService,
    rateLimiter,
    verification: createVerificationService({ db, clock, limits: config.limits, pii, sms, mail, captcha: captchaService, rateLimiter }),
    audit: createAuditLog(db, clock),
    metrics: createMetrics({
      pool: () => db.poolStats?.() ?? null,
      hasher: () => hasher.stats?.() ?? null,
      dialect: db.dialect,
      multiProcess: Boolean(config.redisUrl),
    }),
    async close() {
      if (!overrides.hasher) await hasher.close();
      smtp?.close();
      await store.close();
      await db.close();
    },
  };
}
