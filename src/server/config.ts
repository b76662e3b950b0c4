import net from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import type { SiteInfo } from '../shared/schemas/site.js';

/** All limits live here so that routes never hard-code them (validators.md, quality.md). */
export interface Limits {
  smsPerMobilePerMinute: number;
  smsPerMobilePerHour: number;
  smsPerMobilePerDay: number;
  smsPerIpPerHour: number;
  smsGlobalPerMinute: number;
  codeTtlSeconds: number;
  codeMaxTries: number;
  captchaTtlSeconds: number;
  loginMaxFailures: number;
  lockoutMinutes: number;
  /**
   * Failed logins from one address (IPv6: one /64) within ipLockoutMinutes, across all
   * identifiers, after which that address waits ipLockoutMinutes. High enough that an office
   * behind one NAT does not lock itself out at normal rates.
   */
  ipLoginMaxFailures: number;
  ipLockoutMinutes: number;
  realnameDailyAttempts: number;
  accountsPerMobile: number;
  /** Minimum response time of enumeration-sensitive routes (登录, 忘记密码, 手机号修改). */
  enumerationFloorMs: number;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  /** Rate limit for every /api route per IP and minute (coarse flood protection). */
  apiRequestsPerIpPerMinute: number;
}

export type AppEnv = 'development' | 'test' | 'production';

export interface AppConfig {
  appEnv: AppEnv;
  port: number;
  host: string;
  publicUrl: string;
  dataDir: string;
  databaseUrl: string;
  redisUrl: string | undefined;
  /** Prefix of every key this deployment writes to Redis (several deployments can share one Redis). */
  redisKeyPrefix: string;
  /** argon2 worker threads of this process (ARGON2_WORKERS); default cores − 1, at least 1. */
  argon2Workers: number | undefined;
  secretKeyFile: string | undefined;
  oidcClientsFile: string | undefined;
  oidcSigningKeyFile: string | undefined;
  /** Addresses or CIDRs of reverse proxies whose X-Forwarded-* headers are believed; none by default. */
  trustedProxies: string[];
  /** Bearer token that lets a scraper read /metrics from anywhere (METRICS_TOKEN). */
  metricsToken: string | undefined;
  /**
   * Addresses or CIDRs whose direct (not proxied) requests may read /metrics without the token
   * (METRICS_ALLOW); undefined: 127.0.0.1 and ::1 when there is no token, nobody when there is.
   */
  metricsAllow: string[] | undefined;
  /**
   * The platform reaches the IdP's OIDC endpoints inside the process (app.inject) instead of
   * over the network; used by tests. Production deployments talk over HTTP.
   */
  oidcInProcess: boolean;
  /** SMS / mail adapters: 'outbox' only outside production. */
  smsAdapter: 'outbox' | 'http';
  smsGatewayUrl: string | undefined;
  smsGatewayToken: string | undefined;
  mailAdapter: 'outbox' | 'smtp';
  smtpUrl: string | undefined;
  mailFrom: string;
  bodyLimitBytes: number;
  webDistDir: string;
  limits: Limits;
  site: SiteInfo;
  logLevel: string;
}

export const defaultLimits: Limits = {
  smsPerMobilePerMinute: 1,
  smsPerMobilePerHour: 5,
  smsPerMobilePerDay: 10,
  smsPerIpPerHour: 20,
  smsGlobalPerMinute: 600,
  codeTtlSeconds: 300,
  codeMaxTries: 5,
  captchaTtlSeconds: 300,
  loginMaxFailures: 5,
  lockoutMinutes: 30,
  ipLoginMaxFailures: 100,
  ipLockoutMinutes: 15,
  realnameDailyAttempts: 5,
  accountsPerMobile: 5,
  enumerationFloorMs: 400,
  sessionIdleMinutes: 30,
  sessionAbsoluteHours: 12,
  apiRequestsPerIpPerMinute: 600,
};

/**
 * Differences under APP_ENV=test (documented in the README): one browser-test server
 * serves every e2e test from 127.0.0.1, so the per-IP figures are raised, and the
 * enumeration floor is small so the suite stays fast. Per-mobile limits are unchanged here;
 * the e2e server raises the per-minute one through LIMITS_JSON (e2e/global-setup.ts).
 */
const testLimitOverrides: Partial<Limits> = {
  smsPerIpPerHour: 10_000,
  apiRequestsPerIpPerMinute: 100_000,
  enumerationFloorMs: 20,
};

const envSchema = z.object({
  APP_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  PUBLIC_URL: z.string().url().optional(),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().optional(),
  REDIS_URL: z.string().optional(),
  ARGON2_WORKERS: z.coerce.number().int().min(1).max(64).optional(),
  REDIS_KEY_PREFIX: z.string().regex(/^[A-Za-z0-9_:.-]{1,64}$/, 'REDIS_KEY_PREFIX: letters, digits, _ : . - (at most 64)').optional(),
  SECRET_KEY_FILE: z.string().optional(),
  OIDC_CLIENTS_FILE: z.string().optional(),
  OIDC_SIGNING_KEY_FILE: z.string().optional(),
  OIDC_IN_PROCESS: z.enum(['true', 'false']).optional(),
  TRUSTED_PROXIES: z.string().optional(),
  METRICS_TOKEN: z.string().min(16, 'METRICS_TOKEN needs at least 16 characters').optional(),
  METRICS_ALLOW: z.string().optional(),
  SMS_ADAPTER: z.enum(['outbox', 'http']).default('outbox'),
  SMS_GATEWAY_URL: z.string().url().optional(),
  SMS_GATEWAY_TOKEN: z.string().optional(),
  MAIL_ADAPTER: z.enum(['outbox', 'smtp']).default('outbox'),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().optional(),
  LOG_LEVEL: z.string().optional(),
  SITE_ICP: z.string().optional(),
  SITE_PSB: z.string().optional(),
  SITE_CODE: z.string().optional(),
  SITE_SPONSOR: z.string().optional(),
  SITE_TECH_SUPPORT: z.string().optional(),
  LIMITS_JSON: z.string().optional(),
  /** The built browser apps (default dist/web); the e2e server serves a snapshot so a rebuild cannot pull its assets away. */
  WEB_DIST_DIR: z.string().optional(),
});

