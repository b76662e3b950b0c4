import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, inject, onTestFailed } from 'vitest';

const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const SCREENSHOT_DIR = path.resolve('test-results/screenshots');

/** One Chromium per test file; each test gets a fresh context (cookies) and page. */
export function useBrowser() {
  let browser: Browser;
  const state: { baseUrl: string; browser: () => Browser } = { baseUrl: inject('baseUrl'), browser: () => browser };
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_FLAGS, headless: true });
  });
  afterAll(async () => browser?.close());
  return state;
}

/** A page at 1366×768 (or the given viewport) that saves a screenshot when its test fails. */
export async function openPage(browser: Browser, options: { viewport?: { width: number; height: number } } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1366, height: 768 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    // The pages honour prefers-reduced-motion (no zooming dialogs): nothing is clicked while it moves.
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  const openedAt = Date.now();
  onTestFailed(async ({ task }) => {
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const name = task.name.replace(/[^\w\u4e00-\u9fa5-]+/g, '_').slice(0, 80);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true }).catch(() => undefined);
    if (problems.length) console.error(`browser problems in "${task.name}":\n${problems.join('\n')}`);
    const server = serverTrouble(openedAt);
    if (server.length) console.error(`server during "${task.name}" (slow, failed or unanswered requests, warnings):\n${server.join('\n')}`);
  });
  (page as Page & { problems: string[] }).problems = problems;
  return { context, page };
}

/**
 * What the server log says since `since`: requests that took over a second, answered 5xx or
 * were never answered, and every warning or error. A button that stays "loading 登录" is a
 * request the server has not answered.
 */
function serverTrouble(since: number): string[] {
  const file = inject('serverLog');
  if (!file || !fs.existsSync(file)) return [];
  const open = new Map<string, string>();
  const out: string[] = [];
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    let entry: { time?: number; level?: number; msg?: string; reqId?: string; req?: { method: string; url: string }; res?: { statusCode: number }; responseTime?: number; err?: { message?: string } };
    try {
      entry = JSON.parse(line);
    } catch {
      continue;
    }
    if (!entry.time || entry.time < since) continue;
    const at = new Date(entry.time).toISOString().slice(11, 23);
    if (entry.msg === 'incoming request' && entry.reqId && entry.req) open.set(entry.reqId, `${entry.req.method} ${entry.req.url.split('?')[0]}`);
    else if (entry.msg === 'request completed' && entry.reqId) {
      const request = open.get(entry.reqId) ?? '?';
      open.delete(entry.reqId);
      if ((entry.responseTime ?? 0) > 1000 || (entry.res?.statusCode ?? 0) >= 500) out.push(`${at} ${request} → ${entry.res?.statusCode} in ${Math.round(entry.responseTime ?? 0)} ms`);
    } else if ((entry.level ?? 0) >= 40) out.push(`${at} ${entry.msg ?? ''} ${entry.err?.message ?? ''}`.trim());
  }
  for (const request of open.values()) out.push(`unanswered: ${request}`);
  return out;
}

/** Errors the page reported (uncaught exceptions, console errors such as CSP violations). */
export const pageProblems = (page: Page) => (page as Page & { problems: string[] }).problems;

async function devCaptcha(baseUrl: string): Promise<string> {
  const res = await fetch(`${baseUrl}/__dev/captcha/latest`);
  return ((await res.json()) as { answer: string }).answer;
}

export async function devLatestCode(baseUrl: string, to: string): Promise<string> {
  const res = await fetch(`${baseUrl}/__dev/outbox?to=${encodeURIComponent(to)}`);
  const messages = (await res.json()) as { code: string | null }[];
  const withCode = messages.find((m) => m.code);
  if (!withCode?.code) throw new Error(`no code in the outbox for ${to}`);
  return withCode.code;
}

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Until no finite CSS animation or transition runs (a toast fading in, a button changing
 * colour): axe measures colours as they are, and half-way through a fade they are pale. Endless
 * ones (spinners) are left alone.
 */
async function animationsSettled(page: Page): Promise<void> {
  await page.evaluate(`(async () => {
    for (let round = 0; round < 20; round += 1) {
      const running = document.getAnimations().filter((a) => a.playState === 'running' && a.effect && a.effect.getComputedTiming().endTime !== Infinity);
      if (running.length === 0) return;
      await Promise.all(running.map((a) => a.finished.catch(() => undefined)));
    }
  })()`);
}

/** Serious and critical axe-core findings on the page as it is now (quality.md). */
export async function axeProblems(page: Page): Promise<string[]> {
  await animationsSettled(page);
  await page.evaluate(axeSource);
  return page.evaluate<string[]>(`(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join(', '));
  })()`);
}

/** Uncaught errors and CSP violations (4xx answers the page expects are left out). */
export const realProblems = (page: Page) => pageProblems(page).filter((p) => !/Failed to load resource/.test(p));

export const horizontalOverflow = (page: Page) => page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');

