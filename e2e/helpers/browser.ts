import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, inject, onTestFailed } from 'vitest';

export const CHROMIUM_FLAGS = [
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
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  onTestFailed(async ({ task }) => {
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const name = task.name.replace(/[^\w\u4e00-\u9fa5-]+/g, '_').slice(0, 80);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true }).catch(() => undefined);
    if (problems.length) console.error(`browser problems in "${task.name}":\n${problems.join('\n')}`);
  });
  (page as Page & { problems: string[] }).problems = problems;
  return { context, page };
}

/** Errors the page reported (uncaught exceptions, console errors such as CSP violations). */
export const pageProblems = (page: Page) => (page as Page & { problems: string[] }).problems;

export async function devCaptcha(baseUrl: string): Promise<string> {
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

/** Serious and critical axe-core findings on the page as it is now (quality.md). */
export async function axeProblems(page: Page): Promise<string[]> {
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

/** The answer to the captcha on the page (waits for an image other than `notId`). */
export async function captchaAnswer(page: Page, notId?: string | null): Promise<{ id: string; answer: string }> {
  const image = page.getByAltText('图形验证码图片');
  for (let i = 0; i < 100; i += 1) {
    const id = await image.getAttribute('data-captcha-id', { timeout: 10_000 }).catch(() => null);
    if (id && id !== notId) return { id, answer: await devCaptcha(inject('baseUrl')) };
    await page.waitForTimeout(100);
  }
  throw new Error('no new captcha image');
}