class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(`Invalid environment: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  const limits: Limits = {
    ...defaultLimits,
    ...(e.APP_ENV === 'test' ? testLimitOverrides : {}),
    ...(e.LIMITS_JSON ? (JSON.parse(e.LIMITS_JSON) as Partial<Limits>) : {}),
  };
  const config: AppConfig = {
    appEnv: e.APP_ENV,
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    dataDir,
    databaseUrl: e.DATABASE_URL ?? `sqlite:${path.join(dataDir, 'app.db')}`,
    redisUrl: e.REDIS_URL,
    redisKeyPrefix: e.REDIS_KEY_PREFIX ?? 'tidu:state:',
    argon2Workers: e.ARGON2_WORKERS,
    secretKeyFile: e.SECRET_KEY_FILE,
    oidcClientsFile: e.OIDC_CLIENTS_FILE,
    oidcSigningKeyFile: e.OIDC_SIGNING_KEY_FILE,
    trustedProxies: parseTrustedProxies(e.TRUSTED_PROXIES),
    metricsToken: e.METRICS_TOKEN,
    metricsAllow: e.METRICS_ALLOW === undefined ? undefined : parseAddressList(e.METRICS_ALLOW, 'METRICS_ALLOW'),
    oidcInProcess: e.OIDC_IN_PROCESS === 'true',
    smsAdapter: e.SMS_ADAPTER,
    smsGatewayUrl: e.SMS_GATEWAY_URL,
    smsGatewayToken: e.SMS_GATEWAY_TOKEN,
    mailAdapter: e.MAIL_ADAPTER,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM ?? '梯度培育平台 <noreply@example.gov.cn>',
    bodyLimitBytes: 1024 * 1024,
    webDistDir: path.resolve(e.WEB_DIST_DIR ?? 'dist/web'),
    limits,
    logLevel: e.LOG_LEVEL ?? (e.APP_ENV === 'test' ? 'warn' : 'info'),
    site: {
      siteName: '优质中小企业梯度培育平台',
      sponsor: e.SITE_SPONSOR ?? '中华人民共和国工业和信息化部',
      techSupport: e.SITE_TECH_SUPPORT ?? '梯度培育平台开源项目组',
      siteCode: e.SITE_CODE ?? 'bm07000001',
      icp: e.SITE_ICP ?? '京ICP备00000000号',
      psb: e.SITE_PSB ?? '京公网安备00000000000000号',
      contactPhone: '12381',
      contactEmail: 'service@example.gov.cn',
    },
  };
  assertProductionSafe(config);
  return config;
}

/** TRUSTED_PROXIES: comma-separated IPv4/IPv6 addresses or CIDRs; anything else stops the start. */
function parseTrustedProxies(value: string | undefined): string[] {
  return parseAddressList(value, 'TRUSTED_PROXIES');
}

/** Comma-separated IPv4/IPv6 addresses or CIDRs; anything else stops the start. */
function parseAddressList(value: string | undefined, variable: string): string[] {
  const entries = (value ?? '').split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  for (const entry of entries) {
    const [address, bits, ...rest] = entry.split('/');
    const version = net.isIP(address);
    const maxBits = version === 6 ? 128 : 32;
    const bitsOk = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= maxBits);
    if (version === 0 || !bitsOk || rest.length > 0) {
      throw new ConfigError(`${variable}: "${entry}" is not an IP address or CIDR`);
    }
  }
  return entries;
}

/** The server refuses to start in production with dev adapters or without secrets. */
export function assertProductionSafe(config: AppConfig): void {
  if (config.appEnv !== 'production') return;
  if (config.smsAdapter === 'outbox' || config.mailAdapter === 'outbox') {
    throw new ConfigError('APP_ENV=production refuses the development outbox adapters: configure real SMS and mail adapters');
  }
  if (!config.secretKeyFile) {
    throw new ConfigError('SECRET_KEY_FILE is required in production');
  }
  if (config.smsAdapter === 'http' && (!config.smsGatewayUrl || !config.smsGatewayToken)) {
    throw new ConfigError('SMS_ADAPTER=http needs SMS_GATEWAY_URL and SMS_GATEWAY_TOKEN');
  }
  if (config.mailAdapter === 'smtp' && !config.smtpUrl) {
    throw new ConfigError('MAIL_ADAPTER=smtp needs SMTP_URL');
  }
  // Every OIDC URL, redirect and Secure / __Host- cookie follows PUBLIC_URL.
  if (!config.publicUrl.startsWith('https://')) {
    throw new ConfigError(`APP_ENV=production needs an https PUBLIC_URL (the address people use), got ${config.publicUrl}`);
  }
}
