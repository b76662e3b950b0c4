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