/**
 * The answer to the captcha on the page, once it shows an image other than `notId` (the
 * server-wide newest captcha is the one the page shows: the image appears only after the
 * server issued it, and a test drives one page at a time).
 */
export async function captchaAnswer(page: Page, notId?: string | null): Promise<{ id: string; answer: string }> {
  const image = page.locator(notId ? `img[data-captcha-id]:not([data-captcha-id="${notId}"])` : 'img[data-captcha-id]');
  await image.waitFor();
  const id = (await image.getAttribute('data-captcha-id'))!;
  return { id, answer: await devCaptcha(inject('baseUrl')) };
}

type Qualification = 'none' | 'valid' | 'kjx-expired';

/** An enterprise of the registry stand-in that no account holds and no other test gets (spec README). */
export interface Enterprise {
  name: string;
  uscc: string;
  legalRep: string;
  legalRepIdNumber: string;
  qualification: Qualification;
}

export async function pickEnterprise(qualification: Qualification = 'none'): Promise<Enterprise> {
  const res = await fetch(`${inject('baseUrl')}/__dev/registry/pick?qualification=${qualification}`);
  if (!res.ok) throw new Error(`GET /__dev/registry/pick → ${res.status} ${await res.text()}`);
  return (await res.json()) as Enterprise;
}

const runStamp = Date.now();
let userSerial = 0;

export interface NewUser {
  loginName: string;
  mobile: string;
  password: string;
}

/**
 * A 登录名 and a 手机号 no other test uses (each file is loaded at another millisecond; the
 * serial tells the users of one file apart).
 */
export function newUser(prefix = 'e2e'): NewUser {
  userSerial += 1;
  return {
    loginName: `${prefix}_${runStamp.toString(36)}_${userSerial}`,
    mobile: `16${String(runStamp % 1e6).padStart(6, '0')}${String(userSerial).padStart(3, '0')}`,
    password: 'Abcd@2025x',
  };
}

/** Node fetch with a cookie jar and the CSRF token, as a browser sends them. */
export class ApiClient {
  private readonly cookies = new Map<string, string>();
  private csrf: string | null = null;

  constructor(private readonly baseUrl: string = inject('baseUrl')) {}

  async request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Response> {
    if (method !== 'GET' && this.csrf === null) {
      // Also sets the cookie the token belongs to.
      this.csrf = ((await (await this.request('GET', '/api/csrf')).json()) as { token: string }).token;
    }
    const headers: Record<string, string> = { accept: 'application/json', cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ') };
    if (method !== 'GET') headers['x-csrf-token'] = this.csrf!;
    let payload: FormData | string | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      payload = JSON.stringify(body);
      headers['content-type'] = 'application/json';
    }
    const res = await fetch(`${this.baseUrl}${path}`, { method, headers, body: payload });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const at = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, at).trim(), pair!.slice(at + 1));
    }
    return res;
  }

  async json<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const res = await this.request(method, path, body);
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
    return JSON.parse(text) as T;
  }

  /** The cookies the server set (the session among them), for a browser to carry on. */
  cookieList(): { name: string; value: string }[] {
    return [...this.cookies].map(([name, value]) => ({ name, value }));
  }

  /** A new captcha and its answer. */
  async captcha() {
    const { captchaId } = await this.json<{ captchaId: string }>('GET', '/api/captcha');
    return { captchaId, captchaAnswer: await devCaptcha(this.baseUrl) };
  }
}

/**
 * 注册 through the API, as the page does it: a test that changes an account (password,
 * mobile, e-mail) makes its own instead of changing a demo account. With an enterprise, the
 * account is also verified as its 法人 (实名认证); with an e-mail, that e-mail is bound. The
 * client stays logged in.
 */
export async function createAccount(options: { enterprise?: Enterprise; email?: string; prefix?: string } = {}): Promise<NewUser & { client: ApiClient }> {
  const baseUrl = inject('baseUrl');
  const user = newUser(options.prefix);
  const client = new ApiClient(baseUrl);
  await client.json('POST', '/api/uc/register/sms-code', { mobile: user.mobile, ...(await client.captcha()) });
  const smsCode = await devLatestCode(baseUrl, user.mobile);
  await client.json('POST', '/api/uc/register', { ...user, smsCode, confirmPassword: user.password, agree: true });
  if (options.enterprise) {
    const e = options.enterprise;
    await client.json('POST', '/api/uc/realname/legal', { enterpriseName: e.name, uscc: e.uscc, legalRepName: e.legalRep, idType: 'resident_id', idNumber: e.legalRepIdNumber });
  }
  if (options.email) {
    await client.json('POST', '/api/uc/account/email/code', { email: options.email });
    await client.json('POST', '/api/uc/account/email', { email: options.email, emailCode: await devLatestCode(baseUrl, options.email) });
  }
  return { ...user, client };
}

/** The browser context carries on the client's session (logged in without the login page). */
export async function signIn(context: BrowserContext, client: ApiClient): Promise<void> {
  const url = inject('baseUrl');
  await context.addCookies(client.cookieList().map((c) => ({ ...c, url })));
}
